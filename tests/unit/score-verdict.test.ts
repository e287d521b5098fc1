import { describe, expect, test } from 'vitest';
import type { Answers } from '../../src/answers/schema.js';
import { parseBank } from '../../src/bank/parse.js';
import { scoreAudit } from '../../src/score/score.js';
import { MINI_BANK_V2 } from '../helpers.js';

// The rules of issue 18 on the v2 mini bank (tests/helpers.ts), each computed by hand:
//   dna (area weight 2, weakest-link): customer (weight 2): c.one-a (w 3), c.one-b, c.two-new;
//     delivery (weight 1, when in person): d.brochure, d.brochure-current
//   eng (area weight 1): trust (benchmark 20 on t.share): t.share (percent), t.new
//   scoring: percentAgainstBenchmark, flat question weights
const v2 = (edit: (s: string) => string = (s) => s) => {
  const { bank, problems } = parseBank('mini-v2.yaml', edit(MINI_BANK_V2));
  expect(problems).toEqual([]);
  return bank!;
};
const answers = (a: Answers['answers']): Answers => ({ bank: 'mini@2', answers: a });
const A: Answers['answers'] = {
  'profile.in-person': { value: 'yes' },
  'c.one-a': { value: 'yes' },
  'c.one-b': { value: 'yes' },
  'c.two-new': { value: 'yes' },
  'd.brochure': { value: 'yes' },
  'd.brochure-current': { value: 'no' },
  't.share': { value: 10 },
  't.new': { value: 'partly' },
};
const target = (t: number) => (s: string) =>
  s.replace('question: t.share, source: A poll }', `question: t.share, source: A poll, target: ${t} }`);

describe('the poll is a reference, not the ceiling', () => {
  test('full credit at the target: credit = min(1, value / target)', () => {
    // t.share 10 against the target 40 → 0.25 (against the poll's 20 it was 0.5); trust = 100 × (0.25 + 0.5) / 2 = 37.5
    const s = scoreAudit(v2(target(40)), answers(A));
    expect(s.elements[2]!.score).toBe(37.5);
    expect(s.elements[2]!.benchmark).toMatchObject({ value: 20, target: 40, yours: 10, delta: -10 });
  });

  test("a pulse at the poll's own figure scores well below 100", () => {
    // 20% against the target 80 → 0.25; with t.new at full credit, trust = 100 × (0.25 + 1) / 2 = 62.5
    const s = scoreAudit(v2(target(80)), answers({ 't.share': { value: 20 }, 't.new': { value: 'yes' } }));
    expect(s.elements[2]!.score).toBe(62.5);
    // Without a target (the poll as ceiling) the same answers scored 100.
    expect(scoreAudit(v2(), answers({ 't.share': { value: 20 }, 't.new': { value: 'yes' } })).elements[2]!.score).toBe(
      100,
    );
  });
});

describe('essential elements', () => {
  const essential = (s: string) =>
    s.replace('        title: The Customer\n', '        title: The Customer\n        essential: true\n');
  test('with no applicable answer: missing, its area incomplete, no overall score; N/A cannot raise a score', () => {
    const allNa = { ...A, 'c.one-a': { na: 'x' }, 'c.one-b': { na: 'x' }, 'c.two-new': { na: 'x' } };
    // Without the declaration, marking the customer N/A lifts dna from 65 to delivery's 50 and the overall moves.
    const before = scoreAudit(v2(), answers(allNa));
    expect(before.overall.score).not.toBeNull();
    const s = scoreAudit(v2(essential), answers(allNa));
    expect(s.elements[0]).toMatchObject({ score: null, missing: true });
    expect(s.areas.map((a) => [a.id, a.score, a.missing])).toEqual([
      ['dna', null, ['dna.customer']],
      ['eng', 50, []],
    ]);
    expect(s.overall).toMatchObject({ score: null, band: null, missing: ['dna.customer'] });
  });

  test('answered, an essential element scores as any other', () => {
    expect(scoreAudit(v2(essential), answers(A)).overall).toMatchObject({ score: 60, missing: [] });
  });
});

describe('Fix first an operations director would sign', () => {
  test('a critical answer leads whatever its points, and says why', () => {
    // "partly" on the agree scale is critical: t.new (importance 1 × 1 × 1, × 0.5 = 0.5) was last.
    const bank = v2((s) =>
      s.replace(
        '{ value: partly, label: Partly, credit: 0.5 }',
        '{ value: partly, label: Partly, credit: 0.5, critical: true }',
      ),
    );
    const s = scoreAudit(bank, answers(A));
    expect(s.priorities.map((p) => [p.questionId, p.why, p.critical])).toEqual([
      ['t.new', 'critical', true],
      ['d.brochure-current', 'importance', false],
      ['t.share', 'importance', false],
    ]);
    // Points to gain stay as information: t.new is worth less than d.brochure-current.
    expect(s.priorities[0]!.pointsToGain).toBeLessThan(s.priorities[1]!.pointsToGain);
  });

  test('then declared importance × shortfall: question × element × area weight, never divided by siblings', () => {
    // By-element weights: c.one-a (w 3) is one of three customer questions, d.brochure one of two in delivery.
    const bank = v2((s) => s.replace('questionWeights: flat', 'questionWeights: by-element'));
    const s = scoreAudit(
      bank,
      answers({
        ...A,
        'c.one-a': { value: 'partly' },
        'd.brochure-current': { value: 'no' },
        't.new': { value: 'no' },
      }),
    );
    // c.one-a: 3 × 2 × 2 = 12 × 0.5 = 6; d.brochure-current: 1 × 1 × 2 = 2 × 1 = 2;
    // t.share: 1 × 1 × 1 = 1 × 0.5 = 0.5; t.new: 1 × 1 = 1 × 1 = 1
    expect(s.priorities.map((p) => [p.questionId, p.importance])).toEqual([
      ['c.one-a', 12],
      ['d.brochure-current', 2],
      ['t.new', 1],
      ['t.share', 1],
    ]);
  });

  test('the weakest scored element has an item within the first five, marked as such', () => {
    // trust = 0 (t.share 0, t.new no) is the weakest element; with one place, its best item takes it.
    const weakTrust = { ...A, 't.share': { value: 0 }, 't.new': { value: 'no' } };
    const one = scoreAudit(v2(), answers(weakTrust), { priorities: 1 });
    expect(one.priorities.map((p) => [p.questionId, p.why])).toEqual([['t.share', 'element']]);
    // With two places it is there on importance alone, after d.brochure-current.
    const two = scoreAudit(v2(), answers(weakTrust), { priorities: 2 });
    expect(two.priorities.map((p) => [p.questionId, p.why])).toEqual([
      ['d.brochure-current', 'importance'],
      ['t.share', 'importance'],
    ]);
  });

  test('team statements in a single report are not measured — never scored from one person', () => {
    const bank = v2((s) =>
      s.replace(
        '            help: New in version 2.',
        '            audience: team\n            help: New in version 2.',
      ),
    );
    const s = scoreAudit(bank, answers(A));
    // trust = t.share alone: 10 / 20 → 50; t.new is not measured (not unanswered).
    expect(s.elements[2]).toMatchObject({ score: 50, notMeasured: 1, unanswered: 0 });
    expect(s.notMeasured).toEqual([{ questionId: 't.new', reason: 'not measured — run a pulse' }]);
  });
});
