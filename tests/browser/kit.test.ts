import { createServer, type Server } from 'node:http';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { axeViolations, describeBrowser, launchChromium, openPage, printPdf, screenshot } from './chromium.js';

// The kit itself: each helper must be able to fail, so each is shown catching what it is for.
describeBrowser('browser test kit', () => {
  let browser: Browser;
  let server: Server;
  let origin: string;
  const dir = mkdtempSync(join(tmpdir(), 'service-audit-kit-'));
  const page = (name: string, body: string) => {
    const file = join(dir, name);
    writeFileSync(
      file,
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${name}</title></head><body><main>${body}</main></body></html>`,
    );
    return pathToFileURL(file).href;
  };

  beforeAll(async () => {
    browser = await launchChromium();
    server = createServer((req, res) => {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(
        `<!doctype html><html lang="en"><head><title>served</title></head><body><main><h1>${req.url === '/' ? 'home' : 'other'}</h1></main></body></html>`,
      );
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const a = server.address();
    origin = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => server?.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  test('records a request that leaves the page, and stops it', async () => {
    const p = await openPage(
      browser,
      page(
        'leaks.html',
        '<h1>x</h1><img alt="" src="http://192.0.2.1/pixel.png"><img alt="" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">',
      ),
    );
    expect(p.requestsLeaving()).toEqual(['http://192.0.2.1/pixel.png']);
    await p.close();
  });

  test('opens a page served on loopback and sees nothing leave', async () => {
    const p = await openPage(browser, `${origin}/`);
    expect(await p.page.textContent('h1')).toBe('home');
    expect(p.requests).toEqual([`${origin}/`]);
    expect(p.requestsLeaving()).toEqual([]);
    await p.close();
  });

  test('axe-core finds a violation in a page whose CSP forbids scripts', async () => {
    const url = page(
      'axe.html',
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'"><h1>x</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">`,
    );
    const p = await openPage(browser, url);
    const v = await axeViolations(p.page);
    expect(v.map((x) => x.id)).toContain('image-alt');
    await p.close();
  });

  test('screenshots and PDFs land in test-output', async () => {
    const p = await openPage(
      browser,
      page('print.html', '<h1>one</h1><div style="break-before: page"><h2>two</h2></div>'),
      { width: 390 },
    );
    expect(existsSync(await screenshot(p.page, 'kit-390'))).toBe(true);
    const pdf = await printPdf(p.page, 'kit-a4', 'A4');
    expect(pdf.pages).toBe(2);
    expect(existsSync(pdf.path)).toBe(true);
    await p.close();
  });
});
