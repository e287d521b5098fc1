import { describe, expect, test } from 'vitest';
import { parseAnswers } from '../../src/answers/parse.js';
import type { Answers } from '../../src/answers/schema.js';
import { adviceFor, adviceGaps, describeGap, unmeasuredAdvice } from '../../src/bank/advice.js';
import { parseBank } from '../../src/bank/parse.js';
import { numberFromText, numberLabel, thresholdIndex } from '../../src/bank/number.js';
import type { Question } from '../../src/bank/schema.js';
import { formatProblem } from '../../src/errors.js';
import { creditOf, labelOf, scoreAudit } from '../../src/score/score.js';
import { MINI_BANK, NUMBER_BANK } from '../helpers.js';

const bank = parseBank('num.yaml', NUMBER_BANK).bank!;
const q = (id: string): Question =>
  bank.areas.flatMap((a) => a.elements.flatMap((e) => e.questions)).find((x) => x.id === id)!;
const answers = (a: Answers['answers']): Answers => ({ bank: 'num@1', answers: a });

describe('number questions: credit by threshold', () => {
  test('the bank is valid and normalised with unit, direction, thresholds, max and roles', () => {
    expect(parseBank('num.yaml', NUMBER_BANK).problems).toEqual([]);
    expect(q('s.chat')).toMatchObject({
      type: 'number',
      unit: 'minutes',
      better: 'lower',
      max: 1440,
      thresholds: [
        { to: 2, credit: 1 },
        { to: 10, credit: 0.5 },
        { credit: 0, critical: true },
      ],
    });
    expect(bank.roles).toEqual({ lead: 'Team lead', it: 'IT' });
  });

  // better: lower — the first threshold with value <= to; better: higher — value >= to.
  test.each([
    ['s.chat', 0, 0, 1],
    ['s.chat', 2, 0, 1],
    ['s.chat', 2.01, 1, 0.5],
    ['s.chat', 10, 1, 0.5],
    ['s.chat', 10.5, 2, 0],
    ['s.chat', 1440, 2, 0],
    ['s.csat', 100, 0, 1],
    ['s.csat', 90, 0, 1],
    ['s.csat', 89.9, 1, 0.6],
    ['s.csat', 75, 1, 0.6],
    ['s.csat', 74, 2, 0],
    ['s.csat', 0, 2, 0],
  ])('%s = %d falls in t%d, credit %d', (id, value, index, credit) => {
    expect(thresholdIndex(q(id), value)).toBe(index);
    expect(creditOf(q(id), value)).toBe(credit);
  });

  test('the label shows the unit and the target beside the value', () => {
    expect(labelOf(q('s.chat'), 12)).toBe('12 minutes (target ≤ 2)');
    expect(labelOf(q('s.csat'), 80)).toBe('80% (target ≥ 90)');
    expect(numberLabel({ unit: 'hours', better: 'lower', thresholds: [{ credit: 1 }, { credit: 0 }] }, 3)).toBe(
      '3 hours',
    );
  });

  // speed (weight 1) = s.chat (weight 2) + s.csat (weight 1); basics = b.escalate (yes/no).
  test.each([
    // speed = 100 × (2×1 + 1×1) / 3 = 100; basics = 100; overall = 100
    [{ 's.chat': { value: 2 }, 's.csat': { value: 90 }, 'b.escalate': { value: 'yes' } }, 100, 100, 100],
    // speed = 100 × (2×0.5 + 1×0.6) / 3 = 53.33; basics = 0; overall = (53.33 + 0) / 2 = 26.67
    [{ 's.chat': { value: 5 }, 's.csat': { value: 80 }, 'b.escalate': { value: 'no' } }, 53.3, 0, 26.7],
    // speed = 100 × (2×0 + 1×0.6) / 3 = 20; basics = 100; overall = 60
    [{ 's.chat': { value: 12 }, 's.csat': { value: 75 }, 'b.escalate': { value: 'yes' } }, 20, 100, 60],
    // chat not measured: speed = 100 × 1×0 / 1 = 0 (csat 74 → t2); overall = (0 + 100) / 2 = 50
    [
      { 's.chat': { na: "we don't measure this" }, 's.csat': { value: 74 }, 'b.escalate': { value: 'yes' } },
      0,
      100,
      50,
    ],
  ] as [Answers['answers'], number, number, number][])('hand-computed scores %#', (a, speed, basics, overall) => {
    const s = scoreAudit(bank, answers(a));
    expect(s.elements.map((e) => e.score)).toEqual([speed, basics]);
    expect(s.overall.score).toBe(overall);
  });

  test("a weakness carries the threshold's advice with its first step, owner (the role's label) and check", () => {
    const s = scoreAudit(
      bank,
      answers({ 's.chat': { value: 12 }, 's.csat': { value: 80 }, 'b.escalate': { value: 'no' } }),
    );
    const chat = s.priorities.find((w) => w.questionId === 's.chat')!;
    // gain: speed rises by 100 × 2 × 1 / 3 = 66.67, overall by half that = 33.33
    expect(chat).toMatchObject({
      label: '12 minutes (target ≤ 2)',
      credit: 0,
      recommendation: 'Route chats to a person at once.',
      firstStep: 'Turn on chat notifications for two people per shift.',
      owner: 'IT',
      check: "No chat waits more than 10 minutes in a week's log.",
    });
    expect(chat.pointsToGain).toBeCloseTo(33.333, 2);
    // s.csat has only a recommendation: no first step, owner or check to invent.
    const csat = s.priorities.find((w) => w.questionId === 's.csat')!;
    expect(csat).toMatchObject({ recommendation: 'Ask dissatisfied customers why.', label: '80% (target ≥ 90)' });
    expect(csat).not.toHaveProperty('owner');
  });
});

