import { describe, expect, test } from 'vitest';
import type { Answers } from '../../src/answers/schema.js';
import { parseBank } from '../../src/bank/parse.js';
import { round1, scoreAudit, WEAKEST_LINK_MARGIN } from '../../src/score/score.js';
import { MINI_BANK_V2 } from '../helpers.js';

// The v2 mini bank (tests/helpers.ts), every expectation computed by hand beside it:
//   profile.in-person (yes/no, never scored)
//   dna, area weight 2, combine: weakest-link
//     customer (element weight 2): c.one-a (agree, weight 3), c.one-b (no 0 / mostly 0.5 / yes 1), c.two-new (yes/no)
//     delivery (weight 1, when profile.in-person: yes): d.brochure (yes/no), d.brochure-current (when d.brochure: yes)
//   eng, area weight 1: trust (weight 1, benchmark 20 on t.share): t.share (percent), t.new (agree)
//   scoring: percentAgainstBenchmark, questionWeights: flat
const v2 = (edit: (s: string) => string = (s) => s) => {
  const { bank, problems } = parseBank('mini-v2.yaml', edit(MINI_BANK_V2));
  expect(problems).toEqual([]);
  return bank!;
};
const answers = (a: Answers['answers']): Answers => ({ bank: 'mini@2', answers: a });
const scores = (s: ReturnType<typeof scoreAudit>) => ({
  overall: s.overall.score,
  areas: Object.fromEntries(s.areas.map((a) => [a.id, a.score])),
  elements: Object.fromEntries(s.elements.map((e) => [e.element.id, e.score])),
  priorities: s.priorities.map((p) => [p.questionId, round1(p.pointsToGain)]),
});

// Case A: everyone in person; customer all full credit; delivery half; trust half.
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

