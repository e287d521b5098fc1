import { describe, expect, test } from 'vitest';
import { parseAnswers } from '../../src/answers/parse.js';
import { parseBank } from '../../src/bank/parse.js';
import { formatProblem } from '../../src/errors.js';
import { scoreAudit } from '../../src/score/score.js';
import { MINI_BANK, MINI_BANK_V2, V1_ANSWERS } from '../helpers.js';

const v1 = parseBank('mini.yaml', MINI_BANK).bank!;
const v2 = parseBank('mini-v2.yaml', MINI_BANK_V2).bank!;

describe('an answers file given against an earlier version of the bank', () => {
  test('is mapped by the migration: renamed, split (values translated), removed, kept; notes and N/A reasons carried', () => {
    const { parsed, problems } = parseAnswers('a.yaml', V1_ANSWERS, v2);
    expect(problems).toEqual([]);
    expect(parsed!.answers.bank).toBe('mini@2');
    expect(parsed!.answers.answers).toEqual({
      'c.one-a': { value: 'partly', note: 'Only for new customers' },
      'c.one-b': { value: 'mostly', note: 'Only for new customers' },
      'c.two-new': { na: 'we have no such process' },
      't.share': { value: 45 },
    });
    expect(parsed!.upgrade).toEqual({
      from: 'mini@1',
      to: 'mini@2',
      renamed: [{ from: 'c.two', to: 'c.two-new' }],
      split: [{ from: 'c.one', to: ['c.one-a', 'c.one-b'] }],
      removed: [{ id: 'd.one', answer: { value: 'often', note: 'Weekly' } }],
      values: [{ id: 'c.one-b', from: 'partly', to: 'mostly' }],
      // Not carried from the file and not named by it: new in version 2.
      newQuestions: ['profile.in-person', 'd.brochure', 'd.brochure-current', 't.new'],
    });
    // Findings about mapped answers point at the old answer's line.
    expect(parsed!.positions['c.one-b']).toEqual({ line: 5, col: 3 });
    expect(parsed!.positions['c.two-new']).toEqual({ line: 6, col: 3 });
  });

  test('an id the old file lists but leaves empty is not "new"', () => {
    const { parsed } = parseAnswers('a.yaml', 'bank: mini@1\nanswers:\n  c.one:\n  t.share: 10\n', v2);
    expect(parsed!.upgrade!.newQuestions).toEqual([
      'profile.in-person',
      'c.two-new',
      'd.brochure',
      'd.brochure-current',
      't.new',
    ]);
  });

  test('when the migration lists what it added, only those count as new', () => {
    const bank = parseBank(
      'v2.yaml',
      MINI_BANK_V2.replace(
        '    values: { c.one-b: { partly: mostly } }\n',
        '    values: { c.one-b: { partly: mostly } }\n    added: [profile.in-person, d.brochure, d.brochure-current, t.new]\n',
      ),
    ).bank!;
    // t.share is not in this file, but it was a v1 question: unanswered, not new.
    const { parsed } = parseAnswers('a.yaml', 'bank: mini@1\nanswers:\n  c.one: yes\n', bank);
    // c.two-new (renamed from c.two) is unanswered too, but not new: only the listed ones are.
    expect(parsed!.upgrade!.newQuestions).toEqual(['profile.in-person', 'd.brochure', 'd.brochure-current', 't.new']);
  });

  test('a file of the current version is not an upgrade', () => {
    expect(parseAnswers('a.yaml', 'bank: mini@2\nanswers:\n  t.share: 10\n', v2).parsed!.upgrade).toBeUndefined();
  });

  test('mapped answers score under the new version', () => {
    const { parsed } = parseAnswers('a.yaml', V1_ANSWERS, v2);
    // customer (flat): c.one-a partly 3×0.5, c.one-b mostly 0.5 → 100 × 2 / 4 = 50; trust: 45 vs 20 → 100
    // dna = 50 (delivery unanswered); overall = (2×50 + 1×100) / 3 = 66.67
    expect(scoreAudit(v2, parsed!.answers).overall.score).toBe(66.7);
  });

  test.each([
    [
      'an old id the migration does not map',
      'bank: mini@1\nanswers:\n  c.three: yes\n',
      [
        'a.yaml:3:3  unknown question id "c.three" — the bank\'s migration from version 1 does not say where "c.three" goes: remove it, or report this to the bank\'s author',
      ],
    ],
    [
      'a typo of an old id',
      'bank: mini@1\nanswers:\n  c.too: yes\n',
      ['a.yaml:3:3  unknown question id "c.too" — did you mean "c.two"?'],
    ],
    [
      'an old value that fits no new option',
      'bank: mini@1\nanswers:\n  c.two: maybe\n',
      [
        'a.yaml:3:10  "maybe" is not an answer to c.two-new (mapped from c.two by the bank\'s migration from version 1) — use one of yes, no, or { na: reason }',
      ],
    ],
    [
      'a version the bank has no migration from',
      'bank: mini@0\nanswers: {}\n',
      [
        'a.yaml:1:7  these answers were given against "mini@0" but the bank is "mini@2", which has no migration from version 0 — check the answers still fit version 2, then change "bank:" to "mini@2"',
      ],
    ],
    [
      'a later version',
      'bank: mini@3\nanswers: {}\n',
      [
        'a.yaml:1:7  these answers were given against "mini@3" but the bank is "mini@2" — check the answers still fit version 2, then change "bank:" to "mini@2"',
      ],
    ],
  ])('%s is a located error', (_name, text, expected) => {
    expect(parseAnswers('a.yaml', text, v2).problems.map(formatProblem)).toEqual(expected);
  });

  test('the v1 bank itself still rejects a v1 file of another bank', () => {
    expect(parseAnswers('a.yaml', 'bank: other@1\nanswers: {}\n', v1).problems).toHaveLength(1);
  });
});
