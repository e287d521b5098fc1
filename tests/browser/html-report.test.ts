/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { cli, FIXTURES, V1_BANK } from '../e2e/cli-helpers.js';
import { answersYaml, TEAM_BANK } from '../team-helpers.js';
import { axeViolations, describeBrowser, launchChromium, openPage, PAPER, printPdf, screenshot } from './chromium.js';
import { pdfPageTexts, squash } from './pdf-text.js';

// The HTML report as a reader gets it: made by the built binary from the built-in bank, opened
// from a file in headless Chromium, looked at in light and dark, on a wide and a narrow screen,
// and printed on A4 and Letter.
describeBrowser('HTML report in Chromium', () => {
  let browser: Browser;
  const dir = mkdtempSync(join(tmpdir(), 'service-audit-html-'));
  const file = join(dir, 'report.html');
  const url = pathToFileURL(file).href;
  const historyFile = join(dir, 'history.html');
  const teamFile = join(dir, 'team.html');

  beforeAll(async () => {
    // Printed from the built-in bank v3 with weak answers to every lead question: every question of
    // its longest element (The Service Delivery, 21 lead questions) is listed, the print layout's worst case.
    const r = cli(['report', '--answers', join(FIXTURES, 'v3-weak.yaml'), '--format', 'html', '--out', file]);
    expect(r.code, r.stderr).toBe(0);
    // A history of three audits: the fixtures moved to three days.
    const days = ['2026-02-10', '2026-05-12', '2026-11-22'];
    const audits = ['complete.yaml', 'partial.yaml', 'with-na.yaml'].map((f, i) => {
      const out = join(dir, `audit-${i}.yaml`);
      writeFileSync(out, readFileSync(join(FIXTURES, f), 'utf8').replace(/^date: .*$/m, `date: ${days[i]}`));
      return out;
    });
    const h = cli(['history', '--bank', V1_BANK, ...audits, '--format', 'html', '--out', historyFile]);
    expect(h.code, h.stderr).toBe(0);
    // A team pool of eight respondents and a lead, on the team helpers' bank.
    const AGREE = ['strongly-disagree', 'disagree', 'neutral', 'agree', 'strongly-agree'];
    writeFileSync(join(dir, 'bank.yaml'), TEAM_BANK);
    const pool = Array.from({ length: 8 }, (_, i) => {
      const out = join(dir, `person-${i}.yaml`);
      writeFileSync(
        out,
        answersYaml(
          { 'u.self': AGREE[(i * 2) % 5]!, 't.self': AGREE[(i + 1) % 5]!, 't.tools': i % 3 ? 'yes' : 'no' },
          { group: i % 2 ? 'day' : 'night' },
        ),
      );
      return out;
    });
    writeFileSync(join(dir, 'lead.yaml'), answersYaml({ 'u.share': 70, 't.share': 60 }, { role: 'lead' }));
    const t = cli([
      'report',
      ...pool,
      join(dir, 'lead.yaml'),
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

  test('no request leaves the page, and its CSP would stop one: no script, no image, no stylesheet from anywhere', async () => {
    const p = await openPage(browser, url);
    expect(p.requests).toEqual([url]);
    // The stylesheet passed the CSP (its hash matches): headings have their rule.
    expect(await p.page.evaluate(() => getComputedStyle(document.querySelector('h2')!).borderBottomStyle)).toBe(
      'solid',
    );
    await p.close();

    // The same page with markup a renderer must never emit: its CSP stops every request and the script.
    const hostile = join(dir, 'hostile.html');
    const injected =
      '<img alt="" src="http://192.0.2.1/pixel.png"><link rel="stylesheet" href="http://192.0.2.1/x.css"><script>document.title = "script ran"</script><div style="background:url(http://192.0.2.1/bg.png)">x</div>';
    writeFileSync(hostile, readFileSync(file, 'utf8').replace('<main>', `<main>${injected}`));
    const h = await openPage(browser, pathToFileURL(hostile).href);
    expect(h.requestsLeaving().sort()).toEqual(['http://192.0.2.1/pixel.png', 'http://192.0.2.1/x.css']);
    for (const u of h.requestsLeaving()) expect(h.failures.get(u), u).toBe('csp');
    expect(await h.page.title()).not.toBe('script ran');
    await h.close();
  });

  for (const colorScheme of ['light', 'dark'] as const)
    test(`${colorScheme}: axe-core finds no violations, at 1280 and 390 pixels wide; screenshots kept`, async () => {
      for (const width of [1280, 390]) {
        const p = await openPage(browser, url, { width, colorScheme });
        expect(await axeViolations(p.page)).toEqual([]);
        // Nothing wider than the screen: no sideways scrolling on a phone.
        expect(await p.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
        // The axis labels over the bars never overlap.
        const ticks = await p.page.evaluate(() =>
          [...document.querySelectorAll('svg.axis text')]
            .map((t) => (t as SVGTextElement).getBoundingClientRect())
            .map((r) => [r.left, r.right]),
        );
        for (let i = 1; i < ticks.length; i++) expect(ticks[i]![0]).toBeGreaterThan(ticks[i - 1]![1]);
        // Chart labels: one row each, none overlapping the next.
        const rows = await p.page.evaluate(() =>
          [...document.querySelectorAll('table.chart th[scope=row]')]
            .map((t) => t.getBoundingClientRect())
            .map((r) => [r.top, r.bottom]),
        );
        // One row per scored element: this team does not sell (the six sales elements not asked), and
        // trust's lead question is a prediction, never scored: the four DNA and four engagement elements.
        expect(rows).toHaveLength(8);
        for (let i = 1; i < rows.length; i++) expect(rows[i]![0]).toBeGreaterThanOrEqual(rows[i - 1]![1] - 0.5);
        await screenshot(p.page, `report-${colorScheme}-${width}`);
        await p.close();
      }
    });

  test('the history page: nothing leaves it, axe-clean in light and dark, readable at 390 pixels; screenshots kept', async () => {
    const historyUrl = pathToFileURL(historyFile).href;
    for (const [width, colorScheme] of [
      [1280, 'light'],
      [390, 'dark'],
    ] as const) {
      const p = await openPage(browser, historyUrl, { width, colorScheme });
      expect(p.requests).toEqual([historyUrl]);
      expect(await axeViolations(p.page)).toEqual([]);
      expect(await p.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      // Four lines (overall and three areas), each with a marker per audit it has a score for.
      expect(await p.page.locator('.line-chart > svg g.series').count()).toBe(4);
      // Date labels under the chart: inside the picture and apart from each other.
      const ticks = await p.page.evaluate(() => {
        const svg = document.querySelector('.line-chart svg')!.getBoundingClientRect();
        const dates = [...document.querySelectorAll('.line-chart svg text')]
          .filter((t) => /^\d{4}-/.test(t.textContent ?? ''))
          .map((t) => t.getBoundingClientRect());
        return { svg: [svg.left, svg.right], dates: dates.map((r) => [r.left, r.right]) };
      });
      expect(ticks.dates).toHaveLength(3);
      for (const [l, r] of ticks.dates) expect(l >= ticks.svg[0]! - 0.5 && r <= ticks.svg[1]! + 0.5).toBe(true);
      for (let i = 1; i < ticks.dates.length; i++) expect(ticks.dates[i]![0]).toBeGreaterThan(ticks.dates[i - 1]![1]);
      await screenshot(p.page, `history-${colorScheme}-${width}`);
      await p.close();
    }
  });

  test('the team report page: nothing leaves it, axe-clean, the share with its interval beside the poll; screenshot kept', async () => {
    const teamUrl = pathToFileURL(teamFile).href;
    const p = await openPage(browser, teamUrl, { width: 1280 });
    expect(p.requests).toEqual([teamUrl]);
    expect(await axeViolations(p.page)).toEqual([]);
    expect(await p.page.locator('table.engagement line.interval').count()).toBeGreaterThan(0);
    await screenshot(p.page, 'team-light-1280');
    await p.close();
  });

  for (const format of ['A4', 'Letter'] as const)
    test(`prints on ${format}: whole pages, the chart on one page, no item of an element's section cut`, async () => {
      const p = await openPage(browser, url);
      // The header, the chart and the engagement table each fit one page. An element's section with
      // advice (what to do, a first step, an owner, a check) for every weak answer can be longer than a
      // page: it breaks only between its items, never inside one.
      const sections = await p.page.evaluate(() =>
        [...document.querySelectorAll('figure.chart-figure, section#engagement table, header')].map(
          // biome-ignore lint/performance/useDomNodeTextContent: the rendered text, as a reader sees it per page
          (s) => (s as HTMLElement).innerText,
        ),
      );
      const items = await p.page.evaluate(() =>
        [...document.querySelectorAll('section.element li')].map(
          // biome-ignore lint/performance/useDomNodeTextContent: the rendered text, as a reader sees it per page
          (s) => (s as HTMLElement).innerText,
        ),
      );
      const elements = await p.page.evaluate(() => document.querySelectorAll('section.element').length);
      const pdf = await printPdf(p.page, `report-${format}`, format);
      const pages = pdfPageTexts(pdf.pdf).map(squash);
      expect(pages).toHaveLength(pdf.pages);
      // Enough paper for the page's length, and no blank page.
      expect(pdf.pages).toBeGreaterThanOrEqual(4);
      expect(pdf.pages).toBeLessThanOrEqual(16);
      for (const text of pages) expect(text.length).toBeGreaterThan(0);
      // The header and the chart share page 1.
      expect(elements).toBe(8);
      // Each block starts and ends on the same page (its first words found on exactly one page, its
      // last words after them on that page): nothing of it was cut.
      expect(sections).toHaveLength(3);
      for (const s of sections) {
        const text = squash(s);
        const [first, last] = [text.slice(0, 60), text.slice(-40)];
        const on = pages.flatMap((p, i) => (p.includes(first) ? [i] : []));
        expect(on, first).toHaveLength(1);
        expect(pages[on[0]!]!.indexOf(last, pages[on[0]!]!.indexOf(first)), `${first} … ${last}`).toBeGreaterThan(-1);
      }
      // Each item of an element's section is found whole on one page. (Its whole text is unique: the
      // same question in Fix first reads differently, the advice first.)
      expect(items.length).toBeGreaterThanOrEqual(50);
      for (const item of items) {
        const text = squash(item);
        expect(
          pages.some((page) => page.includes(text)),
          text.slice(0, 80),
        ).toBe(true);
      }
      expect(pages[0]).toContain(squash('Scores by element'));
      // Page 1 is the page a manager reads first: the overall, the weakest element, the top three actions.
      expect(pages[0]).toContain(squash('Weakest element:'));
      expect(pages[0]).toContain(squash('Do first'));
      // The paper size is the one asked for.
      expect(readFileSync(pdf.path, 'latin1')).toContain(
        `/MediaBox [0 0 ${format === 'A4' ? '595.91998 842.88' : '612 792'}]`,
      );
      expect(PAPER[format].width).toBeGreaterThan(700);
      await p.close();
    });
});
