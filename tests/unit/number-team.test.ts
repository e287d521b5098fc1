import { describe, expect, test } from 'vitest';
import { parseAnswers } from '../../src/answers/parse.js';
import { parseBank } from '../../src/bank/parse.js';
import { readSubmission, type FormItem } from '../../src/collect/submission.js';
import { renderForm } from '../../src/collect/form.js';
import { formItems, responseFile } from '../../src/collect/submission.js';
import { csvRespondents } from '../../src/team/csv.js';
import { createPool } from '../../src/team/pool.js';
import { TEAM_FORMATS } from '../../src/team/formats.js';
import { NUMBER_BANK } from '../helpers.js';

const bank = parseBank('num.yaml', NUMBER_BANK).bank!;

describe('a CSV with numeric columns, pooled', () => {
  const csv = ['s.chat,s.csat,b.escalate', '1,95,yes', '5,80,yes', '12,70,no', '2,90,yes', 'N/A,75,no'].join('\n');

  test('numbers are read as the answers file reads them, and pooled by their thresholds', () => {
    const { rows, fatal } = csvRespondents('facts.csv', csv, bank);
    expect(fatal).toEqual([]);
    expect(rows.flatMap((r) => r.problems)).toEqual([]);
    expect(rows.map((r) => r.answers!.answers['s.chat'])).toEqual([
      { value: 1 },
      { value: 5 },
      { value: 12 },
      { value: 2 },
      { na: 'marked not applicable in the CSV' },
    ]);
    const pool = createPool(bank);
    for (const r of rows) pool.add(r.answers!);
    const report = pool.finish({ toolVersion: '0', bankSha256: 'a'.repeat(64), inputs: 5, leftOut: [] });
    const q = (id: string) => report.results!.questions.find((x) => x.id === id)!;
    // s.chat has 4 answers, under the floor of 5: no figure of it at all, not even its counts
    // (issue 20, attack 1). With a floor of 3 its pooled credit shows.
    expect(q('s.chat')).toBeUndefined();
    const low = pool.finish({ toolVersion: '0', bankSha256: 'a'.repeat(64), inputs: 5, leftOut: [], minGroup: 3 });
    // s.chat credits 1, 0.5, 0, 1 (one N/A): mean 2.5 / 4 = 0.625 → 0.63
    expect(low.results!.questions.find((x) => x.id === 's.chat')).toMatchObject({
      type: 'number',
      answered: 4,
      notApplicable: 1,
      distribution: null,
      meanCredit: 0.63,
    });
    // s.csat credits 1, 0.6, 0, 1, 0.6: mean 3.2 / 5 = 0.64
    expect(q('s.csat')).toMatchObject({ answered: 5, meanCredit: 0.64 });
    // Scored by the one engine on pooled credits, each item on at least the floor (5) of people who
    // answered it: s.chat (4 answers, one N/A) is left out of every figure; speed = s.csat's 0.64 → 64.
    expect(report.results!.elements.find((e) => e.id === 'ops.speed')!.score).toBe(64);
    expect(report.results!.leftOutByFloor).toBe(1);
    expect(TEAM_FORMATS.terminal(report, {})).not.toContain('mean credit 0.63');
    expect(TEAM_FORMATS.terminal(low, {})).toContain('4 answered · not applicable 1; mean credit 0.63');
  });

  test.each([
    ['0x32', 's.chat is a number question; "0x32" is not a number'],
    ['5e1', 's.chat is a number question; "5e1" is not a number'],
    ['-2', 's.chat is a number question; "-2" is not a number'],
    ['2000', 's.chat: 2000 is more than the largest plausible value, 1440'],
  ])('a cell %j is refused at its line and column', (cell, message) => {
    const { rows } = csvRespondents('facts.csv', `b.escalate,s.chat\nyes,${cell}\n`, bank);
    expect(rows[0]!.problems).toEqual([
      {
        file: 'facts.csv',
        line: 2,
        col: 2,
        message,
        fix: 'write a number of minutes, from 0 to 1440, e.g. 12, or N/A if it is not measured',
      },
    ]);
  });
});

describe('the collect form asks a number with its unit; the server checks it', () => {
  const items: FormItem[] = formItems(bank, { audience: 'all' });
  const form = (values: Record<string, string>) =>
    readSubmission(items, new URLSearchParams(Object.entries(values).map(([k, v]) => [`q:${k}`, v])));

  test('a number input, labelled with its unit and range', () => {
    const page = renderForm({ bank, items, action: '/r', nonce: 'n' });
    expect(page).toContain(
      '>Number of minutes, from 0 to 1440</label><input type="number" inputmode="decimal" min="0" max="1440" step="any" name="q:s.chat"',
    );
    expect(page).toContain('>Number (%), from 0 to 100</label>');
  });

  test.each([
    ['12', 12],
    ['2,5', 2.5],
    [' 7 ', 7],
  ])('%j is kept as %d, and the stored file reads back the same', (typed, value) => {
    const s = form({ 's.chat': typed });
    expect(s.errors).toEqual({});
    expect(s.answers!['s.chat']).toEqual({ value });
    const text = responseFile(bank, items, { id: '0123456789abcdef', date: '2026-12-06', answers: s.answers! });
    expect(parseAnswers('r.yaml', text, bank).parsed!.answers.answers['s.chat']).toEqual({ value });
  });

  test.each(['0x32', '5e1', '-1', '1441', 'twelve'])('%j is refused in words, and kept in the form', (typed) => {
    const s = form({ 's.chat': typed, 'b.escalate': 'yes' });
    expect(s.errors).toEqual({ 's.chat': 'Write a number of minutes, from 0 to 1440.' });
    expect(s.answers).toBeUndefined();
    expect(s.state.values['s.chat']).toBe(typed);
  });
});
