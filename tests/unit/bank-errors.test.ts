import { describe, expect, test } from 'vitest';
import { parseBank } from '../../src/bank/parse.js';
import { formatProblem } from '../../src/errors.js';
import { MINI_BANK, MINI_BANK_V2 } from '../helpers.js';

const BOMB =
  'x: &a [1,1,1,1,1,1,1,1,1,1]\ny: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nz: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nw: [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]';

// [name, text to replace, replacement, every expected problem line]
const CASES: [string, string, string, string[]][] = [
  [
    'YAML syntax error',
    'title: Mini bank',
    'title: [Mini bank',
    [
      'bank.yaml:4:1  YAML: Flow sequence in block collection must be sufficiently indented and end with a ] — indent this line like the other keys at its level (spaces only)',
    ],
  ],
  [
    'tab indentation (one error, not a cascade)',
    '            weight: 3',
    '\t  weight: 3',
    ['bank.yaml:24:1  YAML: Tabs are not allowed as indentation — indent with spaces, not tabs'],
  ],
  [
    'duplicate key',
    'title: Mini bank',
    'title: Mini bank\ntitle: Again',
    ['bank.yaml:4:1  duplicate key "title" (first at line 3) — remove or rename one of the two keys'],
  ],
  [
    'alias bomb',
    'title: Mini bank',
    `title: Mini bank\n${BOMB}`,
    [
      'bank.yaml:5:8  YAML: Excessive alias count indicates a resource exhaustion attack — use fewer aliases (*name); at most 100 expansions are allowed',
    ],
  ],
  [
    'duplicate question id',
    '          - id: c.two',
    '          - id: c.one',
    [
      'bank.yaml:28:17  duplicate question id "c.one" (first used at dna.customer.questions[0]) — give each one its own id',
    ],
  ],
  [
    'missing field',
    '            text: Question two?\n',
    '',
    ['bank.yaml:28:13  missing "text" — add "text:" with some text'],
  ],
  [
    'unknown key (typo)',
    '            weight: 3',
    '            wieght: 3',
    ['bank.yaml:24:13  unknown key "wieght" — did you mean "weight"? Rename it'],
  ],
  [
    'unknown key (no near match)',
    '            weight: 3',
    '            colour: red',
    [
      'bank.yaml:24:13  unknown key "colour" — remove it (allowed here: id, text, type, scale, options, unit, better, thresholds, max, weight, audience, favourable, predicts, when, skipReason, review, help, recommendation, recommendations, advice, sources, source)',
    ],
  ],
  [
    'credit out of range',
    '{ value: often, label: Often, credit: 0.8 }',
    '{ value: often, label: Often, credit: 1.5 }',
    ['bank.yaml:42:55  "credit" is 1.5 but must be at most 1 — change it to a number at most 1'],
  ],
  [
    'no full-credit option',
    '{ value: always, label: Always, credit: 1 }',
    '{ value: always, label: Always, credit: 0.9 }',
    ['bank.yaml:41:15  no option is worth full credit (1) — give the best answer "credit: 1"'],
  ],
  [
    'no zero-credit option in a scale',
    '{ value: no, label: Disagree, credit: 0 }',
    '{ value: no, label: Disagree, credit: 0.1 }',
    ['bank.yaml:9:5  no option is worth zero credit (0) — give the weakest answer "credit: 0"'],
  ],
  [
    'bands out of order',
    '{ id: high, label: High, min: 60 }',
    '{ id: high, label: High, min: 0 }',
    [
      'bank.yaml:6:35  bands must ascend: min 0 is not above the previous band\'s 0 — list the bands from lowest to highest with rising "min" values',
    ],
  ],
  [
    'bands not starting at 0',
    '{ id: low, label: Low, min: 0 }',
    '{ id: low, label: Low, min: 10 }',
    [
      'bank.yaml:5:33  the first band starts at 10, leaving scores below it without a band — set the first band\'s "min: 0"',
    ],
  ],
  [
    'weight of zero',
    '            weight: 3',
    '            weight: 0',
    ['bank.yaml:24:21  "weight" is 0 but must be greater than 0 — change it to a number greater than 0'],
  ],
  [
    'weight not a number',
    '            weight: 3',
    '            weight: three',
    ['bank.yaml:24:21  "weight" must be a number, not the text "three" — write a number here'],
  ],
  [
    'unknown question type',
    '            type: yesno',
    '            type: yes-no',
    [
      'bank.yaml:30:19  "type" is the text "yes-no"; expected one of scale, yesno, choice, percent, number — did you mean "yesno"?',
    ],
  ],
  [
    'unknown scale',
    '            scale: agree',
    '            scale: agreement',
    ['bank.yaml:23:20  unknown scale "agreement" — use one defined under "scales" (agree)'],
  ],
  [
    'options on a yes/no question',
    '            type: yesno\n',
    '            type: yesno\n            scale: agree\n',
    [
      'bank.yaml:31:13  a yesno question takes no "scale" — remove it (yes/no questions always offer Yes = 1 and No = 0)',
    ],
  ],
  [
    'benchmark over 100',
    'benchmark: { value: 20,',
    'benchmark: { value: 120,',
    ['bank.yaml:52:29  "value" is 120 but must be at most 100 — change it to a number at most 100'],
  ],
  [
    'benchmark question missing',
    'question: t.share',
    'question: t.shares',
    ['bank.yaml:52:67  benchmark question "t.shares" is not a question of this element — name one of: t.share'],
  ],
  [
    'benchmark with neither a question nor a pulse statement',
    'question: t.share, source: A poll }',
    'source: A poll }',
    [
      'bank.yaml:52:20  this benchmark names neither a question nor a pulse statement, so nothing is compared with it — add "question: <a percent question of this element>" or "pulse: { question: <a team statement>, values: [...] }"',
    ],
  ],
  [
    'pulse question missing',
    'question: t.share, source: A poll }',
    'question: t.share, source: A poll, pulse: { question: t.self, values: [yes] } }',
    ['bank.yaml:52:111  pulse question "t.self" is not a question of this element — name one of: t.share'],
  ],
  [
    'pulse question not a team question',
    'question: t.share, source: A poll }',
    'question: t.share, source: A poll, pulse: { question: t.share, values: [yes] } }',
    [
      'bank.yaml:52:111  pulse question "t.share" is not a team question — add "audience: team" to t.share: the share is counted over team members\' own answers',
    ],
  ],
  [
    'invalid id',
    'id: mini',
    'id: Mini Bank',
    ['bank.yaml:1:5  this id is not valid — use lower-case letters, digits and dashes, e.g. "lens-of-the-customer"'],
  ],
  [
    'several problems at once, in file order',
    '            weight: 3',
    '            weight: 3\n            wieght: 2\n            colour: red',
    [
      'bank.yaml:25:13  unknown key "wieght" — did you mean "weight"? Rename it',
      'bank.yaml:26:13  unknown key "colour" — remove it (allowed here: id, text, type, scale, options, unit, better, thresholds, max, weight, audience, favourable, predicts, when, skipReason, review, help, recommendation, recommendations, advice, sources, source)',
    ],
  ],
];