describe('advice resolution (one rule for every report)', () => {
  test('the entry whose for lists the answer, else the one without for, else recommendations, else recommendation', () => {
    expect(adviceFor(q('s.chat'), 5, bank.roles).text).toBe('Staff chat at peak hours.');
    expect(adviceFor(q('s.chat'), 5, bank.roles).owner).toBe('Team lead');
    expect(adviceFor(q('b.escalate'), 'no', bank.roles)).toEqual({
      text: 'Name a person customers are passed to.',
      firstStep: 'Write the name on the escalation page.',
      owner: 'Team lead',
      check: 'Ask two staff who it is; both know.',
    });
    const mini = parseBank('m.yaml', MINI_BANK).bank!;
    const d = mini.areas[0]!.elements[1]!.questions[0]!;
    expect(adviceFor(d, 'never')).toEqual({ text: 'Do three.' });
    expect(adviceFor({ ...d, recommendations: { never: 'Start somewhere.' } }, 'never')).toEqual({
      text: 'Start somewhere.',
    });
  });

  test('a number not measured gets the bank\'s "na" advice, else an invitation to measure against the target', () => {
    expect(unmeasuredAdvice(q('s.chat'), bank.roles)).toMatchObject({
      text: 'Start timing chat replies.',
      owner: 'IT',
    });
    expect(unmeasuredAdvice(q('s.csat'), bank.roles)).toEqual({
      text: 'Start measuring this (in %), so that you can compare it with the target ≥ 90.',
    });
  });

  test('the bank-level check lists every weak level without a first step, owner and check', () => {
    expect(adviceGaps(bank).map(describeGap)).toEqual([
      's.csat t1 (≥ 75%): no advice entry',
      's.csat t2 (below 75%): no advice entry',
      's.csat na (not measured): no advice entry',
    ]);
    const complete = NUMBER_BANK.replace(
      '            recommendation: Ask dissatisfied customers why.\n',
      `            advice:
              - text: Ask dissatisfied customers why.
                firstStep: Call three of them.
                owner: lead
              - for: [na]
                text: Start a one-question survey.
                firstStep: Add it to the receipt.
                owner: it
                check: Fifty answers a month.
`,
    );
    expect(adviceGaps(parseBank('n.yaml', complete).bank!).map(describeGap)).toEqual([
      's.csat t1 (≥ 75%): no check',
      's.csat t2 (below 75%): no check',
    ]);
    const mini = parseBank('m.yaml', MINI_BANK).bank!;
    expect(adviceGaps(mini).map(describeGap)).toContain('c.one no (Disagree): no advice entry');
    expect(adviceGaps(mini).map(describeGap)).toContain('t.share (any) (any share below full credit): no advice entry');
  });
});

