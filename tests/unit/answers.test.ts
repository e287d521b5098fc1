import { describe, expect, test } from 'vitest';
import { parseAnswers } from '../../src/answers/parse.js';
import { renderAnswersFile } from '../../src/answers/write.js';
import { parseBank } from '../../src/bank/parse.js';
import { formatProblem } from '../../src/errors.js';
import { MINI_BANK } from '../helpers.js';

const bank = parseBank('mini.yaml', MINI_BANK).bank!;
const VALID = `bank: mini@1
organization: Acme
date: 2026-11-22
answers:
  c.one: partly
  c.two: { value: yes, note: "since May" }
  d.one: { na: "we have no delivery" }
  t.share: 45
`;

const CASES: [string, string, string, string[]][] = [
  [
    'unknown question id',
    '  t.share: 45',
    '  t.share: 45\n  c.onee: partly',
    ['a.yaml:9:3  unknown question id "c.onee" — did you mean "c.one"?'],
  ],
  [
    'value not an option',
    '  c.one: partly',
    '  c.one: sometimes',
    ['a.yaml:5:10  "sometimes" is not an answer to c.one — use one of no, partly, yes, or { na: reason }'],
  ],
  [
    'value close to an option',
    '  c.one: partly',
    '  c.one: partyl',
    [
      'a.yaml:5:10  "partyl" is not an answer to c.one — did you mean "partly"? (allowed: no, partly, yes, or { na: reason })',
    ],
  ],
  [
    'percent out of range',
    '  t.share: 45',
    '  t.share: 145',
    ['a.yaml:8:12  t.share: 145 is outside 0-100 — write a number from 0 to 100'],
  ],
  [
    'percent not a number',
    '  t.share: 45',
    '  t.share: lots',
    ['a.yaml:8:12  t.share is a percent question; "lots" is not a number — write a number from 0 to 100, e.g. 45'],
  ],
  [
    'N/A without a reason',
    '{ na: "we have no delivery" }',
    '{ na: "" }',
    [
      'a.yaml:7:16  d.one is marked not applicable without a reason — say why it does not apply, e.g. { na: "we have no premises" }',
    ],
  ],
  [
    'another version of the bank',
    'bank: mini@1',
    'bank: mini@2',
    [
      'a.yaml:1:7  these answers were given against "mini@2" but the bank is "mini@1" — check the answers still fit version 1, then change "bank:" to "mini@1"',
    ],
  ],
  [
    'another bank',
    'bank: mini@1',
    'bank: other@1',
    [
      'a.yaml:1:7  these answers were given against "other@1" but the bank is "mini@1" — pass --bank with the bank these answers were given against',
    ],
  ],
  [
    'a bad date',
    'date: 2026-11-22',
    'date: 22/11/2026',
    ['a.yaml:3:7  date must be YYYY-MM-DD — write the day the audit was taken, e.g. 2026-11-22'],
  ],
  [
    'a role other than lead',
    'organization: Acme',
    'organization: Acme\nrole: boss',
    ['a.yaml:3:7  "role" is the text "boss"; expected one of lead — use one of lead'],
  ],
  [
    'an empty group',
    'organization: Acme',
    'organization: Acme\ngroup: ""',
    ['a.yaml:3:8  "group" needs at least 1 character — write some text here'],
  ],
  [
    'an unknown top-level key',
    'organization: Acme',
    'organisation: Acme',
    ['a.yaml:2:1  unknown key "organisation" — did you mean "organization"? Rename it'],
  ],
  [
    'an answer of the wrong shape',
    '  c.one: partly',
    '  c.one: { valeu: partly }',
    [
      'a.yaml:5:10  not a valid answer — write one of the question\'s values, a number for a percent, { value: ..., note: ... } or { na: "why it does not apply" }',
    ],
  ],
];

describe('answers files', () => {
  test('a valid file parses, with positions for annotations', () => {
    const { parsed, problems } = parseAnswers('a.yaml', VALID, bank);
    expect(problems).toEqual([]);
    expect(parsed!.answers).toEqual({
      bank: 'mini@1',
      organization: 'Acme',
      date: '2026-11-22',
      answers: {
        'c.one': { value: 'partly' },
        'c.two': { value: 'yes', note: 'since May' },
        'd.one': { na: 'we have no delivery' },
        't.share': { value: 45 },
      },
    });
    expect(parsed!.positions['t.share']).toEqual({ line: 8, col: 3 });
    expect(parsed!.anchor).toEqual({ line: 4, col: 1 });
  });

  test('yes/no accepts true and false too', () => {
    const { parsed } = parseAnswers('a.yaml', VALID.replace('{ value: yes, note: "since May" }', 'false'), bank);
    expect(parsed!.answers.answers['c.two']).toEqual({ value: 'no' });
  });

  test.each(CASES)('%s is rejected with its line and column', (_name, from, to, expected) => {
    const src = VALID.replace(from, to);
    expect(src).not.toBe(VALID);
    const { parsed, problems } = parseAnswers('a.yaml', src, bank);
    expect(parsed).toBeUndefined();
    expect(problems.map(formatProblem)).toEqual(expected);
  });

  test('every problem is reported, not just the first', () => {
    const src = VALID.replace('  c.one: partly', '  c.one: partially').replace('  t.share: 45', '  t.share: 145');
    expect(parseAnswers('a.yaml', src, bank).problems.map((p) => p.line)).toEqual([5, 8]);
  });

  test('the written file reads back as the same answers, and the empty template is valid', () => {
    const { parsed } = parseAnswers('a.yaml', VALID, bank);
    const { bank: _ref, ...rest } = parsed!.answers;
    const text = renderAnswersFile(bank, rest, './answers.schema.json');
    expect(text.startsWith('# yaml-language-server: $schema=./answers.schema.json\n')).toBe(true);
    expect(parseAnswers('b.yaml', text, bank).parsed!.answers).toEqual(parsed!.answers);

    const template = renderAnswersFile(bank, { answers: {} }, './answers.schema.json');
    const back = parseAnswers('t.yaml', template, bank);
    expect(back.problems).toEqual([]);
    expect(back.parsed!.answers.answers).toEqual({});
    expect(template).toContain('  #   values: no | partly | yes\n  c.one:\n');
    expect(template).toContain('  #   percent: a number from 0 to 100\n  t.share:\n');
  });

  test('notes and reasons with quotes and colons survive a round trip', () => {
    const answers = {
      answers: { 'c.one': { value: 'no', note: 'He said: "never" # really' }, 'd.one': { na: "it's: odd" } },
    };
    const text = renderAnswersFile(bank, answers, 'x');
    expect(parseAnswers('r.yaml', text, bank).parsed!.answers.answers).toEqual(answers.answers);
  });
});

test('group and role are read for team reports', () => {
  const { parsed, problems } = parseAnswers(
    'a.yaml',
    VALID.replace('organization: Acme', 'organization: Acme\ngroup: Night shift\nrole: lead'),
    bank,
  );
  expect(problems).toEqual([]);
  expect(parsed!.answers).toMatchObject({ group: 'Night shift', role: 'lead' });
});