describe('a broken bank is rejected with every problem, positioned', () => {
  test.each(CASES)('%s', (_name, from, to, expected) => {
    const source = MINI_BANK.replace(from, to);
    expect(source).not.toBe(MINI_BANK);
    const { bank, problems } = parseBank('bank.yaml', source);
    expect(bank).toBeUndefined();
    expect(problems.map(formatProblem)).toEqual(expected);
  });

  test('an empty file', () => {
    expect(parseBank('bank.yaml', '').problems.map(formatProblem)).toEqual([
      'bank.yaml:1:1  the file must be a mapping of keys, not empty — write a mapping of keys here',
    ]);
  });

  test('the mini bank itself is valid and normalised', () => {
    const { bank, problems } = parseBank('bank.yaml', MINI_BANK);
    expect(problems).toEqual([]);
    const customer = bank!.areas[0]!.elements[0]!;
    expect(customer.id).toBe('dna.customer');
    expect(customer.questions[0]!.options!.map((o) => o.value)).toEqual(['no', 'partly', 'yes']);
    expect(customer.questions[1]!.options).toEqual([
      { value: 'yes', label: 'Yes', credit: 1 },
      { value: 'no', label: 'No', credit: 0 },
    ]);
    expect(customer.questions[1]!.weight).toBe(1);
    const share = bank!.areas[1]!.elements[0]!.questions[0]!;
    expect(share).toMatchObject({ type: 'percent', min: 0, max: 100 });
    expect(share.options).toBeUndefined();
  });
});

