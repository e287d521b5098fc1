import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Answers } from '../../src/answers/schema.js';
import { parseBank } from '../../src/bank/parse.js';
import { fixFirst, scoreAudit, scoreResults } from '../../src/score/score.js';
import { LOWEST_MIN_GROUP } from '../../src/team/anonymity.js';
import { createPool } from '../../src/team/pool.js';
import { pooledResults } from '../../src/team/pooled.js';
import { MINI_BANK_V2 } from '../helpers.js';

// The v2 mini bank with a team statement and the declarations of issue 18: every rule is in play.
const bank = parseBank(
  'mini.yaml',
  MINI_BANK_V2.replace(
    '            help: New in version 2.',
    '            audience: team\n            help: New in version 2.',
  )
    .replace('question: t.share, source: A poll }', 'question: t.share, source: A poll, target: 60 }')
    .replace(
      '{ value: no, label: No, credit: 0 }\n              - { value: mostly',
      '{ value: no, label: No, credit: 0, critical: true }\n              - { value: mostly',
    ),
).bank!;

const ids = [
  'profile.in-person',
  'c.one-a',
  'c.one-b',
  'c.two-new',
  'd.brochure',
  'd.brochure-current',
  't.share',
  't.new',
];
const values: Record<string, fc.Arbitrary<string | number>> = {
  'profile.in-person': fc.constantFrom('yes', 'no'),
  'c.one-a': fc.constantFrom('no', 'partly', 'yes'),
  'c.one-b': fc.constantFrom('no', 'mostly', 'yes'),
  'c.two-new': fc.constantFrom('yes', 'no'),
  'd.brochure': fc.constantFrom('yes', 'no'),
  'd.brochure-current': fc.constantFrom('yes', 'no'),
  't.share': fc.integer({ min: 0, max: 100 }),
  't.new': fc.constantFrom('no', 'partly', 'yes'),
};
/** One answers file: each question answered, marked N/A or left out. */
const file: fc.Arbitrary<Answers> = fc
  .tuple(
    ...ids.map((id) =>
      fc.oneof(
        values[id]!.map((v) => ({ value: v })),
        fc.constant({ na: 'not here' }),
        fc.constant(null),
      ),
    ),
  )
  .map((xs) => ({
    bank: 'mini@2',
    answers: Object.fromEntries(ids.flatMap((id, i) => (xs[i] === null ? [] : [[id, xs[i]!]]))),
  }));

describe('one scoring engine: single, pooled and combined', () => {
  test("a pool of N identical files scores as the single report of that file (its author's own answers)", () => {
    fc.assert(
      fc.property(file, fc.integer({ min: LOWEST_MIN_GROUP, max: 9 }), (answers, n) => {
        const single = scoreAudit(bank, answers, { teamStatements: 'score' });
        const pool = createPool(bank);
        for (let i = 0; i < n; i++) pool.add(answers);
        const { byQuestion, leftOutByFloor } = pooledResults(pool.layout, pool.tally, LOWEST_MIN_GROUP);
        const pooled = scoreResults(bank, byQuestion);
        expect(leftOutByFloor).toBe(0);
        const view = (s: typeof single) => ({
          overall: s.overall.score,
          missing: s.overall.missing,
          areas: s.areas.map((a) => a.score),
          elements: s.elements.map((e) => e.score),
          fixFirst: s.priorities.map((p) => [p.questionId, p.why, p.critical, +p.pointsToGain.toFixed(6)]),
        });
        expect(view(pooled)).toEqual(view(single));
        // The team report carries the same figures.
        const team = pool.finish({
          toolVersion: '0',
          bankSha256: '0',
          inputs: n,
          leftOut: [],
          minGroup: LOWEST_MIN_GROUP,
        });
        expect(team.results!.overall.score).toBe(single.overall.score);
        expect(team.results!.elements.map((e) => e.score)).toEqual(single.elements.map((e) => e.score));
        expect(team.priorities.map((p) => p.questionId)).toEqual(single.priorities.map((p) => p.questionId));
      }),
      { numRuns: 150 },
    );
  });

  test('an item answered by fewer than the floor is left out of every figure, and counted', () => {
    const full = { bank: 'mini@2', answers: { 'c.one-a': { value: 'yes' }, 'c.one-b': { value: 'yes' } } };
    const two = { bank: 'mini@2', answers: { ...full.answers, 'c.two-new': { value: 'no' } } };
    const pool = createPool(bank);
    for (const a of [full, full, full, two, two]) pool.add(a);
    const { byQuestion, leftOutByFloor } = pooledResults(pool.layout, pool.tally, 3);
    // c.two-new: 2 answers < 3 → left out; customer = 100 from c.one-a and c.one-b alone.
    expect(leftOutByFloor).toBe(1);
    expect(byQuestion.get('c.two-new')).toMatchObject({ status: 'not-measured' });
    const s = scoreResults(bank, byQuestion);
    expect(s.elements[0]!.score).toBe(100);
    expect(s.priorities.map((p) => p.questionId)).not.toContain('c.two-new');
    expect(fixFirst(s.elements, 5).every((p) => p.questionId !== 'c.two-new')).toBe(true);
  });
});
