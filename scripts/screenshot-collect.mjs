// Regenerates docs/collect-form.png, the picture of the collect form in the README: the built
// binary serves the built-in bank's team statements on loopback and Debian's Chromium (or
// $CHROMIUM) photographs the top of the form on a phone-sized screen (390 × 844 CSS pixels).
// Run with `npm run screenshot:collect` (it builds first).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = process.env.OUT || join(root, 'docs', 'collect-form.png');
const dir = mkdtempSync(join(tmpdir(), 'service-audit-shot-'));
const server = spawn(
  process.execPath,
  [join(root, 'dist', 'service-audit.cjs'), 'collect', '--out', dir, '--group', 'Front desk', '--no-qr'],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
try {
  const url = await new Promise((resolve, reject) => {
    let text = '';
    server.stdout.setEncoding('utf8').on('data', (d) => {
      text += d;
      const m = /http:\/\/\S+/.exec(text);
      if (m) setTimeout(() => resolve(m[0]), 300);
    });
    server.on('exit', (code) => reject(new Error(`collect exited ${code}`)));
  });
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
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
    const tab = await context.newPage();
    await tab.goto(url);
    await tab.locator('fieldset').first().getByText('Agree', { exact: true }).click();
    await tab.screenshot({ path: out });
  } finally {
    await browser.close();
  }
  console.log(`${out}: ${Math.round(statSync(out).size / 1024)} KiB`);
} finally {
  server.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
}
