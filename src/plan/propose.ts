import { round1, type Weakness } from '../score/score.js';
import type { Action, Plan } from './schema.js';

/** A weakness of Fix first that no action of the plan addresses yet (dropped actions do not count). */
export function unplanned(plan: Plan, priorities: readonly Weakness[]): Weakness[] {
  const covered = new Set(plan.actions.filter((a) => a.status !== 'dropped').flatMap((a) => a.questions));
  return priorities.filter((w) => !covered.has(w.questionId));
}

/** An id for a new action: its question's id, made unique in the plan. */
function freeId(plan: Plan, base: string): string {
  const taken = new Set(plan.actions.map((a) => a.id));
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base}-${n}`)) n++;
  return `${base}-${n}`;
}

/** A new action for a weakness: the advice as its title (with its first step, owner and check), the points it is worth as its gain. Pure. */
export function actionFrom(plan: Plan, w: Weakness, o: { today: string; due?: string; owner?: string }): Action {
  const title = (w.recommendation || w.text).replace(/\s+/g, ' ').trim();
  return {
    id: freeId(plan, w.questionId),
    title,
    questions: [w.questionId],
    // The owner given wins over the role the bank's advice suggests.
    ...((o.owner || w.owner) && { owner: o.owner || w.owner }),
    ...(o.due && { due: o.due }),
    status: 'planned',
    changed: o.today,
    ...(w.firstStep && { firstStep: w.firstStep }),
    ...(w.check && { check: w.check }),
    gain: round1(w.pointsToGain),
  };
}

/** The plan with an action added for each of the first `top` weaknesses not planned yet. Pure. */
export function planTop(
  plan: Plan,
  priorities: readonly Weakness[],
  top: number,
  o: { today: string; due?: string; owner?: string },
): { plan: Plan; added: Action[] } {
  let next = plan;
  const added: Action[] = [];
  for (const w of unplanned(plan, priorities).slice(0, top)) {
    const a = actionFrom(next, w, o);
    added.push(a);
    next = { ...next, actions: [...next.actions, a] };
  }
  return { plan: next, added };
}

/** The plan with one action's status set, and the day it changed. Pure. */
export function withStatus(plan: Plan, id: string, status: Action['status'], today: string): Plan {
  return {
    ...plan,
    actions: plan.actions.map((a) => (a.id === id && a.status !== status ? { ...a, status, changed: today } : a)),
  };
}
