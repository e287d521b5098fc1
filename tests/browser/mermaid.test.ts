/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { cli, FIXTURES } from '../e2e/cli-helpers.js';
import { describeBrowser, launchChromium, openPage, screenshot, type OpenedPage } from './chromium.js';

// The markdown report's chart, checked by rendering it with mermaid (the library GitHub renders
// mermaid blocks with, from node_modules, offline) in headless Chromium, and measuring the labels.
const MERMAID = createRequire(import.meta.url).resolve('mermaid/dist/mermaid.min.js');

interface Box {
  text: string;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** Renders one mermaid block into the page; returns the category labels' boxes and the plot's left edge. */
async function render(page: Page, source: string): Promise<{ labels: Box[]; plotLeft: number; plotBottom: number }> {
  return page.evaluate(async (src) => {
    const mermaid = (
      globalThis as unknown as {
        mermaid: { initialize(o: object): void; render(id: string, s: string): Promise<{ svg: string }> };
      }
    ).mermaid;
    mermaid.initialize({ startOnLoad: false });
    const { svg } = await mermaid.render(`chart${Math.random().toString(36).slice(2)}`, src);
    document.body.innerHTML = svg;
    const box = (e: Element) => e.getBoundingClientRect();
    // Horizontal charts keep categories on the left axis, vertical ones on the bottom axis.
    const labels = [...document.querySelectorAll('g.left-axis g.label text, g.bottom-axis g.label text')]
      .filter((t) => !/^\d+$/.test(t.textContent ?? ''))
      .map((t) => ({
        text: t.textContent ?? '',
        left: box(t).left,
        right: box(t).right,
        top: box(t).top,
        bottom: box(t).bottom,
      }));
    const plot = box(document.querySelector('g.plot')!);
    return { labels, plotLeft: plot.left, plotBottom: plot.bottom };
  }, source);
}

const overlaps = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
const anyOverlap = (boxes: Box[]) => boxes.some((a, i) => boxes.slice(i + 1).some((b) => overlaps(a, b)));

describeBrowser('markdown chart rendered by mermaid', () => {
  let browser: Browser;
  let p: OpenedPage;
  let markdown: string;
  let titles: string[];

  beforeAll(async () => {
    const r = cli(['report', '--answers', join(FIXTURES, 'year', '2026-q4.yaml'), '--format', 'markdown']);
    expect(r.code, r.stderr).toBe(0);
    markdown = r.stdout;
    titles = (
      JSON.parse(cli(['report', '--answers', join(FIXTURES, 'year', '2026-q4.yaml'), '--format', 'json']).stdout) as {
        elements: { title: string; score: number | null }[];
      }
    ).elements // The chart draws the scored elements: all but trust (its lead asks only a prediction, never scored) in this audit of a selling team.
      .filter((e) => e.score !== null)
      .map((e) => e.title);
    browser = await launchChromium();
    p = await openPage(browser, 'about:blank', { width: 1000 });
    await p.page.addScriptTag({ path: MERMAID });
  });
  afterAll(async () => {
    await p?.close();
    await browser?.close();
  });

  test('the built-in bank: fourteen labels, one per line, none overlapping another or the bars', async () => {
    const blocks = [...markdown.matchAll(/```mermaid\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(blocks).toHaveLength(1);
    expect(blocks[0]).toMatch(/^xychart-beta horizontal\n/);
    const { labels, plotLeft } = await render(p.page, blocks[0]!);
    expect(labels.map((l) => l.text)).toEqual(titles);
    expect(labels).toHaveLength(14);
    for (const l of labels) expect(l.right - l.left).toBeGreaterThan(0);
    expect(anyOverlap(labels)).toBe(false);
    for (const l of labels) expect(l.right).toBeLessThanOrEqual(plotLeft + 0.5);
    await screenshot(p.page, 'markdown-chart');
    expect(p.requestsLeaving()).toEqual([]);
  });

  test('the measure catches overlap: the old vertical chart of the same data crushes its labels', async () => {
    const vertical = [...markdown.matchAll(/```mermaid\n([\s\S]*?)```/g)][0]![1]!.replace(
      'xychart-beta horizontal',
      'xychart-beta',
    );
    const { labels } = await render(p.page, vertical);
    expect(labels).toHaveLength(14);
    expect(anyOverlap(labels)).toBe(true);
  });
});
