import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parseAnswers } from '../../src/answers/parse.js';
import type { Answers } from '../../src/answers/schema.js';
import { auditQuestions } from '../../src/audit/engine.js';
import {
  addDays,
  expiry,
  FIX_FIRST,
  planRecheck,
  reasonCounts,
  reviewDays,
  WEAK_CREDIT,
} from '../../src/audit/recheck.js';
import { parseBank } from '../../src/bank/parse.js';
import { DEFAULT_REVIEW_DAYS, type Bank } from '../../src/bank/schema.js';
import { scoreAudit } from '../../src/score/score.js';
import { thisQuarterFile, quarterOf } from '../../src/cli/recheck.js';
import { MINI_BANK, MINI_BANK_V2, V1_ANSWERS } from '../helpers.js';

const builtin = parseBank('b.yaml', readFileSync('questions/service-readiness.yaml', 'utf8')).bank as Bank;
const answersOf = (file: string, b = builtin): Answers => {
  const { parsed, problems } = parseAnswers(file, readFileSync(file, 'utf8'), b);
  expect(problems).toEqual([]);
  return parsed!.answers;
};

describe('the quarterly re-check', () => {
  test('a typical audit of the built-in bank asks at most 20 questions a quarter later', () => {
    const latest = answersOf('tests/fixtures/year/2026-q4.yaml');
    const today = addDays(latest.date!, 91);
    const r = planRecheck({ bank: builtin, latest, actedOn: new Set(), today });
    // What it asks is exactly what was weak (nothing is past its review date yet), computed from the
    // bank: at most "neither" or "sometimes", or among the Fix first worth the most.
    const scores = scoreAudit(builtin, latest, { priorities: FIX_FIRST });
    const weak = [
      ...scores.elements.flatMap((e) =>
        e.results.filter((x) => x.status === 'answered' && x.credit! <= WEAK_CREDIT).map((x) => x.question.id),
      ),
      ...scores.priorities.map((w) => w.questionId),
    ];
    expect(r.ask.map((x) => x.id).sort()).toEqual([...new Set(weak)].sort());
    expect(r.ask.every((x) => x.reasons.join() === 'weak')).toBe(true);
    expect(r.ask.length).toBeLessThanOrEqual(20);
    expect(r.ask.length).toBeGreaterThan(0);
    // The rest is carried forward, each answer with the day it was given.
    const carried = Object.entries(r.carried.answers);
    expect(carried.length).toBe(Object.keys(latest.answers).length - r.ask.length);
    expect(carried.every(([, a]) => a.date === latest.date)).toBe(true);
    expect(r.carried.organization).toBe(latest.organization);
    expect(r.total).toBeLessThanOrEqual(auditQuestions(builtin).length);
  });

  test('the plan’s actions and answers past their review date are asked again; reasons are counted once', () => {
    const latest = answersOf('tests/fixtures/year/2026-q4.yaml');
    const strong = Object.keys(latest.answers).find(
      (id) =>
        !planRecheck({ bank: builtin, latest, actedOn: new Set(), today: latest.date! }).ask.some((x) => x.id === id),
    )!;
    const r = planRecheck({ bank: builtin, latest, actedOn: new Set([strong]), today: latest.date! });
    expect(r.ask.find((x) => x.id === strong)!.reasons).toEqual(['acted-on']);
    // A year and a day later every answer is past the default review period.
    const late = planRecheck({
      bank: builtin,
      latest,
      actedOn: new Set(),
      today: addDays(latest.date!, DEFAULT_REVIEW_DAYS + 1),
    });
    expect(Object.keys(late.carried.answers).filter((id) => !late.ask.some((x) => x.id === id))).toEqual(
      Object.keys(late.carried.answers),
    );
    expect(late.ask.length).toBe(late.total);
    const counts = reasonCounts(late);
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(late.ask.length);
    expect(counts.expired).toBeGreaterThan(0);
  });

  test('an answer keeps its own date; the bank’s review on a question or element decides when it expires', () => {
    const bank = parseBank(
      'mini.yaml',
      MINI_BANK.replace('        weight: 2\n', '        weight: 2\n        review: 90\n').replace(
        '            weight: 3\n',
        '            weight: 3\n            review: 30\n',
      ),
    ).bank as Bank;
    const q = (id: string) =>
      bank.areas
        .flatMap((a) => a.elements.flatMap((e) => e.questions.map((x) => ({ x, e }))))
        .find((y) => y.x.id === id)!;
    expect(reviewDays(q('c.one').x, q('c.one').e)).toBe(30);
    expect(reviewDays(q('c.two').x, q('c.two').e)).toBe(90);
    expect(reviewDays(q('d.one').x, q('d.one').e)).toBe(DEFAULT_REVIEW_DAYS);
    const latest: Answers = {
      bank: 'mini@1',
      date: '2026-10-01',
      answers: {
        'c.one': { value: 'yes' },
        'c.two': { value: 'yes', date: '2026-06-01', evidence: 'https://wiki/two' },
        'd.one': { value: 'always' },
        't.share': { value: 100 },
      },
    };
    const r = planRecheck({ bank, latest, actedOn: new Set(), today: '2026-11-15' });
    expect(r.ask).toEqual([
      { id: 'c.one', reasons: ['expired'] },
      { id: 'c.two', reasons: ['expired'] },
    ]);
    expect(r.carried.answers['d.one']).toEqual({ value: 'always', date: '2026-10-01' });
    expect(expiry('2026-10-01', 30, '2026-10-31')).toEqual({ due: '2026-10-31', expired: false });
    expect(expiry('2026-10-01', 30, '2026-11-01').expired).toBe(true);
  });

  test('what a bank upgrade added or changed is asked again', () => {
    const v2 = parseBank('mini2.yaml', MINI_BANK_V2).bank as Bank;
    const { parsed } = parseAnswers('a.yaml', V1_ANSWERS, v2);
    const r = planRecheck({
      bank: v2,
      latest: parsed!.answers,
      upgrade: parsed!.upgrade!,
      actedOn: new Set(),
      today: '2026-11-23',
    });
    const reasons = new Set(r.ask.flatMap((x) => x.reasons));
    for (const id of parsed!.upgrade!.newQuestions)
      if (r.ask.some((x) => x.id === id)) expect(r.ask.find((x) => x.id === id)!.reasons).toContain('new');
    // The migration translated c.one-b's value and split c.one: both are asked again as changed.
    expect(parsed!.upgrade!.values.map((v) => v.id)).toContain('c.one-b');
    expect(r.ask.find((x) => x.id === 'c.one-b')!.reasons).toContain('changed');
    expect(r.ask.find((x) => x.id === 'c.one-a')!.reasons).toContain('changed');
    expect(reasons.has('changed')).toBe(true);
  });

  test('this quarter’s file is named after last quarter’s', () => {
    expect(quarterOf('2026-12-06')).toBe('2026-q4');
    expect(quarterOf('2027-01-01')).toBe('2027-q1');
    expect(thisQuarterFile('audits/2026-q3.yaml', '2026-12-06')).toBe('audits/2026-q4.yaml');
    expect(thisQuarterFile('service-audit-answers.yaml', '2027-04-02')).toBe('service-audit-answers-2027-q2.yaml');
  });
});

test('MINI_BANK parses', () => expect(parseBank('m', MINI_BANK).bank).toBeDefined());