describe('number answers are validated like percents, with their position', () => {
  test.each([
    ['12', 12],
    ['0.5', 0.5],
    [' 7 ', 7],
    ['0x32', undefined],
    ['5e1', undefined],
    ['-1', undefined],
    ['12 minutes', undefined],
    ['', undefined],
  ])('typed %j → %s', (typed, expected) => {
    expect(numberFromText(typed)).toBe(expected);
    const { parsed } = parseAnswers('a.yaml', `bank: num@1\nanswers:\n  s.chat: ${JSON.stringify(typed)}\n`, bank);
    expect(parsed?.answers.answers['s.chat']?.value).toBe(expected);
  });

  test.each([
    [
      's.chat: "0x32"',
      'a.yaml:3:11  s.chat is a number question; "0x32" is not a number — write a number of minutes, from 0 to 1440, e.g. 12; or { na: "we don\'t measure this" }',
    ],
    [
      's.chat: { value: -3 }',
      'a.yaml:3:20  s.chat: -3 is below 0 — write a number of minutes, from 0 to 1440, e.g. 12; or { na: "we don\'t measure this" }',
    ],
    [
      's.csat: 101',
      'a.yaml:3:11  s.csat: 101 is more than the largest plausible value, 100 — write a number (%), from 0 to 100, e.g. 12; or { na: "we don\'t measure this" }',
    ],
    [
      's.chat: fast',
      'a.yaml:3:11  s.chat is a number question; "fast" is not a number — write a number of minutes, from 0 to 1440, e.g. 12; or { na: "we don\'t measure this" }',
    ],
  ])('%s is refused at its position', (line, expected) => {
    const { parsed, problems } = parseAnswers('a.yaml', `bank: num@1\nanswers:\n  ${line}\n`, bank);
    expect(parsed).toBeUndefined();
    expect(problems.map(formatProblem)).toEqual([expected]);
  });

  test('a number and N/A ("we don\'t measure this") are kept', () => {
    const { parsed } = parseAnswers(
      'a.yaml',
      'bank: num@1\nanswers:\n  s.chat: 1440\n  s.csat: { na: "we don\'t measure this" }\n',
      bank,
    );
    expect(parsed!.answers.answers).toEqual({ 's.chat': { value: 1440 }, 's.csat': { na: "we don't measure this" } });
  });
});

describe('bank rules for number questions and advice', () => {
  const problems = (from: string, to: string) =>
    parseBank('b.yaml', NUMBER_BANK.replace(from, to)).problems.map(formatProblem);
  test.each([
    [
      'thresholds out of order',
      '- { to: 10, credit: 0.5 }',
      '- { to: 1, credit: 0.5 }',
      [
        'b.yaml:26:23  with better: lower, thresholds go from best to worst, so "to" must rise: 1 is not above 2 — list the thresholds in order of rising "to"',
      ],
    ],
    [
      'a last threshold with to',
      '- { credit: 0, critical: true }',
      '- { to: 60, credit: 0, critical: true }',
      [
        'b.yaml:27:19  the last threshold has a "to", so some values match no threshold — remove "to" from the last threshold (it takes every value above the one before), or add a last one without "to"',
      ],
    ],
    [
      'credits rising as values worsen',
      '- { to: 75, credit: 0.6 }\n              - { credit: 0 }',
      '- { to: 75, credit: 0.6 }\n              - { credit: 0.7 }',
      [
        'b.yaml:56:27  threshold t2 earns more (0.7) than t1 before it (0.6), but values here are worse — make credits fall (or stay) from the first threshold to the last',
      ],
    ],
    [
      'no full credit',
      '- { to: 90, credit: 1 }',
      '- { to: 90, credit: 0.9 }',
      [
        'b.yaml:54:35  the first threshold earns 0.9, so no value earns full credit and there is no target to show — give the first (best) threshold "credit: 1"; its "to" is the target shown beside the answer',
      ],
    ],
    [
      'higher better, thresholds rising',
      '- { to: 75, credit: 0.6 }',
      '- { to: 95, credit: 0.6 }',
      [
        'b.yaml:55:23  with better: higher, thresholds go from best to worst, so "to" must fall: 95 is not below 90 — list the thresholds in order of falling "to"',
      ],
    ],
    [
      'a credit above 1',
      '- { to: 75, credit: 0.6 }',
      '- { to: 75, credit: 1.6 }',
      ['b.yaml:55:35  "credit" is 1.6 but must be at most 1 — change it to a number at most 1'],
    ],
    [
      'a threshold above max',
      '            max: 1440\n',
      '            max: 5\n',
      ['b.yaml:26:23  threshold "to: 10" is above the question\'s "max: 5" — lower it, or raise "max"'],
    ],
    [
      'a number question without unit',
      '            unit: minutes\n',
      '',
      ['b.yaml:21:19  a number question needs "unit" — add "unit:", e.g. unit: minutes'],
    ],
    [
      'thresholds on a yes/no question',
      '            type: yesno\n',
      '            type: yesno\n            unit: minutes\n',
      ['b.yaml:67:13  only number questions take "unit" — remove it, or change the type to number'],
    ],
    [
      'an owner that is not a role (with did you mean)',
      '                owner: it\n',
      '                owner: itt\n',
      ['b.yaml:40:24  unknown role "itt" — did you mean "it"? (roles: lead, it)'],
    ],
    [
      'a for value that is not a level (with did you mean)',
      '- for: [t2]',
      '- for: [t3]',
      [
        'b.yaml:19:17  question s.chat has no advice for the weak answer t2 — add an advice entry for them, one without "for" (any weak answer), or a "recommendation"',
        'b.yaml:37:23  s.chat has no threshold t3: its thresholds are t0 to t2 — use one of t0, t1, t2, na',
      ],
    ],
    [
      'a for on a yes/no question',
      '              - text: Name a person',
      '              - for: [nope]\n                text: Name a person',
      [
        'b.yaml:64:17  question b.escalate has no advice for the weak answer no — add an advice entry for them, one without "for" (any weak answer), or a "recommendation"',
        'b.yaml:69:23  "nope" is not an answer level of b.escalate — use one of yes, no',
      ],
    ],
    [
      'an answer level listed in two entries',
      '- for: [t2]',
      '- for: [t1, t2]',
      [
        'b.yaml:37:23  "t1" is listed again (first in advice[0]), so this entry is never used for it — list each answer level in one advice entry',
      ],
    ],
    [
      'an unknown level on a number, near a real one',
      '- for: [na]',
      '- for: [nа2]',
      ['b.yaml:42:23  "nа2" is not an answer level of s.chat — use one of t0, t1, t2, na'],
    ],
  ])('%s', (_name, from, to, expected) => {
    expect(NUMBER_BANK).toContain(from);
    expect(problems(from, to)).toEqual(expected);
  });
});

