// What reports and `check` say about the plan and about answers past their review date. Pure.
import type { Answers } from '../answers/schema.js';
import { answerOf } from '../answers/schema.js';
import { answeredOn, expiry, reviewDays } from '../audit/recheck.js';
import { allQuestionsOf } from '../bank/queries.js';
import type { Bank } from '../bank/schema.js';
import { actionFor, isOverdue, progressOf, type PlanProgress } from './model.js';
import { isOpen, type Plan, type Status } from './schema.js';

/** An answer past its review date: when it was given and when it was due to be asked again. */
export interface ExpiredAnswer {
  questionId: string;
  /** The day it was last given; null when neither the answer nor its file says. */
  answered: string | null;
  /** The day it should have been asked again; null when undated. */
  due: string | null;
}

/**
 * The answers past their review date on `today`: given more than the question's `review` days
 * ago (its element's, else 365), by the answer's own date, else its file's. Undated answers are
 * not listed: nothing says when they were given. Pure.
 */
export function expiredAnswers(bank: Bank, answers: Answers, today: string): ExpiredAnswer[] {
  const out: ExpiredAnswer[] = [];
  for (const { question: q, element } of allQuestionsOf(bank)) {
    const a = answerOf(answers, q.id);
    if (!a) continue;
    const on = answeredOn(a, answers);
    // An undated answer cannot be said to be past its date (a re-check asks it again anyway).
    if (on === undefined) continue;
    const { due, expired } = expiry(on, reviewDays(q, q.profile ? undefined : element), today);
    if (expired) out.push({ questionId: q.id, answered: on, due });
  }
  return out;
}

/** The action a weakness has, as a report shows it beside the weakness. */
export interface WeaknessAction {
  id: string;
  title: string;
  status: Status;
  owner: string | null;
  due: string | null;
  overdue: boolean;
}

/** The action of the plan addressing a question, as a report shows it; undefined when there is none. */
export function weaknessAction(plan: Plan, questionId: string, today: string): WeaknessAction | undefined {
  const a = actionFor(plan, questionId);
  if (!a) return undefined;
  return {
    id: a.id,
    title: a.title,
    status: a.status,
    owner: a.owner ?? null,
    due: a.due ?? null,
    overdue: isOverdue(a, today),
  };
}

/** What `check` counts on a plan: ids of overdue actions, of open actions without an owner, of top-N weaknesses with no action. */
export interface PlanFacts {
  file: string;
  progress: PlanProgress;
  overdue: string[];
  noOwner: string[];
  /** The question ids among the first `top` of Fix first that no action (bar a dropped one) addresses. */
  unplanned(top: number): string[];
}

/** The plan's facts on `today`, against the audit's Fix first (question ids, most points first). Pure. */
export function planFacts(plan: Plan, file: string, fixFirst: readonly string[], today: string): PlanFacts {
  const covered = new Set(plan.actions.filter((a) => a.status !== 'dropped').flatMap((a) => a.questions));
  return {
    file,
    progress: progressOf(plan.actions, today),
    overdue: plan.actions.filter((a) => isOverdue(a, today)).map((a) => a.id),
    noOwner: plan.actions.filter((a) => isOpen(a) && !a.owner).map((a) => a.id),
    unplanned: (top) => fixFirst.slice(0, top).filter((q) => !covered.has(q)),
  };
}
