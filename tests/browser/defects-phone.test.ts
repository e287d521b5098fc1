/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { cli, FIXTURES, V1_BANK } from '../e2e/cli-helpers.js';
import { describeBrowser, launchChromium, openPage } from './chromium.js';

// Issue 22 item 12: at 390 pixels the history chart's labels were about 7 px. Every text of the
// page, the chart's included, is at least 12 px as drawn, and nothing scrolls sideways.
describeBrowser('pages on a phone (issue 22 item 12)', () => {
  let browser: Browser;
  const dir = mkdtempSync(join(tmpdir(), 'service-audit-phone-'));
  const historyFile = join(dir, 'history.html');

  beforeAll(async () => {
    const days = ['2026-02-10', '2026-05-12', '2026-11-22'];
    const audits = ['complete.yaml', 'partial.yaml', 'with-na.yaml'].map((f, i) => {
      const out = join(dir, `audit-${i}.yaml`);
      writeFileSync(out, readFileSync(join(FIXTURES, f), 'utf8').replace(/^date: .*$/m, `date: ${days[i]}`));
      return out;
    });
    const h = cli(['history', '--bank', V1_BANK, ...audits, '--format', 'html', '--out', historyFile]);
    expect(h.code, h.stderr).toBe(0);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('the history page at 390 px: every text at least 12 px as drawn, no sideways scroll', async () => {
    const p = await openPage(browser, pathToFileURL(historyFile).href, { width: 390, colorScheme: 'light' });
    const sizes = await p.page.evaluate(() =>
      [...document.querySelectorAll('body *')]
        .filter((e) => [...e.childNodes].some((n) => n.nodeType === 3 && (n.textContent ?? '').trim() !== ''))
        .filter((e) => e.getBoundingClientRect().width > 0 && !e.closest('.visually-hidden'))
        .map((e) => {
          const svg = e.closest('svg');
          const scale = svg?.viewBox.baseVal.width ? svg.getBoundingClientRect().width / svg.viewBox.baseVal.width : 1;
          return {
            text: (e.textContent ?? '').trim().slice(0, 30),
            px: parseFloat(getComputedStyle(e).fontSize) * scale,
          };
        }),
    );
    expect(sizes.filter((s) => s.px < 11.95)).toEqual([]);
    expect(await p.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await p.close();
  });
});
