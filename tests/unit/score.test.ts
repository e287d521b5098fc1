import { describe, expect, test } from 'vitest';
import type { Answers } from '../../src/answers/schema.js';
import { parseBank } from '../../src/bank/parse.js';
import { bandFor, round1, scoreAudit } from '../../src/score/score.js';
import { MINI_BANK } from '../helpers.js';

const bank = parseBank('mini.yaml', MINI_BANK).bank!;
const answers = (a: Answers['answers']): Answers => ({ bank: 'mini@1', answers: a });

// Mini bank: dna.customer (weight 2) = c.one (scale, weight 3) + c.two (yes/no);
// dna.delivery (weight 1) = d.one (choice: never 0, often 0.8, always 1); eng.trust (weight 1) = t.share (percent).
// Every expectation below is computed by hand in the comment beside it.
interface Case {
  name: string;
  answers: Answers['answers'];
  overall: number | null;
  band: string | null;
  elements: Record<string, number | null>;
  areas: Record<string, number | null>;
  priorities: [string, number][];
  unanswered?: string[];
  notApplicable?: string[];
}

const CASES: Case[] = [
  {
    name: 'weights within and across elements, a percent question',
    answers: {
      'c.one': { value: 'partly' },
      'c.two': { value: 'yes' },
      'd.one': { value: 'often' },
      't.share': { value: 45 },
    },
    // customer = 100 × (3×0.5 + 1×1) / 4 = 62.5; delivery = 80; trust = 45
    // dna = (2×62.5 + 1×80) / 3 = 68.33; overall = (2×62.5 + 80 + 45) / 4 = 62.5
    overall: 62.5,
    band: 'high',
    elements: { 'dna.customer': 62.5, 'dna.delivery': 80, 'eng.trust': 45 },
    areas: { dna: 68.3, eng: 45 },
    // gains: c.one (2/4)×100×3×0.5/4 = 18.75; t.share (1/4)×100×0.55 = 13.75; d.one (1/4)×100×0.2 = 5
    priorities: [
      ['c.one', 18.8],
      ['t.share', 13.8],
      ['d.one', 5],
    ],
  },
  {
    name: 'N/A left out of both sums, an element with nothing answered',
    answers: { 'c.one': { na: 'no such process' }, 'c.two': { value: 'no' }, 't.share': { value: 20 } },
    // customer = 100 × 0 / 1 = 0 (c.one left out); delivery unanswered → null, left out of the mean
    // overall = (2×0 + 1×20) / 3 = 6.67
    overall: 6.7,
    band: 'low',
    elements: { 'dna.customer': 0, 'dna.delivery': null, 'eng.trust': 20 },
    areas: { dna: 0, eng: 20 },
    // gains over total weight 3: c.two (2/3)×100 = 66.67; t.share (1/3)×100×0.8 = 26.67
    priorities: [
      ['c.two', 66.7],
      ['t.share', 26.7],
    ],
    unanswered: ['d.one'],
    notApplicable: ['c.one'],
  },
  {
    name: 'nothing answered',
    answers: {},
    overall: null,
    band: null,
    elements: { 'dna.customer': null, 'dna.delivery': null, 'eng.trust': null },
    areas: { dna: null, eng: null },
    priorities: [],
    unanswered: ['c.one', 'c.two', 'd.one', 't.share'],
  },
  {
    name: 'ties in priorities keep bank order',
    answers: {
      'c.one': { value: 'yes' },
      'c.two': { value: 'yes' },
      'd.one': { value: 'never' },
      't.share': { value: 0 },
    },
    // overall = (2×100 + 0 + 0) / 4 = 50; d.one and t.share each gain (1/4)×100 = 25
    overall: 50,
    band: 'low',
    elements: { 'dna.customer': 100, 'dna.delivery': 0, 'eng.trust': 0 },
    areas: { dna: 66.7, eng: 0 },
    priorities: [
      ['d.one', 25],
      ['t.share', 25],
    ],
  },
  {
    name: 'everything at full credit',
    answers: {
      'c.one': { value: 'yes' },
      'c.two': { value: 'yes' },
      'd.one': { value: 'always' },
      't.share': { value: 100 },
    },
    overall: 100,
    band: 'high',
    elements: { 'dna.customer': 100, 'dna.delivery': 100, 'eng.trust': 100 },
    areas: { dna: 100, eng: 100 },
    priorities: [],
  },
];

describe('scoreAudit', () => {
  test.each(CASES)('$name', (c) => {
    const s = scoreAudit(bank, answers(c.answers));
    expect(s.overall.score).toBe(c.overall);
    expect(s.overall.band?.id ?? null).toBe(c.band);
    expect(Object.fromEntries(s.elements.map((e) => [e.element.id, e.score]))).toEqual(c.elements);
    expect(Object.fromEntries(s.areas.map((a) => [a.id, a.score]))).toEqual(c.areas);
    expect(s.priorities.map((p) => [p.questionId, round1(p.pointsToGain)])).toEqual(c.priorities);
    expect(s.unanswered).toEqual(c.unanswered ?? []);
    expect(s.notApplicable.map((n) => n.questionId)).toEqual(c.notApplicable ?? []);
  });

  test('counts what is missing', () => {
    const s = scoreAudit(bank, answers({ 'c.one': { na: 'x' }, 'c.two': { value: 'no' } }));
    expect(s.totals).toEqual({
      questions: 4,
      answered: 1,
      notApplicable: 1,
      notAsked: 0,
      notMeasured: 0,
      unanswered: 2,
    });
    expect(s.elements[0]).toMatchObject({ answered: 1, notApplicable: 1, unanswered: 0 });
  });

  test('compares the benchmark question with the benchmark', () => {
    const s = scoreAudit(bank, answers({ 't.share': { value: 45 } }));
    expect(s.elements[2]!.benchmark).toMatchObject({ value: 20, yours: 45, delta: 25 });
    expect(scoreAudit(bank, answers({})).elements[2]!.benchmark).toMatchObject({ yours: null, delta: null });
  });

  test('limits priorities to the number asked for', () => {
    const s = scoreAudit(
      bank,
      answers({ 'c.one': { value: 'no' }, 'c.two': { value: 'no' }, 'd.one': { value: 'never' } }),
      { priorities: 2 },
    );
    expect(s.priorities).toHaveLength(2);
    expect(s.elements[0]!.weaknesses.map((w) => w.questionId)).toEqual(['c.one', 'c.two']);
  });

  test.each([
    [null, null],
    [0, 'low'],
    [59.9, 'low'],
    [60, 'high'],
    [100, 'high'],
  ])('puts %s in band %s', (score, band) => {
    expect(bandFor(bank.bands, score)?.id ?? null).toBe(band);
  });
});
