import { describe, expect, test } from 'vitest';
import { mergeAnswers } from '../../src/answers/merge.js';
import type { Answers } from '../../src/answers/schema.js';

const file = (answers: Answers['answers'], extra: Partial<Answers> = {}): Answers => ({
  bank: 'mini@1',
  ...extra,
  answers,
});

describe('merging an answers file changed by someone else meanwhile', () => {
  test('answers given on either side are all kept', () => {
    const base = file({ a: { value: 'yes' } });
    const ours = file({ a: { value: 'yes' }, b: { value: 'no' } }, { date: '2026-11-24' });
    const theirs = file({ a: { value: 'yes' }, c: { value: 40 } }, { organization: 'Acme' });
    expect(mergeAnswers(base, ours, theirs)).toEqual({
      merged: {
        bank: 'mini@1',
        organization: 'Acme',
        date: '2026-11-24',
        answers: { a: { value: 'yes' }, b: { value: 'no' }, c: { value: 40 } },
      },
      conflicts: [],
    });
  });

  test('a hand edit of an answer we did not touch wins; so does a deletion', () => {
    const base = file({ a: { value: 'yes' }, b: { value: 'no' }, c: { value: 1 } });
    const ours = file({ a: { value: 'yes' }, b: { value: 'no' }, c: { value: 1 }, d: { na: 'none' } });
    const theirs = file({ a: { value: 'no', note: 'fixed by hand' }, c: { value: 1 } });
    expect(mergeAnswers(base, ours, theirs).merged.answers).toEqual({
      a: { value: 'no', note: 'fixed by hand' },
      c: { value: 1 },
      d: { na: 'none' },
    });
  });

  test('the same question changed differently on both sides is a conflict; the same change is not', () => {
    const base = file({});
    const ours = file({ a: { value: 'yes' }, b: { value: 'no' } }, { organization: 'Ours' });
    const theirs = file({ a: { value: 'no' }, b: { value: 'no' } }, { organization: 'Theirs' });
    const { merged, conflicts } = mergeAnswers(base, ours, theirs);
    expect(conflicts.map((c) => [c.key, c.path, c.ours, c.theirs])).toEqual([
      ['organization', ['organization'], 'Ours', 'Theirs'],
      ['a', ['answers', 'a'], { value: 'yes' }, { value: 'no' }],
    ]);
    expect(merged.answers).toEqual({ a: { value: 'no' }, b: { value: 'no' } });
  });

  test('group and role written by another tool survive', () => {
    const base = file({});
    const theirs = file({}, { group: 'Night shift', role: 'lead' });
    expect(mergeAnswers(base, file({ a: { value: 1 } }), theirs).merged).toMatchObject({
      group: 'Night shift',
      role: 'lead',
      answers: { a: { value: 1 } },
    });
  });
});