// The rules of bank format v2, each broken once in the v2 mini bank: [name, from, to, problems].
const V2_CASES: [string, string, string, string[]][] = [
  [
    'unknown source ref (typo)',
    'sources: [{ ref: dna, concept: Two }]',
    'sources: [{ ref: dnaa, concept: Two }]',
    ['bank.yaml:54:30  unknown source "dnaa" — did you mean "dna"?'],
  ],
  [
    'unknown source ref (no near match)',
    'sources: [{ ref: dna, concept: Two }]',
    'sources: [{ ref: handbook, concept: Two }]',
    ['bank.yaml:54:30  unknown source "handbook" — use one of the ids under the top-level "sources": dna, poll'],
  ],
  [
    'both source and sources',
    'sources: [{ ref: dna, concept: Two }]',
    'sources: [{ ref: dna, concept: Two }]\n            source: { file: a.txt, concept: Two }',
    [
      'bank.yaml:55:13  a question has both "source" and "sources" — keep "sources" (the old "source" is only for banks without a sources table)',
    ],
  ],
  [
    'neither source nor sources',
    '            sources: [{ ref: dna, concept: Two }]\n',
    '',
    [
      'bank.yaml:49:17  question c.two-new cites no source — add "sources: [{ ref: <an id of the top-level sources table>, concept: ... }]"',
    ],
  ],
  [
    'duplicate source id',
    '  - { id: poll, title: The 8th Habit',
    '  - { id: dna, title: The 8th Habit',
    [
      'bank.yaml:14:11  duplicate source id "dna" (first used at sources[0]) — give each one its own id',
      'bank.yaml:87:30  unknown source "poll" — use one of the ids under the top-level "sources": dna',
      'bank.yaml:94:30  unknown source "poll" — use one of the ids under the top-level "sources": dna',
    ],
  ],
  [
    'condition names an unknown question',
    'when: { d.brochure: yes }',
    'when: { d.brochur: yes }',
    [
      'bank.yaml:69:21  the condition names "d.brochur", which is not a question of this bank — did you mean "d.brochure"?',
    ],
  ],
  [
    'condition names an unknown value',
    'when: { d.brochure: yes }',
    'when: { d.brochure: yse }',
    ['bank.yaml:69:33  "yse" is not an answer to d.brochure — use one of yes, no'],
  ],
  [
    'condition value in a list',
    'when: { d.brochure: yes }',
    'when: { d.brochure: [yes, maybe] }',
    ['bank.yaml:69:39  "maybe" is not an answer to d.brochure — use one of yes, no'],
  ],
  [
    'condition on itself',
    'when: { d.brochure: yes }',
    'when: { d.brochure-current: yes }',
    [
      'bank.yaml:69:21  question d.brochure-current depends on itself — name a profile question or a question asked before this one',
    ],
  ],
  [
    'condition on a later question (a cycle would start)',
    'when: { profile.in-person: yes }',
    'when: { t.new: yes }',
    [
      'bank.yaml:57:17  the condition names t.new, which is asked after element dna.delivery (conditions may only look back, so that they cannot go round in a cycle) — name a profile question or a question asked earlier, or move this one after it',
    ],
  ],
  [
    'element condition on its own question',
    'when: { profile.in-person: yes }',
    'when: { d.brochure: yes }',
    [
      'bank.yaml:57:17  the condition names d.brochure, which is asked after element dna.delivery (conditions may only look back, so that they cannot go round in a cycle) — name a profile question or a question asked earlier, or move this one after it',
    ],
  ],
  [
    'condition on a percent question',
    '            help: New in version 2.',
    '            when: { t.share: 50 }\n            help: New in version 2.',
    [
      'bank.yaml:92:21  the condition names t.share, a percent question — name a yes/no, choice or scale question (a percent has no values to match)',
    ],
  ],
  [
    'skipReason without when',
    '            help: Why two matters.',
    '            skipReason: Not asked.\n            help: Why two matters.',
    [
      'bank.yaml:52:13  skipReason without a "when" condition — add "when:" or remove skipReason (it is shown only when the condition is false)',
    ],
  ],
  [
    'recommendation for an unknown answer',
    'recommendations: { no: Start one A. }',
    'recommendations: { never: Start one A. }',
    ['bank.yaml:37:32  "never" is not an answer to c.one-a — use one of no, partly, yes'],
  ],
  [
    'recommendations on a percent question',
    '            help: Compared with 20%.',
    '            help: Compared with 20%.\n            recommendations: { low: Build it. }',
    ['bank.yaml:86:13  a percent question takes no "recommendations" by answer — keep only "recommendation"'],
  ],
  [
    'migration maps to an unknown question',
    'renamed: { c.two: c.two-new }',
    'renamed: { c.two: c.two-neww }',
    ['bank.yaml:97:23  "c.two-neww" is not a question of this bank (version 2) — did you mean "c.two-new"?'],
  ],
  [
    'migration splits into an unknown question',
    'split: { c.one: [c.one-a, c.one-b] }',
    'split: { c.one: [c.one-a, c.one-c] }',
    ['bank.yaml:98:31  "c.one-c" is not a question of this bank (version 2) — did you mean "c.one-a"?'],
  ],
  [
    'migration removes a question still asked',
    'removed: [d.one]',
    'removed: [d.one, t.new]',
    [
      'bank.yaml:99:22  "t.new" is listed as removed but is still a question of this bank — remove it from the list (an id that stays needs no entry)',
    ],
  ],
  [
    'migration maps an old id twice',
    'removed: [d.one]',
    'removed: [d.one, c.two]',
    [
      'bank.yaml:99:22  old id "c.two" is mapped twice (also under renamed) — map each old id once: renamed, split or removed',
    ],
  ],
  [
    'migration maps to an unknown value',
    'values: { c.one-b: { partly: mostly } }',
    'values: { c.one-b: { partly: most } }',
    ['bank.yaml:100:34  "most" is not an answer to c.one-b — use one of no, mostly, yes'],
  ],
  [
    'migration values for an unknown question',
    'values: { c.one-b: { partly: mostly } }',
    'values: { c.one-x: { partly: mostly } }',
    ['bank.yaml:100:15  "c.one-x" is not a question of this bank (version 2) — did you mean "c.one-a"?'],
  ],
  [
    'migration adds an unknown question',
    'removed: [d.one]',
    'removed: [d.one]\n    added: [t.neww]',
    ['bank.yaml:100:13  "t.neww" is not a question of this bank (version 2) — did you mean "t.new"?'],
  ],
  [
    'migration from a version not earlier',
    '  - from: 1',
    '  - from: 2',
    ['bank.yaml:96:11  a migration from version 2 in a bank of version 2 — map from an earlier version (below 2)'],
  ],
  [
    'unknown combine rule',
    'combine: weakest-link',
    'combine: weakest',
    [
      'bank.yaml:24:14  "combine" is the text "weakest"; expected one of mean, weakest-link — use one of mean, weakest-link',
    ],
  ],
  [
    'area weight of zero',
    '    weight: 2\n    combine',
    '    weight: 0\n    combine',
    ['bank.yaml:23:13  "weight" is 0 but must be greater than 0 — change it to a number greater than 0'],
  ],
  [
    'unknown question-weight rule',
    'questionWeights: flat',
    'questionWeights: equal',
    [
      'bank.yaml:15:60  "questionWeights" is the text "equal"; expected one of by-element, flat — use one of by-element, flat',
    ],
  ],
  [
    'profile choice without options',
    '    type: yesno\nareas',
    '    type: choice\nareas',
    [
      'bank.yaml:19:11  a choice question needs "options" — add "options:" with value, label and credit for each choice',
    ],
  ],
  [
    'profile question of a scored type',
    '    type: yesno\nareas',
    '    type: percent\nareas',
    ['bank.yaml:19:11  "type" is the text "percent"; expected one of yesno, choice — use one of yesno, choice'],
  ],
  [
    'profile id clashes with a question',
    'id: profile.in-person',
    'id: t.new',
    [
      'bank.yaml:57:17  the condition names "profile.in-person", which is not a question of this bank — name a profile question or a question asked before this one',
      'bank.yaml:88:17  duplicate question id "t.new" (first used at profile[0]) — give each one its own id',
    ],
  ],
  [
    'condition of the wrong shape',
    'when: { d.brochure: yes }',
    'when: { d.brochure: { a: 1 } }',
    [
      'bank.yaml:69:33  a condition takes an answer value or a list of them — write e.g. "profile.sells: yes" or "customer.channels: [agree, strongly-agree]"',
    ],
  ],
];

