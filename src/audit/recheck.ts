import type { Upgrade } from '../answers/parse.js';
import { answerOf, type Answer, type Answers } from '../answers/schema.js';
import { skipLookup } from '../bank/conditions.js';
import { bankRef } from '../bank/queries.js';
import { DEFAULT_REVIEW_DAYS, type Bank, type Element, type Question } from '../bank/schema.js';
import { scoreAudit } from '../score/score.js';
import { auditQuestions } from './engine.js';

/** Why a re-check asks a question again, in the order the intro lists them. */
export const RECHECK_REASONS = ['weak', 'acted-on', 'new', 'changed', 'expired', 'unanswered'] as const;
export type RecheckReason = (typeof RECHECK_REASONS)[number];

/** The words for each reason, as the intro says them. */
export const REASON_WORDS: Record<RecheckReason, string> = {
  weak: 'weak last time',
  'acted-on': 'acted on in the plan',
  new: 'new in the bank',
  changed: 'changed by the bank',
  expired: 'past their review date',
  unanswered: 'not answered last time',
};

/** What a re-check will do: which questions it asks again and why, and the answers it carries forward. */
export interface Recheck {
  /** Question ids asked again, in audit order, each with its reasons. */
  ask: { id: string; reasons: RecheckReason[] }[];
  /** The new file's starting point: the latest answers less those asked again, each with the day it was given. */
  carried: Answers;
  /** How many questions the audit has in all (those a `when` leaves out not counted). */
  total: number;
}

/** An answer at or below this credit is weak: neither agree nor disagree, sometimes, and below. */
export const WEAK_CREDIT = 0.5;
/** How many of last quarter's Fix first are asked again whatever their credit. */
export const FIX_FIRST = 5;

/**
 * The questions a re-check counts as weak: answered with at most WEAK_CREDIT, or among the
 * FIX_FIRST weaknesses worth the most points. An answer of "usually" elsewhere is carried: it
 * rarely changes in a quarter, and its review period brings it back. Pure.
 */
export function weakQuestions(bank: Bank, answers: Answers): Set<string> {
  const scores = scoreAudit(bank, answers, { priorities: FIX_FIRST });
  return new Set([
    ...scores.elements.flatMap((e) =>
      e.results.filter((r) => r.status === 'answered' && (r.credit ?? 1) <= WEAK_CREDIT).map((r) => r.question.id),
    ),
    ...scores.priorities.map((w) => w.questionId),
  ]);
}

/** Days from `from` to `to` (both YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Adds days to a YYYY-MM-DD date. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** How long an answer to `q` stays current: the question's review, else its element's, else the default. */
export function reviewDays(q: Question, e?: Element): number {
  return q.review ?? e?.review ?? DEFAULT_REVIEW_DAYS;
}

/** The day an answer was last given: its own date, else its file's; undefined when neither says. */
export const answeredOn = (a: Answer, file: Pick<Answers, 'date'>): string | undefined => a.date ?? file.date;

/** An answer past its review date: given on `on`, current for `days`, and `today` is later. */
export function expiry(on: string | undefined, days: number, today: string): { due: string | null; expired: boolean } {
  if (on === undefined) return { due: null, expired: true };
  const due = addDays(on, days);
  return { due, expired: due < today };
}

/**
 * Plans a quarterly re-check from the latest answers: ask again what was weak, what the plan
 * acted on, what a bank upgrade added or changed, what is past its review date, and what was
 * never answered; carry the rest forward, each answer keeping the day it was given. Pure.
 */
export function planRecheck(o: {
  bank: Bank;
  latest: Answers;
  upgrade?: Upgrade;
  /** Question ids of the plan's actions that are done or under way. */
  actedOn: ReadonlySet<string>;
  today: string;
}): Recheck {
  const { bank, latest } = o;
  const weak = weakQuestions(bank, latest);
  const added = new Set(o.upgrade?.newQuestions ?? []);
  const changed = new Set([
    ...(o.upgrade?.values.map((v) => v.id) ?? []),
    ...(o.upgrade?.split.flatMap((s) => s.to) ?? []),
  ]);
  const skipped = skipLookup(bank, latest.answers);
  const list = auditQuestions(bank).filter((x) => skipped(x.question.id) === undefined);
  const ask: Recheck['ask'] = [];
  const carried: Answers['answers'] = Object.create(null) as Answers['answers'];
  for (const { question: q, element } of list) {
    const a = answerOf(latest, q.id);
    const on = a && answeredOn(a, latest);
    const reasons: RecheckReason[] = [];
    if (weak.has(q.id)) reasons.push('weak');
    if (o.actedOn.has(q.id)) reasons.push('acted-on');
    if (added.has(q.id)) reasons.push('new');
    if (changed.has(q.id)) reasons.push('changed');
    if (a && expiry(on, reviewDays(q, q.profile ? undefined : element), o.today).expired) reasons.push('expired');
    if (!a && !added.has(q.id)) reasons.push('unanswered');
    if (reasons.length > 0) ask.push({ id: q.id, reasons });
    else if (a) carried[q.id] = { ...a, ...(on !== undefined && { date: on }) };
  }
  // Every other answer is carried as it is: those a `when` leaves out now (a changed profile
  // answer may ask them), and those this audit does not ask (the team's statements).
  for (const [id, a] of Object.entries(latest.answers))
    if (!Object.hasOwn(carried, id) && !ask.some((x) => x.id === id)) {
      const on = answeredOn(a, latest);
      carried[id] = { ...a, ...(on !== undefined && { date: on }) };
    }
  return {
    ask,
    carried: {
      bank: bankRef(bank),
      ...(latest.organization !== undefined && { organization: latest.organization }),
      ...(latest.respondent !== undefined && { respondent: latest.respondent }),
      answers: carried,
    },
    total: list.length,
  };
}

/** How many questions each reason brings (a question asked for two reasons counts under its first). */
export function reasonCounts(r: Recheck): Partial<Record<RecheckReason, number>> {
  const out: Partial<Record<RecheckReason, number>> = {};
  for (const { reasons } of r.ask) out[reasons[0]!] = (out[reasons[0]!] ?? 0) + 1;
  return out;
}
