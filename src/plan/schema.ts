import * as z from 'zod/mini';
import { dayField } from '../answers/schema.js';
import { described } from '../validation/describe.js';

/** Where an action stands. Done and dropped actions are closed: never overdue. */
export const STATUSES = ['planned', 'doing', 'done', 'dropped'] as const;
export type Status = (typeof STATUSES)[number];

/** An action id: lower-case letters, digits, dots, dashes (a question id is one). */
const ACTION_ID = /^[a-z0-9]+(?:[-_.][a-z0-9]+)*$/;

function buildPlanFileSchema() {
  const text = z.string().check(z.trim(), z.minLength(1));
  const action = z.strictObject({
    id: described(
      z.string().check(
        z.regex(ACTION_ID, {
          message:
            'this action id is not valid — use lower-case letters, digits, dots and dashes, e.g. "on-hold.policy"',
        }),
      ),
      'A short id, unique in the plan (service-audit uses the first question id).',
    ),
    title: described(text, 'What will be done, in a line.'),
    questions: described(
      z.array(z.string()).check(z.minLength(1)),
      'The question ids this action addresses (`service-audit bank` lists them).',
    ),
    owner: z.optional(
      described(
        z.string().check(z.trim()),
        'Who does it: a role (Team lead) or a name. The plan is the lead’s, never part of the anonymous pulse.',
      ),
    ),
    due: z.optional(described(dayField('the day it is due'), 'When it is due, YYYY-MM-DD.')),
    status: z._default(described(z.enum(STATUSES), 'planned (default), doing, done or dropped.'), 'planned' as Status),
    changed: z.optional(described(dayField('the day the status changed'), 'The day the status last changed.')),
    firstStep: z.optional(described(text, 'The first step, small enough to start this week.')),
    check: z.optional(described(text, 'How we will know it worked.')),
    gain: z.optional(
      described(
        z.number().check(z.gte(0), z.lte(100)),
        'The points to gain the audit showed when it was planned (0-100 scale).',
      ),
    ),
    notes: z.optional(z.string()),
  });
  return z.strictObject({
    bank: described(
      z.string().check(
        z.regex(/^[a-z0-9-_]+@\d+$/, {
          message: 'bank must be "id@version" — write the bank the plan was made against, e.g. "service-readiness@2"',
        }),
      ),
      'The bank id@version of the audit the plan was made from.',
    ),
    organization: z.optional(z.string()),
    actions: z._default(z.nullable(z.array(action)), []),
  });
}

let planFileSchemaCache: ReturnType<typeof buildPlanFileSchema> | undefined;
/** Built on first use. */
export const planFileSchema = () => (planFileSchemaCache ??= buildPlanFileSchema());

/** One action of the plan. */
export interface Action {
  id: string;
  title: string;
  questions: string[];
  owner?: string;
  due?: string;
  status: Status;
  changed?: string;
  firstStep?: string;
  check?: string;
  gain?: number;
  notes?: string;
}

/** A validated plan file. */
export interface Plan {
  bank: string;
  organization?: string;
  actions: Action[];
}

/** Whether an action is still to be done (planned or doing). */
export const isOpen = (a: Pick<Action, 'status'>) => a.status === 'planned' || a.status === 'doing';