describe('a v2 bank: sources, profile, conditions, advice by answer, scoring rules and migrations are checked', () => {
  test('the v2 mini bank itself is valid, with no deprecation notice', () => {
    const { bank, problems, notices } = parseBank('bank.yaml', MINI_BANK_V2);
    expect(problems).toEqual([]);
    expect(notices).toEqual([]);
    expect(bank!.sources.map((s) => [s.id, s.date])).toEqual([
      ['dna', '2013'],
      ['poll', '2004'],
    ]);
    expect(bank!.profile.map((q) => [q.id, q.profile, q.options!.map((o) => o.value)])).toEqual([
      ['profile.in-person', true, ['yes', 'no']],
    ]);
    expect(bank!.areas[0]).toMatchObject({ weight: 2, combine: 'weakest-link' });
    expect(bank!.areas[0]!.elements[1]).toMatchObject({
      when: { 'profile.in-person': ['yes'] },
      skipReason: 'No customers in person, so not asked.',
    });
    expect(bank!.migrations).toEqual([
      {
        from: 1,
        renamed: { 'c.two': 'c.two-new' },
        split: { 'c.one': ['c.one-a', 'c.one-b'] },
        removed: ['d.one'],
        values: { 'c.one-b': { partly: 'mostly' } },
      },
    ]);
  });

  test('a v1 bank (source: { file, concept }) loads as before, with one deprecation notice and its files as source titles', () => {
    const { bank, problems, notices } = parseBank('bank.yaml', MINI_BANK);
    expect(problems).toEqual([]);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/^bank\.yaml: .*deprecated.*sources: \[\{ ref, concept \}\]/);
    expect(bank!.sources.map((s) => s.title)).toEqual(['a.txt', 'b.txt', 'c.txt']);
    expect(bank!.areas[0]!.elements[0]!.questions[0]!.sources).toEqual([{ ref: 'a.txt', concept: 'One' }]);
  });

  test('conditions written as YAML booleans or numbers read as answer values', () => {
    const { bank } = parseBank(
      'bank.yaml',
      MINI_BANK_V2.replace('when: { profile.in-person: yes }', 'when: { profile.in-person: true }'),
    );
    expect(bank!.areas[0]!.elements[1]!.when).toEqual({ 'profile.in-person': ['yes'] });
  });

  test.each(V2_CASES)('%s', (_name, from, to, expected) => {
    const source = MINI_BANK_V2.replace(from, to);
    expect(source).not.toBe(MINI_BANK_V2);
    const { bank, problems } = parseBank('bank.yaml', source);
    expect(bank).toBeUndefined();
    expect(problems.map(formatProblem)).toEqual(expected);
  });
});

