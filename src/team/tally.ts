// The pool's accumulator: what one set of respondents (the pool, or a group) adds up to, kept as
// counts and score lists, never whole documents. Pure functions over plain data.

import type { Answers } from '../answers/schema.js';
import { questionsOf } from '../bank/queries.js';
import type { Bank, Question } from '../bank/schema.js';
import { scoreAudit, type Scores } from '../score/score.js';

/** A question whose answer is typed (a percent or a number), pooled by its credits, not by option counts. */
export const isTyped = (q: Question) => q.type === 'percent' || q.type === 'number';

/** One question's tally: count per option (option order), N/A count, percent values and their credits. */
export interface QuestionTally {
  counts: number[];
  na: number;
  percents: number[];
  credits: number[];
}

export interface Tally {
  /** Respondents added. */
  n: number;
  /** Per question, in bank order. */
  questions: QuestionTally[];
  /** Per element (bank order): each respondent's own element score, for the spread. */
  elements: number[][];
}

/** One respondent as the tally needs them: each answer's place and their own element scores. */
export interface Marks {
  /** Per answered question: index, option index; per N/A: index, -1. */
  options: number[];
  /** Per percent answer: index, value, credit. */
  percents: number[];
  /** Per element: the respondent's score, or null. */
  elements: (number | null)[];
}

/** The bank's questions and elements in order, with lookups: built once per pool. */
export interface Layout {
  bank: Bank;
  list: ReturnType<typeof questionsOf>;
  elements: { area: Bank['areas'][number]; element: Bank['areas'][number]['elements'][number] }[];
  questionIndex: Map<string, number>;
  optionIndex: Map<string, number>[];
}

export function layoutOf(bank: Bank): Layout {
  const list = questionsOf(bank);
  return {
    bank,
    list,
    elements: bank.areas.flatMap((area) => area.elements.map((element) => ({ area, element }))),
    questionIndex: new Map(list.map((x, i) => [x.question.id, i])),
    optionIndex: list.map((x) => new Map((x.question.options ?? []).map((o, i) => [o.value, i]))),
  };
}

export function newTally(l: Layout): Tally {
  return {
    n: 0,
    questions: l.list.map((x) => ({
      counts: (x.question.options ?? []).map(() => 0),
      na: 0,
      percents: [],
      credits: [],
    })),
    elements: l.elements.map(() => []),
  };
}

/** A respondent's marks from their own single report: the same engine scores each person. */
export function marksOf(l: Layout, s: Scores): Marks {
  const options: number[] = [];
  const percents: number[] = [];
  for (const e of s.elements)
    for (const r of e.results) {
      if (r.status === 'unanswered' || r.status === 'not-measured') continue;
      const qi = l.questionIndex.get(r.question.id)!;
      if (r.status === 'na') options.push(qi, -1);
      else if (isTyped(r.question)) percents.push(qi, Number(r.value), r.credit!);
      else options.push(qi, l.optionIndex[qi]!.get(String(r.value))!);
    }
  return { options, percents, elements: s.elements.map((e) => e.score) };
}

/** Adds one respondent's marks to a tally. */
export function addMarks(t: Tally, m: Marks): void {
  t.n++;
  m.elements.forEach((x, i) => {
    if (x !== null) t.elements[i]!.push(x);
  });
  for (let k = 0; k < m.options.length; k += 2) {
    const q = t.questions[m.options[k]!]!;
    const o = m.options[k + 1]!;
    if (o === -1) q.na++;
    else q.counts[o]!++;
  }
  for (let k = 0; k < m.percents.length; k += 3) {
    const q = t.questions[m.percents[k]!]!;
    q.percents.push(m.percents[k + 1]!);
    q.credits.push(m.percents[k + 2]!);
  }
}

/** How many answered a question (N/A not counted). */
export function answeredOf(q: Question, t: QuestionTally): number {
  return isTyped(q) ? t.percents.length : t.counts.reduce((s, c) => s + c, 0);
}

/**
 * Each respondent's marks, memoised: scoring is pure, so respondents who gave the same answers
 * are scored once. In a pulse of a few statements most respondents share their answers with
 * someone; this keeps pooling ten thousand files close to the cost of reading them. Bounded.
 */
export function memoMarks(l: Layout, limit = 65_536): (answers: Answers) => Marks {
  const memo = new Map<string, Marks>();
  return (answers) => {
    let key = '';
    for (const id in answers.answers) {
      const a = answers.answers[id]!;
      key += `${id}\u0000${a.na !== undefined ? '\u0001' : typeof a.value === 'number' ? `#${a.value}` : a.value}\u0000`;
    }
    let hit = memo.get(key);
    if (!hit) {
      hit = marksOf(l, scoreAudit(l.bank, answers, { priorities: 0, teamStatements: 'score' }));
      if (memo.size < limit) memo.set(key, hit);
    }
    return hit;
  };
}
