// How the plan reads beside a report's weaknesses, in every report format (types only imported: renderers stay light).
import type { ExpiredAnswer, WeaknessAction } from './facts.js';

/** An action beside its weakness, in words: "Action (doing): Cap time on hold — Team lead, due 2027-03-31, overdue". */
export function actionWords(a: WeaknessAction): string {
  const who = [a.owner ?? 'no owner', a.due ? `due ${a.due}` : 'no due date', ...(a.overdue ? ['overdue'] : [])];
  return `Action (${a.status}): ${a.title} — ${who.join(', ')}`;
}

/** An expired answer in words: "customer.convenience, answered 2025-11-02, due again 2026-11-02". */
export function expiredWords(e: ExpiredAnswer): string {
  return `${e.questionId}, answered ${e.answered ?? 'on an unknown day'}${e.due ? `, due again ${e.due}` : ''}`;
}
