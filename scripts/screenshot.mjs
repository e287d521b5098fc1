// Regenerates docs/report.png, the picture of the HTML report in the README: the built binary
// renders the example answers (tests/fixtures/with-na.yaml) and Debian's Chromium (or $CHROMIUM)
// photographs the top of the page. Run with `npm run screenshot` (it builds first).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, 'docs', 'report.png');
const answers = process.argv[2] ?? join(root, 'tests', 'fixtures', 'with-na.yaml');
const colorScheme = process.env.SCHEME === 'dark' ? 'dark' : 'light';
const dir = mkdtempSync(join(tmpdir(), 'service-audit-shot-'));
try {
  const page = join(dir, 'report.html');
  execFileSync(
    process.execPath,
    [join(root, 'dist', 'service-audit.cjs'), 'report', '--answers', answers, '--format', 'html', '--out', page],
    { stdio: 'inherit' },
  );
  // The same flags as tests/browser/chromium.ts: no sandbox as root, none of Chromium's own traffic.
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    const context = await browser.newContext({
      viewport: { width: 960, height: 1180 },
      colorScheme,
      deviceScaleFactor: 1,
    });
    const tab = await context.newPage();
    await tab.goto(pathToFileURL(page).href);
    await tab.screenshot({ path: process.env.OUT || out });
  } finally {
    await browser.close();
  }
  console.log(`${process.env.OUT || out}: ${Math.round(statSync(process.env.OUT || out).size / 1024)} KiB`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