// The shared declarations of issue 18 (essential, critical, benchmark.target, favourable, predicts), each broken once.
const T_HELP = '            help: New in version 2.';
const SHARE_HELP = '            help: Compared with 20%.';
const DECLARATION_CASES: [string, string, string, string[]][] = [
  [
    'favourable names an answer the statement does not have',
    T_HELP,
    `            audience: team\n            favourable: [yes, agre]\n${T_HELP}`,
    ['bank.yaml:93:31  "agre" is not an answer to t.new — use one of no, partly, yes'],
  ],
  [
    'favourable on a lead question',
    T_HELP,
    `            favourable: [yes]\n${T_HELP}`,
    [
      'bank.yaml:92:13  "favourable" on t.new, which is not a team statement — add "audience: team" (favourable answers are counted over team members\' own answers) or remove it',
    ],
  ],
  [
    'favourable on a percent team question',
    SHARE_HELP,
    `            audience: team\n            favourable: [yes]\n${SHARE_HELP}`,
    [
      'bank.yaml:86:13  "favourable" on t.share, a percent question — remove it (a percent answer has no values to count as favourable)',
    ],
  ],
  [
    'predicts an unknown question',
    SHARE_HELP,
    `            predicts: t.nw\n${SHARE_HELP}`,
    ['bank.yaml:85:23  "t.nw" is not a question of this bank — name a question with "audience: team"'],
  ],
  [
    'predicts a lead question',
    SHARE_HELP,
    `            predicts: t.new\n${SHARE_HELP}`,
    ['bank.yaml:85:23  "t.new" is not a team statement — add "audience: team" to t.new, or name a team statement'],
  ],
  [
    'predicts on a question that is not percent',
    T_HELP,
    `            predicts: t.new\n${T_HELP}`,
    [
      'bank.yaml:92:13  t.new predicts a team statement but is a scale question — make it a lead question of type percent (the predicted share of the team), or remove "predicts"',
    ],
  ],
  [
    'benchmark target over 100',
    'question: t.share, source: A poll }',
    'question: t.share, source: A poll, target: 120 }',
    ['bank.yaml:80:100  "target" is 120 but must be at most 100 — change it to a number at most 100'],
  ],
  [
    'benchmark target of zero',
    'question: t.share, source: A poll }',
    'question: t.share, source: A poll, target: 0 }',
    ['bank.yaml:80:100  "target" is 0 but must be greater than 0 — change it to a number greater than 0'],
  ],
  [
    'a critical answer worth full credit',
    '{ value: yes, label: Yes, credit: 1 }\n            help: Why one B',
    '{ value: yes, label: Yes, credit: 1, critical: true }\n            help: Why one B',
    ['bank.yaml:45:54  a critical answer is worth full credit (1) — mark a weak answer critical, or lower its credit'],
  ],
  [
    'critical on a question (only options are critical)',
    '            help: Why two matters.',
    '            critical: true\n            help: Why two matters.',
    [
      'bank.yaml:52:13  unknown key "critical" — remove it (allowed here: id, text, type, scale, options, unit, better, thresholds, max, weight, audience, favourable, predicts, when, skipReason, review, help, recommendation, recommendations, advice, sources, source)',
    ],
  ],
  [
    'a critical profile answer',
    '    type: yesno\nareas',
    '    type: choice\n    options:\n      - { value: yes, label: Yes, credit: 1 }\n      - { value: no, label: No, credit: 0, critical: true }\nareas',
    [
      'bank.yaml:22:44  a profile answer cannot be critical (profile answers are never scored) — remove "critical", or mark the answer of a scored question',
    ],
  ],
  [
    'essential that is not true or false',
    '        title: The Delivery\n',
    '        title: The Delivery\n        essential: yes\n',
    ['bank.yaml:57:20  "essential" must be true or false, not the text "yes" — write true or false here'],
  ],
];

