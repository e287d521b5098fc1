import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, test } from 'vitest';
import { parseBank } from '../../src/bank/parse.js';
import { jsonSchema } from '../../src/cli/commands/schema.js';
import { MINI_BANK } from '../helpers.js';

// `service-audit schema answers --bank FILE`: the editor learns the bank's ids and allowed values.
const bank = parseBank('mini.yaml', MINI_BANK).bank!;
const schema = JSON.parse(jsonSchema('answers', bank));
const validate = new Ajv({ strict: false }).compile(schema);
const ok = (answers: string) => validate(parse(`bank: mini@1\nanswers:\n${answers}`));

describe('the answers schema of one bank', () => {
  test('lists every question id with its text and allowed values', () => {
    expect(Object.keys(schema.properties.answers.anyOf[0].properties)).toEqual(['c.one', 'c.two', 'd.one', 't.share']);
    expect(schema.properties.answers.anyOf[0].properties['c.one'].description).toBe('Question one? (no, partly, yes)');
    expect(schema.properties.answers.anyOf[0].additionalProperties).toBe(false);
    expect(schema.title).toBe('service-audit answers file for Mini bank (mini@1)');
  });

  test.each([
    [
      'every kind of valid answer',
      '  c.one: partly\n  c.two: true\n  d.one: { na: "no delivery" }\n  t.share: { value: 45, note: "a guess" }\n',
      true,
    ],
    ['empty answers', '  c.one:\n', true],
    ['an unknown question id', '  c.onee: partly\n', false],
    ['a value the question does not offer', '  c.one: maybe\n', false],
    ['a value of another question', '  d.one: partly\n', false],
    ['a percent over 100', '  t.share: 145\n', false],
    ['a percent as text', '  t.share: "45"\n', false],
    ['not applicable without a reason', '  d.one: { na: "" }\n', false],
  ])('%s → valid: %s', (_name, answers, valid) => {
    expect(ok(answers)).toBe(valid);
  });

  test('without a bank the schema stays the generic one, the same for every bank', () => {
    expect(JSON.parse(jsonSchema('answers')).title).toBe('service-audit answers file');
  });
});
