import * as z from 'zod/mini';
import { described } from '../validation/describe.js';

/** Whether YYYY-MM-DD names a real day (no month 13, no 30 February). */
export function isCalendarDay(s: string): boolean {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** A YYYY-MM-DD field that must be a day of the calendar; `what` says what the day is, for the message. */
export function dayField(what: string) {
  return z.string().check(
    z.regex(/^\d{4}-\d{2}-\d{2}$/, {
      message: `date must be YYYY-MM-DD — write ${what} as YYYY-MM-DD, e.g. 2026-11-22`,
      abort: true,
    }),
    z.refine(isCalendarDay, {
      message: `date is not a day of the calendar — write ${what} as YYYY-MM-DD, e.g. 2026-11-22`,
    }),
  );
}

function buildAnswersFileSchema() {
  const scalar = z.union([z.string(), z.number(), z.boolean()]);
  /** What an answer may carry besides its value (issue 21): evidence, and the day it was given. */
  const kept = {
    evidence: z.optional(
      described(
        z.string().check(z.trim(), z.minLength(1)),
        'What shows the answer holds: a link or a sentence (e.g. "https://wiki/on-hold-policy", "checked in the Q3 call review").',
      ),
    ),
    date: z.optional(
      described(
        dayField('the day the answer was given'),
        "The day this answer was last given, when earlier than the file's date (a re-check carries answers forward with it).",
      ),
    ),
  };
  /** One answer in the file: a bare value, a value with a note, or "not applicable" with a reason. */
  const answer = z.union(
    [
      scalar,
      described(z.null(), 'Not answered yet.'),
      z.strictObject({ value: scalar, note: z.optional(z.string()), ...kept }),
      // The reason is checked by the answers rules, so that a missing one gets its own message.
      z.strictObject({
        na: described(z.nullable(z.string()), 'Why the question does not apply.'),
        note: z.optional(z.string()),
        ...kept,
      }),
    ],
    {
      error:
        'not a valid answer — write one of the question\'s values, a number for a percent, { value: ..., note: ... } or { na: "why it does not apply" }',
    },
  );
  return z.strictObject({
    bank: described(
      z.string().check(
        z.regex(/^[a-z0-9-_]+@\d+$/, {
          message: 'bank must be "id@version" — write the bank it was answered against, e.g. "service-readiness@1"',
        }),
      ),
      'The bank id@version the answers were given against.',
    ),
    organization: z.optional(z.string()),
    respondent: z.optional(
      described(z.string(), 'Who answered. Shown on a single report; never shown in a pooled team report.'),
    ),
    group: z.optional(
      described(
        z.string().check(z.trim(), z.minLength(1), z.maxLength(100)),
        'The team, site or shift this respondent belongs to, for a pooled team report.',
      ),
    ),
    role: z.optional(
      described(
        z.enum(['lead']),
        "lead: this file is the lead's own view, reported beside the team (the perception gap) and not counted in the team.",
      ),
    ),
    date: z.optional(
      described(
        z.string().check(
          z.regex(/^\d{4}-\d{2}-\d{2}$/, {
            message: 'date must be YYYY-MM-DD — write the day the audit was taken, e.g. 2026-11-22',
            abort: true,
          }),
          z.refine(isCalendarDay, {
            message:
              'date is not a day of the calendar — write the day the audit was taken as YYYY-MM-DD, e.g. 2026-11-22',
          }),
        ),
        'When the audit was taken; reports use this date.',
      ),
    ),
    answers: z._default(z.nullable(z.record(z.string(), answer)), {}),
  });
}

let answersFileSchemaCache: ReturnType<typeof buildAnswersFileSchema> | undefined;
/** Built on first use. */
export const answersFileSchema = () => (answersFileSchemaCache ??= buildAnswersFileSchema());

export type AnswersInput = z.output<ReturnType<typeof answersFileSchema>>;

/** One answer after validation. */
export interface Answer {
  /** The option value (scale, choice, yes/no) or the percent. Absent when not applicable. */
  value?: string | number;
  /** Set when the question does not apply; the reason given. */
  na?: string;
  note?: string;
  /** What shows the answer holds: a link or a sentence. */
  evidence?: string;
  /** The day the answer was last given (YYYY-MM-DD), when not the file's date. */
  date?: string;
}

/** The answer to one question, or undefined: never a property inherited from Object.prototype (a question may be called "constructor"). */
export function answerOf(answers: Pick<Answers, 'answers'>, id: string): Answer | undefined {
  return Object.hasOwn(answers.answers, id) ? answers.answers[id] : undefined;
}

/** A validated answers file. */
export interface Answers {
  bank: string;
  organization?: string;
  respondent?: string;
  /** The team, site or shift, for a pooled team report. */
  group?: string;
  /** `lead`: the lead's own view, shown beside the team and not counted in it. */
  role?: 'lead';
  date?: string;
  /** By question id, in file order. Unanswered questions are absent. */
  answers: Record<string, Answer>;
}