describe('the declarations of issue 18 are checked', () => {
  test.each(DECLARATION_CASES)('%s', (_name, from, to, expected) => {
    const source = MINI_BANK_V2.replace(from, to);
    expect(source).not.toBe(MINI_BANK_V2);
    const { bank, problems } = parseBank('bank.yaml', source);
    expect(bank).toBeUndefined();
    expect(problems.map(formatProblem)).toEqual(expected);
  });

  test('a prediction naming a near team statement is offered it', () => {
    const source = MINI_BANK_V2.replace(T_HELP, `            audience: team\n${T_HELP}`).replace(
      SHARE_HELP,
      `            predicts: t.nw\n${SHARE_HELP}`,
    );
    expect(parseBank('bank.yaml', source).problems.map(formatProblem)).toEqual([
      'bank.yaml:85:23  "t.nw" is not a question of this bank — did you mean "t.new"?',
    ]);
  });

  test('every declaration is kept by normalisation; absent ones stay absent', () => {
    const source = MINI_BANK_V2.replace(
      T_HELP,
      `            audience: team\n            favourable: [partly, yes]\n${T_HELP}`,
    )
      .replace(SHARE_HELP, `            predicts: t.new\n${SHARE_HELP}`)
      .replace('question: t.share, source: A poll }', 'question: t.share, source: A poll, target: 80 }')
      .replace('        title: The Delivery\n', '        title: The Delivery\n        essential: true\n')
      .replace(
        '{ value: no, label: No, credit: 0 }\n              - { value: mostly',
        '{ value: no, label: No, credit: 0, critical: true }\n              - { value: mostly',
      )
      .replace(
        '{ value: no, label: Disagree, credit: 0 }',
        '{ value: no, label: Disagree, credit: 0, critical: true }',
      );
    const { bank, problems } = parseBank('bank.yaml', source);
    expect(problems.map(formatProblem)).toEqual([]);
    const [customer, delivery] = bank!.areas[0]!.elements;
    const trust = bank!.areas[1]!.elements[0]!;
    expect(delivery!.essential).toBe(true);
    expect(customer).not.toHaveProperty('essential');
    expect(trust.benchmark!.target).toBe(80);
    expect(trust.questions[0]!.predicts).toBe('t.new');
    expect(trust.questions[1]!.favourable).toEqual(['partly', 'yes']);
    expect(trust.questions[0]).not.toHaveProperty('favourable');
    // A scale's critical option is critical in every question using the scale.
    expect(customer!.questions[0]!.options![0]).toEqual({ value: 'no', label: 'Disagree', credit: 0, critical: true });
    expect(trust.questions[1]!.options![0]!.critical).toBe(true);
    expect(customer!.questions[1]!.options!.map((o) => o.critical)).toEqual([true, undefined, undefined]);
    expect(customer!.questions[1]!.options![1]).not.toHaveProperty('critical');
  });
});

describe('a benchmark measured only in the pulse', () => {
  // Bank v3 asks the lead for a prediction instead of a past pulse result, so the element has no
  // percent question to compare: the pulse statement is what the benchmark is compared with.
  test('loads without a question, keeping the pulse statement it is compared with', () => {
    const source = MINI_BANK_V2.replace(T_HELP, `            audience: team\n${T_HELP}`).replace(
      'question: t.share, source: A poll }',
      'source: A poll, pulse: { question: t.new, values: [yes] } }',
    );
    expect(source).not.toBe(MINI_BANK_V2);
    const { bank, problems } = parseBank('bank.yaml', source);
    expect(problems.map(formatProblem)).toEqual([]);
    const trust = bank!.areas[1]!.elements[0]!;
    expect(trust.benchmark).not.toHaveProperty('question');
    expect(trust.benchmark!.pulse).toEqual({ question: 't.new', values: ['yes'] });
  });
});
