import { lint } from 'markdownlint/promise';
import { describe, expect, test } from 'vitest';
import { parseAnswers } from '../../src/answers/parse.js';
import { parseBank } from '../../src/bank/parse.js';
import type { Bank } from '../../src/bank/schema.js';
import { buildHistory, trendOf, type HistoryModel } from '../../src/history/model.js';
import { renderHistoryHtml, renderHistoryMarkdown, renderHistoryTerminal } from '../../src/history/render.js';
import { buildReport } from '../../src/report/model.js';
import { scoreAudit } from '../../src/score/score.js';
import { MARKDOWNLINT_CONFIG, MINI_BANK } from '../helpers.js';

const V1 = parseBank('mini.yaml', MINI_BANK).bank!;
// Version 2 rewords one question of The Customer; The Delivery and Trust keep theirs.
const V2 = parseBank(
  'mini2.yaml',
  MINI_BANK.replace('version: 1', 'version: 2').replace('Question two?', 'Question two, reworded?'),
).bank!;

const audit = (bank: Bank, date: string, answers: string, organization = 'Acme') => {
  const text = `bank: ${bank.id}@${bank.version}\norganization: ${JSON.stringify(organization)}\ndate: ${date}\nanswers:\n${answers}`;
  const parsed = parseAnswers(`${date}.yaml`, text, bank).parsed!;
  const report = buildReport(scoreAudit(bank, parsed.answers), {
    toolVersion: '1.2.3',
    bank,
    bankSha256: 'a'.repeat(64),
    answers: parsed.answers,
    answersFile: `${date}.yaml`,
    answersSha256: date.replace(/-/g, '').padEnd(64, '0'),
  });
  return { report, bank };
};
const ALL = (one: string, two: string, three: string, share: number) =>
  `  c.one: ${one}\n  c.two: ${two}\n  d.one: ${three}\n  t.share: ${share}\n`;

describe('trends', () => {
  test.each([
    [5.2, 'up'],
    [1, 'up'],
    [0.9, 'flat'],
    [0, 'flat'],
    [-0.9, 'flat'],
    [-1, 'down'],
    [-30, 'down'],
  ] as const)('a change of %d points is %s', (change, trend) => expect(trendOf(change)).toBe(trend));
});

