import { answerOf, type Answer, type Answers } from './schema.js';

/** Fields of an answers file besides the answers themselves that two writers may both change. */
const FIELDS = ['bank', 'organization', 'respondent', 'group', 'role'] as const;

/** One thing both sides changed differently: a question id, or a field such as `organization`. */
export interface MergeConflict {
  key: string;
  /** The answers key (`answers.<id>`) or the field, for finding it in the file. */
  path: string[];
  ours: Answer | string | undefined;
  theirs: Answer | string | undefined;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Picks one side of a three-way merge of a single value (compared as JSON): the side that
 * changed it, or either when both agree; undefined means a conflict. Shared by every file
 * merged this way (answers, plan).
 */
export function pick<T>(
  base: T | undefined,
  ours: T | undefined,
  theirs: T | undefined,
): { value: T | undefined } | undefined {
  if (same(ours, base) || same(ours, theirs)) return { value: theirs };
  if (same(theirs, base)) return { value: ours };
  return undefined;
}

/**
 * Three-way merge of an answers file: `base` is the file as this writer last read or wrote it,
 * `ours` what it wants to write now, `theirs` what the file holds now (another audit or a hand
 * edit changed it meanwhile). Each answer and field changed on one side only takes that side;
 * changed on both sides to different things, it is a conflict (theirs is kept). The date is ours. Pure.
 */
export function mergeAnswers(
  base: Answers,
  ours: Answers,
  theirs: Answers,
): { merged: Answers; conflicts: MergeConflict[] } {
  const conflicts: MergeConflict[] = [];
  // No prototype: a question may be called "constructor".
  const merged: Answers = { bank: theirs.bank, answers: Object.create(null) as Answers['answers'] };
  for (const f of FIELDS) {
    const p = pick(base[f], ours[f], theirs[f]);
    if (!p) conflicts.push({ key: f, path: [f], ours: ours[f], theirs: theirs[f] });
    const value = p ? p.value : theirs[f];
    if (value !== undefined) (merged as unknown as Record<string, unknown>)[f] = value;
  }
  if (ours.date !== undefined) merged.date = ours.date;
  else if (theirs.date !== undefined) merged.date = theirs.date;
  const ids = new Set([...Object.keys(theirs.answers), ...Object.keys(ours.answers), ...Object.keys(base.answers)]);
  for (const id of ids) {
    const p = pick(answerOf(base, id), answerOf(ours, id), answerOf(theirs, id));
    if (!p) conflicts.push({ key: id, path: ['answers', id], ours: answerOf(ours, id), theirs: answerOf(theirs, id) });
    const value = p ? p.value : answerOf(theirs, id);
    if (value !== undefined) merged.answers[id] = value;
  }
  return { merged, conflicts };
}
