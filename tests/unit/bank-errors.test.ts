import { describe, expect, test } from 'vitest';
import { parseBank } from '../../src/bank/load.js';
import { formatProblem } from '../../src/errors.js';
import { MINI_BANK } from '../helpers.js';

const BOMB = 'x: &a [1,1,1,1,1,1,1,1,1,1]\ny: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nz: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nw: [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]';

// [name, text to replace, replacement, every expected problem line]
const CASES: [string, string, string, string[]][] = [
  ['YAML syntax error', 'title: Mini bank', 'title: [Mini bank', ['bank.yaml:4:1  YAML: Flow sequence in block collection must be sufficiently indented and end with a ] — indent this line like the other keys at its level (spaces only)']],
  ['tab indentation (one error, not a cascade)', '            weight: 3', '\t  weight: 3', ['bank.yaml:24:1  YAML: Tabs are not allowed as indentation — indent with spaces, not tabs']],
  ['duplicate key', 'title: Mini bank', 'title: Mini bank\ntitle: Again', ['bank.yaml:4:1  duplicate key "title" (first at line 3) — remove or rename one of the two keys']],
  ['alias bomb', 'title: Mini bank', `title: Mini bank\n${BOMB}`, ['bank.yaml:5:8  YAML: Excessive alias count indicates a resource exhaustion attack — use fewer aliases (*name); at most 100 expansions are allowed']],
  ['duplicate question id', '          - id: c.two', '          - id: c.one', ['bank.yaml:28:17  duplicate question id "c.one" (first used at dna.customer.questions[0]) — give each one its own id']],
  ['missing field', '            text: Question two?\n', '', ['bank.yaml:28:13  missing "text" — add "text:" with some text']],
  ['unknown key (typo)', '            weight: 3', '            wieght: 3', ['bank.yaml:24:13  unknown key "wieght" — did you mean "weight"? Rename it']],
  ['unknown key (no near match)', '            weight: 3', '            colour: red', ['bank.yaml:24:13  unknown key "colour" — remove it (allowed here: id, text, type, scale, options, weight, audience, help, recommendation, source)']],
  ['credit out of range', '{ value: often, label: Often, credit: 0.8 }', '{ value: often, label: Often, credit: 1.5 }', ['bank.yaml:42:55  "credit" is 1.5 but must be at most 1 — change it to a number at most 1']],
  ['no full-credit option', '{ value: always, label: Always, credit: 1 }', '{ value: always, label: Always, credit: 0.9 }', ['bank.yaml:41:15  no option is worth full credit (1) — give the best answer "credit: 1"']],
  ['no zero-credit option in a scale', '{ value: no, label: Disagree, credit: 0 }', '{ value: no, label: Disagree, credit: 0.1 }', ['bank.yaml:9:5  no option is worth zero credit (0) — give the weakest answer "credit: 0"']],
  ['bands out of order', '{ id: high, label: High, min: 60 }', '{ id: high, label: High, min: 0 }', ["bank.yaml:6:35  bands must ascend: min 0 is not above the previous band's 0 — list the bands from lowest to highest with rising \"min\" values"]],
  ['bands not starting at 0', '{ id: low, label: Low, min: 0 }', '{ id: low, label: Low, min: 10 }', ['bank.yaml:5:33  the first band starts at 10, leaving scores below it without a band — set the first band\'s "min: 0"']],
  ['weight of zero', '            weight: 3', '            weight: 0', ['bank.yaml:24:21  "weight" is 0 but must be greater than 0 — change it to a number greater than 0']],
  ['weight not a number', '            weight: 3', '            weight: three', ['bank.yaml:24:21  "weight" must be a number, not the text "three" — write a number here']],
  ['unknown question type', '            type: yesno', '            type: yes-no', ['bank.yaml:30:19  "type" is the text "yes-no"; expected one of scale, yesno, choice, percent — did you mean "yesno"?']],
  ['unknown scale', '            scale: agree', '            scale: agreement', ['bank.yaml:23:20  unknown scale "agreement" — use one defined under "scales" (agree)']],
  ['options on a yes/no question', '            type: yesno\n', '            type: yesno\n            scale: agree\n', ['bank.yaml:31:13  a yesno question takes no "scale" — remove it (yes/no questions always offer Yes = 1 and No = 0)']],
  ['benchmark over 100', 'benchmark: { value: 20,', 'benchmark: { value: 120,', ['bank.yaml:52:29  "value" is 120 but must be at most 100 — change it to a number at most 100']],
  ['benchmark question missing', 'question: t.share', 'question: t.shares', ['bank.yaml:52:67  benchmark question "t.shares" is not a question of this element — name one of: t.share']],
  ['pulse question missing', 'question: t.share, source: A poll }', 'question: t.share, source: A poll, pulse: { question: t.self, values: [yes] } }', ['bank.yaml:52:111  pulse question "t.self" is not a question of this element — name one of: t.share']],
  ['pulse question not a team question', 'question: t.share, source: A poll }', 'question: t.share, source: A poll, pulse: { question: t.share, values: [yes] } }', ['bank.yaml:52:111  pulse question "t.share" is not a team question — add "audience: team" to t.share: the share is counted over team members\' own answers']],
  ['invalid id', 'id: mini', 'id: Mini Bank', ['bank.yaml:1:5  this id is not valid — use lower-case letters, digits and dashes, e.g. "lens-of-the-customer"']],
  [
    'several problems at once, in file order',
    '            weight: 3',
    '            weight: 3\n            wieght: 2\n            colour: red',
    ['bank.yaml:25:13  unknown key "wieght" — did you mean "weight"? Rename it', 'bank.yaml:26:13  unknown key "colour" — remove it (allowed here: id, text, type, scale, options, weight, audience, help, recommendation, source)'],
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
    expect(parseBank('bank.yaml', '').problems.map(formatProblem)).toEqual(['bank.yaml:1:1  the file must be a mapping of keys, not empty — write a mapping of keys here']);
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
