import type { Answer } from '../answers/schema.js';
import { allQuestionsOf } from './queries.js';
import type { Bank, Condition, Element, Question } from './schema.js';

/** How a referenced answer reads in a default skip reason: its option label, or "not applicable". */
function shown(q: Question | undefined, a: Answer | undefined, skipped: boolean): string {
  if (skipped || !a) return 'not asked';
  if (a.na !== undefined) return 'not applicable';
  return q?.options?.find((o) => o.value === a.value)?.label ?? String(a.value);
}

type Index = Map<string, { question: Question; element?: Element }>;
const indexes = new WeakMap<Bank, Index>();

/** Each question with its element, built once per bank: the audit looks up one question per step. */
function indexOf(bank: Bank): Index {
  let where = indexes.get(bank);
  if (!where) {
    where = new Map();
    for (const x of allQuestionsOf(bank))
      where.set(x.question.id, { question: x.question, ...(!x.question.profile && { element: x.element }) });
    indexes.set(bank, where);
  }
  return where;
}

/**
 * Decides which questions are not asked because a `when` condition is false, given the answers.
 * Returns a lookup: question id → the reason it was not asked, or undefined when it is asked.
 * Semantics: a condition holds when every named question is answered with a listed value; an
 * unanswered one does not block (unknown is not false); an N/A or a question itself not asked
 * does. Conditions only look back (the bank rules enforce it), so the recursion ends. Pure;
 * each question is decided once per lookup.
 */
export function skipLookup(
  bank: Bank,
  answers: Readonly<Record<string, Answer>>,
): (questionId: string) => string | undefined {
  const where = indexOf(bank);
  const memo = new Map<string, string | undefined>();
  const failing = (when: Condition | undefined, own: string | undefined): string | undefined => {
    for (const [ref, values] of Object.entries(when ?? {})) {
      const refSkipped = reason(ref) !== undefined;
      const a = Object.hasOwn(answers, ref) ? answers[ref] : undefined;
      if (!refSkipped && (!a || (a.value !== undefined && values.includes(String(a.value))))) continue;
      return own ?? `not asked: ${ref} is ${shown(where.get(ref)?.question, a, refSkipped)}`;
    }
    return undefined;
  };
  const reason = (id: string): string | undefined => {
    if (memo.has(id)) return memo.get(id);
    const w = where.get(id);
    const r = w
      ? (failing(w.element?.when, w.element?.skipReason) ?? failing(w.question.when, w.question.skipReason))
      : undefined;
    memo.set(id, r);
    return r;
  };
  return reason;
}