describe('the history model', () => {
  const h = buildHistory(
    [
      audit(V1, '2026-01-10', ALL('no', 'no', 'never', 10)),
      audit(V1, '2026-04-10', ALL('partly', 'no', 'often', 20)),
      audit(V2, '2026-07-10', ALL('yes', 'yes', 'always', 45)),
    ],
    '1.2.3',
  );
  const el = (id: string) => h.elements.find((e) => e.id === id)!;

  test('one row per element with a point per audit, in audit order', () => {
    expect(h.audits.map((a) => [a.date, a.bank])).toEqual([
      ['2026-01-10', 'mini@1'],
      ['2026-04-10', 'mini@1'],
      ['2026-07-10', 'mini@2'],
    ]);
    // The Delivery: choice never/often/always = 0 / 0.8 / 1.
    expect(el('dna.delivery').points.map((p) => p?.score)).toEqual([0, 80, 100]);
    expect(el('dna.delivery')).toMatchObject({ change: 20, trend: 'up' });
  });

  test('across a bank change, only elements whose questions stayed the same are compared', () => {
    expect(el('dna.customer').points.map((p) => p?.comparable)).toEqual([true, true, false]);
    expect(el('dna.customer')).toMatchObject({ change: null, trend: null });
    expect(el('dna.delivery').points.map((p) => p?.comparable)).toEqual([true, true, true]);
    expect(el('eng.trust')).toMatchObject({ change: 25, trend: 'up' });
    // The area holding the changed element, and the overall score, are not compared either.
    expect(h.areas.find((a) => a.id === 'dna')).toMatchObject({ change: null, trend: null });
    expect(h.areas.find((a) => a.id === 'eng')).toMatchObject({ trend: 'up' });
    expect(h.overall).toMatchObject({ change: null, trend: null });
    expect(h.comparability).toEqual([
      'From 2026-04-10 (mini@1) to 2026-07-10 (mini@2) the questions changed, so only like is compared with like. The overall and area scores are not compared across this change. Same questions, compared: The Delivery, Trust. Questions changed, not compared: The Customer.',
    ]);
  });

  test('the same bank throughout: everything compared, nothing to say about it', () => {
    const same = buildHistory(
      [audit(V1, '2026-01-10', ALL('no', 'no', 'never', 10)), audit(V1, '2026-04-10', ALL('yes', 'no', 'never', 10))],
      'x',
    );
    expect(same.comparability).toEqual([]);
    expect(same.overall.trend).toBe('up');
    expect(same.elements.find((e) => e.id === 'dna.delivery')).toMatchObject({ change: 0, trend: 'flat' });
  });

  test('an audit that left an element unanswered is skipped: the latest is held against the last score', () => {
    const gap = buildHistory(
      [
        audit(V1, '2026-01-10', ALL('no', 'no', 'never', 10)),
        audit(V1, '2026-02-10', '  c.one: yes\n'),
        audit(V1, '2026-03-10', ALL('no', 'no', 'never', 40)),
      ],
      'x',
    );
    expect(gap.elements.find((e) => e.id === 'eng.trust')).toMatchObject({
      points: [{ score: 10 }, { score: null }, { score: 40 }],
      change: 30,
      trend: 'up',
    });
    // Nothing to compare when the latest audit left it unanswered.
    const last = buildHistory(
      [audit(V1, '2026-01-10', ALL('no', 'no', 'never', 10)), audit(V1, '2026-02-10', '  c.one: yes\n')],
      'x',
    );
    expect(last.elements.find((e) => e.id === 'eng.trust')).toMatchObject({ change: null, trend: null });
  });
});

describe('history renderers', () => {
  const h: HistoryModel = buildHistory(
    [
      audit(V1, '2026-01-10', ALL('no', 'no', 'never', 10), '<b>Acme</b> | \u001b[31m'),
      audit(V2, '2026-07-10', ALL('yes', 'yes', 'always', 45)),
    ],
    '1.2.3',
  );

  test('terminal: a table with trend arrows, at most 80 columns, control characters shown not sent', () => {
    const out = renderHistoryTerminal(h, { width: 80 });
    for (const l of out.split('\n')) expect(l.length, l).toBeLessThanOrEqual(80);
    expect(out).not.toMatch(/\u001b/);
    expect(out).toContain('Service audit history: <b>Acme</b> | \\x1b[31m');
    expect(out).toMatch(/^ {4}The Delivery +0\.0 +100\.0 {2}↑ \+100\.0$/m);
    expect(out).toMatch(/^ {4}The Customer +0\.0 +100\.0† {2}·$/m);
    expect(out).toContain('† The questions changed since the audit before');
  });

  test('markdown: passes markdownlint, escapes the organization', async () => {
    const md = renderHistoryMarkdown(h);
    const results = await lint({ strings: { md }, config: MARKDOWNLINT_CONFIG });
    expect(results.md).toEqual([]);
    expect(md).not.toContain('<b>');
    expect(md).toContain('| The Customer | 0.0 | 100.0† | · |');
  });

  test('html: escaped, the chart breaks the line where the questions changed', () => {
    const page = renderHistoryHtml(h);
    expect(page).toContain('<h1>Service audit history: &lt;b&gt;Acme&lt;/b&gt; | \\x1b[31m</h1>');
    expect(page).not.toMatch(/<b>|\u001b/);
    // Overall: two points, not joined (two moves "M", no "L").
    const overall = /<g class="series main"><title>Overall<\/title><path d="([^"]*)"/.exec(page)![1]!;
    expect(overall.match(/M/g)).toHaveLength(2);
    expect(overall).not.toContain('L');
  });
});
