/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { cli, FIXTURES, V1_BANK } from '../e2e/cli-helpers.js';
import { TEAM_BANK } from '../team-helpers.js';
import { axeViolations, describeBrowser, launchChromium, openPage } from './chromium.js';

// Issue 22 item 12: at 390 pixels the history chart's labels were about 7 px. Every text of the
// page, the chart's included, is at least 12 px as drawn, and nothing scrolls sideways.
describeBrowser('pages on a phone (issue 22 item 12)', () => {
  let browser: Browser;
  const dir = mkdtempSync(join(tmpdir(), 'service-audit-phone-'));
  const historyFile = join(dir, 'history.html');
  const teamFile = join(dir, 'team.html');

  beforeAll(async () => {
    const days = ['2026-02-10', '2026-05-12', '2026-11-22'];
    const audits = ['complete.yaml', 'partial.yaml', 'with-na.yaml'].map((f, i) => {
      const out = join(dir, `audit-${i}.yaml`);
      writeFileSync(out, readFileSync(join(FIXTURES, f), 'utf8').replace(/^date: .*$/m, `date: ${days[i]}`));
      return out;
    });
    const h = cli(['history', '--bank', V1_BANK, ...audits, '--format', 'html', '--out', historyFile]);
    expect(h.code, h.stderr).toBe(0);
    // A team pool of 12 in two groups: the engagement table is drawn for the pool and each group.
    const agree = ['strongly-disagree', 'disagree', 'neutral', 'agree', 'strongly-agree'];
    writeFileSync(join(dir, 'bank.yaml'), TEAM_BANK);
    const rows = Array.from(
      { length: 12 },
      (_, i) =>
        `${i % 2 ? 'night shift' : 'day shift'},${agree[(i * 3) % 5]},${agree[(i * 2 + 1) % 5]},${i % 3 ? 'yes' : 'no'}`,
    );
    writeFileSync(join(dir, 'pulse.csv'), `group,u.self,t.self,t.tools\n${rows.join('\n')}\n`);
    const t = cli([
      'report',
      join(dir, 'pulse.csv'),
      '--bank',
      join(dir, 'bank.yaml'),
      '--format',
      'html',
      '--out',
      teamFile,
    ]);
    expect(t.code, t.stderr).toBe(0);
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

  test('the team report’s engagement table at 390 px: every text at least 12 px, no sideways scroll', async () => {
    const p = await openPage(browser, pathToFileURL(teamFile).href, { width: 390, colorScheme: 'light' });
    const cells = await p.page.evaluate(() =>
      [...document.querySelectorAll('table.engagement *')]
        .filter((e) => [...e.childNodes].some((n) => n.nodeType === 3 && (n.textContent ?? '').trim() !== ''))
        .filter((e) => e.getBoundingClientRect().width > 0 && !e.closest('.visually-hidden'))
        .map((e) => ({
          text: (e.textContent ?? '').trim().slice(0, 30),
          px: parseFloat(getComputedStyle(e).fontSize),
        })),
    );
    expect(cells.length).toBeGreaterThan(5);
    expect(cells.filter((s) => s.px < 11.95)).toEqual([]);
    const overflow = await p.page.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      tables: [...document.querySelectorAll('table.engagement')].map((t) => {
        const box = t.getBoundingClientRect();
        return { right: box.right, left: box.left };
      }),
    }));
    expect(overflow.page).toBeLessThanOrEqual(390);
    for (const t of overflow.tables) {
      expect(t.left).toBeGreaterThanOrEqual(0);
      expect(t.right).toBeLessThanOrEqual(390);
    }
    // The wide question table scrolls inside its own labelled region, reachable by keyboard.
    expect(await axeViolations(p.page)).toEqual([]);
    await p.close();
  });
});