test('a prediction (never scored) needs no advice in the bank-level check', () => {
  const bank = parseBank('n.yaml', NUMBER_BANK).bank!;
  const csat = bank.areas[0]!.elements[0]!.questions[1]!;
  const before = adviceGaps(bank).filter((g) => g.questionId === 's.csat').length;
  expect(before).toBe(3);
  const predicted = {
    ...bank,
    areas: [
      {
        ...bank.areas[0]!,
        elements: [
          { ...bank.areas[0]!.elements[0]!, questions: [{ ...csat, type: 'percent' as const, predicts: 'x' }] },
        ],
      },
    ],
  };
  expect(adviceGaps(predicted)).toEqual([]);
});

test('a prediction without recommendation or advice is a valid question (it is never scored)', () => {
  const withPrediction = `${NUMBER_BANK}          - id: b.trust
            text: I trust the organization.
            type: yesno
            audience: team
            favourable: [yes]
            help: Trust is the base.
            recommendation: Ask the team what would build trust.
            sources: [{ ref: art, concept: Trust }]
          - id: b.trust-prediction
            text: What share of your team will say they trust the organization?
            type: percent
            predicts: b.trust
            help: Your guess beside the team's answer.
            sources: [{ ref: art, concept: Trust }]
`;
  const { bank, problems } = parseBank('p.yaml', withPrediction);
  expect(problems.map(formatProblem)).toEqual([]);
  expect(adviceGaps(bank!).map(describeGap)).not.toContain(expect.stringMatching(/^b\.trust-prediction/));
});

describe('the answers template and the per-bank answers schema learn the number type', () => {
  test('the template says what a number question takes, with its target', async () => {
    const { renderAnswersFile } = await import('../../src/answers/write.js');
    const text = renderAnswersFile(bank, { answers: {} }, { command: 'x' });
    expect(text).toContain('  #   number: a number of minutes, from 0 to 1440; target ≤ 2\n  s.chat:');
    expect(text).toContain('  #   number: a number (%), from 0 to 100; target ≥ 90\n  s.csat:');
  });

  test('`schema answers --bank`: a number from 0 to max, or N/A; words are refused', async () => {
    const { Ajv } = await import('ajv');
    const { jsonSchema } = await import('../../src/cli/commands/schema.js');
    const schema = JSON.parse(jsonSchema('answers', bank));
    const chat = schema.properties.answers.anyOf[0].properties['s.chat'];
    expect(chat.description).toBe(
      'How many minutes does a first reply on chat take, at the median? (a number of minutes, from 0 to 1440)',
    );
    expect(chat.anyOf[0]).toEqual({ type: 'number', minimum: 0, maximum: 1440 });
    const validate = new Ajv({ strict: false }).compile(schema);
    const file = (v: unknown) => ({ bank: 'num@1', answers: { 's.chat': v } });
    expect(validate(file(12))).toBe(true);
    expect(validate(file({ na: "we don't measure this" }))).toBe(true);
    expect(validate(file(1441))).toBe(false);
    expect(validate(file('fast'))).toBe(false);
  });
});
