import { migrationFor, targetsOf } from '../answers/parse.js';
import { allQuestionsOf } from '../bank/queries.js';
import type { Bank } from '../bank/schema.js';
import type { Problem } from '../errors.js';
import { closest, didYouMean } from '../validation/closest.js';
import type { RuleProblem } from '../validation/rules.js';
import { validateYaml } from '../validation/validate.js';
import { planFileSchema, type Action, type Plan } from './schema.js';

/** A validated plan with where each action starts (for check annotations and merge conflicts). */
export interface ParsedPlan {
  plan: Plan;
  /** Line and column of each action's `id`, by action id. */
  positions: Record<string, { line: number; col: number }>;
}

type PlanInput = ReturnType<ReturnType<typeof planFileSchema>['parse']>;

/**
 * Validates a plan file's text against a bank; returns the plan or every problem, each at its
 * line and column: an unknown question id (with the closest one), a duplicate action id, a day
 * that is not on the calendar, a plan made for another bank. Pure.
 */
export function parsePlan(file: string, source: string, bank: Bank): { parsed?: ParsedPlan; problems: Problem[] } {
  const ids = allQuestionsOf(bank)
    .filter((x) => !x.question.profile)
    .map((x) => x.question.id);
  const known = new Set(ids);
  const rules = (data: PlanInput): RuleProblem[] => {
    const out: RuleProblem[] = [];
    const [bankId] = data.bank.split('@');
    if (bankId !== bank.id)
      out.push({
        path: ['bank'],
        message: `this plan was made against "${data.bank}" but the bank is "${bank.id}@${bank.version}"`,
        fix: 'pass --bank with the bank the plan was made against',
      });
    const seen = new Set<string>();
    for (const [i, a] of (data.actions ?? []).entries()) {
      if (seen.has(a.id))
        out.push({
          path: ['actions', i, 'id'],
          message: `action id "${a.id}" is used twice`,
          fix: 'give each action its own id',
        });
      seen.add(a.id);
      for (const [k, q] of a.questions.entries()) {
        const to = targetsOf(migrationFor(bank, data.bank), q);
        if (to.length > 0 && to.every((t) => known.has(t))) continue;
        if (to.length === 0) {
          out.push({
            path: ['actions', i, 'questions', k],
            message: `question "${q}" of ${data.bank} is no longer asked in ${bank.id}@${bank.version}`,
            fix: 'name the question of the current bank this action addresses (`service-audit bank` lists them)',
          });
          continue;
        }
        const near = closest(q, ids);
        out.push({
          path: ['actions', i, 'questions', k],
          message: `unknown question id "${q}"`,
          fix: near ? didYouMean(near) : 'run `service-audit bank` to list the question ids',
        });
      }
    }
    return out;
  };
  const { data, doc, problems } = validateYaml(file, source, planFileSchema(), [rules]);
  if (!data || !doc) return { problems };
  const positions: ParsedPlan['positions'] = {};
  // A plan made against an earlier version of the bank names its questions through the bank's
  // migration: a renamed question by its new id, a split one by the questions it became.
  const migration = migrationFor(bank, data.bank);
  const actions = (data.actions ?? []).map((a, i): Action => {
    positions[a.id] = doc.positionOf(['actions', i, 'id']);
    return {
      id: a.id,
      title: a.title,
      questions: [...new Set(a.questions.flatMap((q) => targetsOf(migration, q)))],
      ...(a.owner !== undefined && a.owner !== '' && { owner: a.owner }),
      ...(a.due !== undefined && { due: a.due }),
      status: a.status,
      ...(a.changed !== undefined && { changed: a.changed }),
      ...(a.firstStep !== undefined && { firstStep: a.firstStep }),
      ...(a.check !== undefined && { check: a.check }),
      ...(a.gain !== undefined && { gain: a.gain }),
      ...(a.notes !== undefined && a.notes !== '' && { notes: a.notes }),
    };
  });
  return {
    parsed: {
      plan: {
        bank: data.bank,
        ...(data.organization !== undefined && { organization: data.organization }),
        actions,
      },
      positions,
    },
    problems,
  };
}
