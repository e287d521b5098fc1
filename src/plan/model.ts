import { isOpen, STATUSES, type Action, type Plan, type Status } from './schema.js';

/** One action as reports show it: the file's fields plus what the day makes of them. */
export interface PlannedAction extends Action {
  /** Still open and its due day has passed. */
  overdue: boolean;
}

/** How far the plan has come: counts by status, and the one-line summary every format shows. */
export interface PlanProgress {
  /** Actions not dropped. */
  total: number;
  planned: number;
  doing: number;
  done: number;
  dropped: number;
  overdue: number;
  /** Open actions with no owner. */
  noOwner: number;
  /** "3 of 5 done, 1 overdue". */
  summary: string;
}

/** The plan as every plan format draws it (`plan --format json` is this). */
export interface PlanModel {
  schemaVersion: 1;
  file: string;
  bank: string;
  organization: string | null;
  /** The day overdue is judged against. */
  today: string;
  progress: PlanProgress;
  actions: PlannedAction[];
}

/** Whether an action is open and past its due day. */
export const isOverdue = (a: Action, today: string) => isOpen(a) && a.due !== undefined && a.due < today;

/** Counts by status and the summary line. Pure. */
export function progressOf(actions: readonly Action[], today: string): PlanProgress {
  const count = (s: Status) => actions.filter((a) => a.status === s).length;
  const by = Object.fromEntries(STATUSES.map((s) => [s, count(s)])) as Record<Status, number>;
  const total = actions.length - by.dropped;
  const overdue = actions.filter((a) => isOverdue(a, today)).length;
  const noOwner = actions.filter((a) => isOpen(a) && !a.owner).length;
  const summary =
    total === 0
      ? 'no actions planned'
      : `${by.done} of ${total} done${by.doing ? `, ${by.doing} under way` : ''}${overdue ? `, ${overdue} overdue` : ''}`;
  return { total, ...by, overdue, noOwner, summary };
}

/** Builds the plan model. Pure. */
export function buildPlanModel(plan: Plan, o: { file: string; today: string }): PlanModel {
  return {
    schemaVersion: 1,
    file: o.file,
    bank: plan.bank,
    organization: plan.organization ?? null,
    today: o.today,
    progress: progressOf(plan.actions, o.today),
    actions: plan.actions.map((a) => ({ ...a, overdue: isOverdue(a, o.today) })),
  };
}

/** The action addressing a question: an open or done one first, a dropped one only if nothing else. */
export function actionFor(plan: Plan, questionId: string): Action | undefined {
  const all = plan.actions.filter((a) => a.questions.includes(questionId));
  return all.find((a) => a.status !== 'dropped') ?? all[0];
}
