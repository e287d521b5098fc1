import { pick } from '../answers/merge.js';
import type { Action, Plan } from './schema.js';

/** One action field both sides changed differently, or an action one side removed and the other changed. */
export interface PlanConflict {
  action: string;
  field: keyof Action | 'action';
  ours: unknown;
  theirs: unknown;
}

const FIELDS: readonly (keyof Action)[] = [
  'title',
  'questions',
  'owner',
  'due',
  'status',
  'changed',
  'firstStep',
  'check',
  'gain',
  'notes',
];

/** The actions of a plan by id. */
const byId = (p: Plan) => new Map(p.actions.map((a) => [a.id, a]));

/**
 * Three-way merge of a plan: `base` as this writer last read or wrote it, `ours` what it wants
 * to write, `theirs` the file now. Field by field of each action, the side that changed it wins;
 * both changed to different things is a conflict (theirs kept). Actions keep the file's order,
 * ours added after. Pure.
 */
export function mergePlans(base: Plan, ours: Plan, theirs: Plan): { merged: Plan; conflicts: PlanConflict[] } {
  const conflicts: PlanConflict[] = [];
  const [b, o, t] = [byId(base), byId(ours), byId(theirs)];
  const order = [...theirs.actions.map((a) => a.id), ...ours.actions.map((a) => a.id).filter((id) => !t.has(id))];
  const actions: Action[] = [];
  for (const id of order) {
    const whole = pick(b.get(id), o.get(id), t.get(id));
    if (whole) {
      if (whole.value) actions.push(whole.value);
      continue;
    }
    const [ba, oa, ta] = [b.get(id), o.get(id), t.get(id)];
    if (!oa || !ta) {
      // Removed on one side, changed on the other: keep it, and say so.
      conflicts.push({ action: id, field: 'action', ours: oa, theirs: ta });
      if (ta ?? oa) actions.push((ta ?? oa)!);
      continue;
    }
    const merged: Record<string, unknown> = { id };
    for (const f of FIELDS) {
      const p = pick(ba?.[f], oa[f], ta[f]);
      if (!p) conflicts.push({ action: id, field: f, ours: oa[f], theirs: ta[f] });
      const value = p ? p.value : ta[f];
      if (value !== undefined) merged[f] = value;
    }
    actions.push(merged as unknown as Action);
  }
  const org = pick(base.organization, ours.organization, theirs.organization);
  const organization = org ? org.value : theirs.organization;
  return {
    merged: { bank: theirs.bank, ...(organization !== undefined && { organization }), actions },
    conflicts,
  };
}
