// The plan and the answers past their review date, put into the report model: each weakness
// with the action addressing it, the plan's progress, and the list of expired answers. Pure.
import type { ReportModel, ReportWeakness } from '../report/schema.js';
import { type ExpiredAnswer, weaknessAction } from './facts.js';
import { progressOf } from './model.js';
import type { Plan } from './schema.js';

/** The report model with the plan (each weakness's action, the progress) and the expired answers. */
export function withLoop(
  m: ReportModel,
  o: { plan?: { plan: Plan; file: string }; expired: readonly ExpiredAnswer[]; today: string },
): ReportModel {
  const plan = o.plan;
  const withAction = (w: ReportWeakness): ReportWeakness => {
    const action = plan && weaknessAction(plan.plan, w.questionId, o.today);
    return action ? { ...w, action } : w;
  };
  const progress = plan && progressOf(plan.plan.actions, o.today);
  return {
    ...m,
    summary: { ...m.summary, actions: m.summary.actions.map(withAction) },
    elements: m.elements.map((e) => ({ ...e, weaknesses: e.weaknesses.map(withAction) })),
    priorities: m.priorities.map(withAction),
    ...(plan && progress && { plan: { file: plan.file, today: o.today, ...progress } }),
    ...(o.expired.length > 0 && { expired: [...o.expired] }),
  };
}