describe('the scoring rules a bank declares', () => {
  test('all rules together (case A)', () => {
    // customer = 100 × (3×1 + 1 + 1) / 5 = 100; flat weight 2 × 5 = 10
    // delivery = 100 × (1 + 0) / 2 = 50;          flat weight 1 × 2 = 2
    // dna mean = (10×100 + 2×50) / 12 = 91.67, weakest-link cap 50 + 15 = 65 → 65
    // t.share: 10 against the benchmark 20 → credit 0.5; trust = 100 × (0.5 + 0.5) / 2 = 50 → eng 50
    // overall = (2×65 + 1×50) / 3 = 60
    // gains: d.brochure-current → delivery 100, dna 100, overall (200 + 50) / 3 = 83.33: +23.33
    //        t.share → trust 75, overall (130 + 75) / 3 = 68.33: +8.33; t.new the same (bank order)
    expect(scores(scoreAudit(v2(), answers(A)))).toEqual({
      overall: 60,
      areas: { dna: 65, eng: 50 },
      elements: { 'dna.customer': 100, 'dna.delivery': 50, 'eng.trust': 50 },
      priorities: [
        ['d.brochure-current', 23.3],
        ['t.share', 8.3],
        ['t.new', 8.3],
      ],
    });
    expect(WEAKEST_LINK_MARGIN).toBe(15);
  });

  // Each rule taken away in turn from case A, so each is seen to do its part.
  test.each([
    // no weakest-link: dna = 91.67; overall = (2×91.67 + 50) / 3 = 77.78
    ['without weakest-link', (s: string) => s.replace('    combine: weakest-link\n', ''), 77.8, { dna: 91.7, eng: 50 }],
    // by-element weights: dna mean = (2×100 + 1×50) / 3 = 83.33, cap 65 → 65; overall 60 as before
    [
      'with by-element question weights',
      (s: string) => s.replace('questionWeights: flat', 'questionWeights: by-element'),
      60,
      { dna: 65, eng: 50 },
    ],
    // by-element and no cap: dna = 83.33; overall = (2×83.33 + 50) / 3 = 72.22
    [
      'with by-element weights and no weakest-link',
      (s: string) =>
        s.replace('questionWeights: flat', 'questionWeights: by-element').replace('    combine: weakest-link\n', ''),
      72.2,
      { dna: 83.3, eng: 50 },
    ],
    // value / 100: t.share credit 0.1, trust = 100 × (0.1 + 0.5) / 2 = 30; overall = (130 + 30) / 3 = 53.33
    [
      'percent as value / 100',
      (s: string) => s.replace('percentAgainstBenchmark: true, ', ''),
      53.3,
      { dna: 65, eng: 30 },
    ],
    // no area weights and no combine rule: overall = element mean with flat weights
    // customer 10×100, delivery 2×50, trust (1 × 2)×50 → 1200 / 14 = 85.71; dna = 91.67
    [
      'no area rules (overall from elements, as in v1)',
      (s: string) =>
        s
          .replace('    weight: 2\n    combine: weakest-link\n', '')
          .replace('    title: Engagement\n    weight: 1\n', '    title: Engagement\n'),
      85.7,
      { dna: 91.7, eng: 50 },
    ],
  ] as const)('%s', (_name, edit, overall, areas) => {
    const s = scoreAudit(v2(edit), answers(A));
    expect(s.overall.score).toBe(overall);
    expect(Object.fromEntries(s.areas.map((a) => [a.id, a.score]))).toEqual(areas);
  });

  test('a false condition: the element is not asked, its answers are left out, with the reason (case B)', () => {
    const s = scoreAudit(
      v2(),
      answers({
        'profile.in-person': { value: 'no' },
        'c.one-a': { value: 'no' },
        'c.one-b': { value: 'mostly' },
        'c.two-new': { value: 'yes' },
        // Answered before the profile said no: kept in the file, left out of the score.
        'd.brochure': { value: 'yes', note: 'kept' },
        't.share': { value: 45 },
      }),
    );
    // customer = 100 × (0 + 0.5 + 1) / 5 = 30; delivery not asked → null; dna = 30 (cap 45)
    // t.share 45 against 20 → full credit; trust = 100 → eng 100; overall = (2×30 + 100) / 3 = 53.33
    // gains: c.one-a → customer 90, overall (180 + 100) / 3 = 93.33: +40; c.one-b → 40, overall 60: +6.67
    expect(scores(s)).toEqual({
      overall: 53.3,
      areas: { dna: 30, eng: 100 },
      elements: { 'dna.customer': 30, 'dna.delivery': null, 'eng.trust': 100 },
      priorities: [
        ['c.one-a', 40],
        ['c.one-b', 6.7],
      ],
    });
    // Left out by the profile: not asked, counted apart from answers a person marked N/A.
    expect(s.notAsked).toEqual([
      { questionId: 'd.brochure', reason: 'No customers in person, so not asked.' },
      { questionId: 'd.brochure-current', reason: 'No customers in person, so not asked.' },
    ]);
    expect(s.notApplicable).toEqual([]);
    expect(s.unanswered).toEqual(['t.new']);
    expect(s.totals).toEqual({
      questions: 7,
      answered: 4,
      notApplicable: 0,
      notAsked: 2,
      notMeasured: 0,
      unanswered: 1,
    });
    // 45% where the poll found 20% is not a weakness; the benchmark still shows the raw share.
    expect(s.elements[2]!.weaknesses).toEqual([]);
    expect(s.elements[2]!.benchmark).toMatchObject({ yours: 45, value: 20, delta: 25 });
    // Advice by answer: "no" has its own; "mostly" gets the default.
    expect(s.priorities.map((p) => p.recommendation)).toEqual(['Start one A.', 'Do one B.']);
  });

  test('an unanswered condition does not block; a question condition false skips only that question (case C)', () => {
    const s = scoreAudit(v2(), answers({ 'd.brochure': { value: 'no' } }));
    // delivery = 0 (d.brochure-current not asked); dna = 0; eng not scored; overall = 0
    // gain: d.brochure → delivery 100, dna 100, overall 100: +100
    expect(scores(s)).toEqual({
      overall: 0,
      areas: { dna: 0, eng: null },
      elements: { 'dna.customer': null, 'dna.delivery': 0, 'eng.trust': null },
      priorities: [['d.brochure', 100]],
    });
    expect(s.notAsked).toEqual([{ questionId: 'd.brochure-current', reason: 'No brochure, so not asked.' }]);
  });

  test.each([
    [{ 'd.brochure': { value: 'no' } }, 'not asked: d.brochure is No'],
    [{ 'd.brochure': { na: 'we never print' } }, 'not asked: d.brochure is not applicable'],
  ])('without skipReason the reason names the answer that decided it (%j)', (a, reason) => {
    const s = scoreAudit(
      v2((x) => x.replace('            skipReason: No brochure, so not asked.\n', '')),
      answers(a),
    );
    expect(s.notAsked.find((n) => n.questionId === 'd.brochure-current')!.reason).toBe(reason);
  });

  test('a question whose condition names a question not asked is not asked either', () => {
    // profile says no → d.brochure is not asked → d.brochure-current, though its own condition names d.brochure, is not asked.
    const bank = v2((x) =>
      x
        .replace(
          '        when: { profile.in-person: yes }\n        skipReason: No customers in person, so not asked.\n',
          '',
        )
        .replace(
          '          - id: d.brochure\n',
          '          - id: d.brochure\n            when: { profile.in-person: yes }\n',
        ),
    );
    const s = scoreAudit(
      bank,
      answers({ 'profile.in-person': { value: 'no' }, 'd.brochure-current': { value: 'yes' } }),
    );
    expect(s.notAsked).toEqual([
      { questionId: 'd.brochure', reason: 'not asked: profile.in-person is No' },
      { questionId: 'd.brochure-current', reason: 'No brochure, so not asked.' },
    ]);
  });

  test('points to gain is the exact rise of the overall score, even under the weakest-link cap', () => {
    const bank = v2();
    const base = scoreAudit(bank, answers(A));
    for (const p of base.priorities) {
      const fixed = scoreAudit(
        bank,
        answers({ ...A, [p.questionId]: { value: p.questionId === 't.share' ? 20 : 'yes' } }),
      );
      expect(round1(p.pointsToGain), p.questionId).toBe(round1(fixed.overall.score! - base.overall.score!));
    }
  });
});
