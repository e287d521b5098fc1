// What closes the loop in a history: the plan's actions on the audits' timeline, with whether the
// credit of each done action's questions rose afterwards, and the staff pulse quarter by quarter.
// Pure: dated credits, a plan and pooled pulses in, a model out.
import { progressOf } from '../plan/model.js';
import type { Action, Plan } from '../plan/schema.js';

/** Whether a done action's questions earned more credit at the latest audit after it than at the last one before. */
export type Verdict = 'moved' | 'not yet';

/** One action on the timeline. */
export interface HistoryAction {
  id: string;
  title: string;
  status: Action['status'];
  owner: string | null;
  due: string | null;
  /** The day its status last changed (for a done action: the day it was done). */
  changed: string | null;
  questions: string[];
  /** The mean credit (0-1, two decimals) of its questions at the last audit before it changed; null without one. */
  before: number | null;
  /** The same at the latest audit after it changed; null when there is none yet. */
  after: number | null;
  /** Done actions only: moved when `after` is above `before`, else not yet. */
  verdict: Verdict | null;
}

export interface HistoryPlan {
  file: string;
  /** "3 of 5 done, 1 overdue", as of the latest audit's day. */
  summary: string;
  actions: HistoryAction[];
}

/** One audit's credits by question id (answered questions only), with its day. */
export interface DatedCredits {
  date: string;
  credits: Readonly<Record<string, number>>;
}

const mean2 = (xs: number[]) =>
  xs.length === 0 ? null : Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 100) / 100;

/** The mean credit of some questions at one audit; null when none of them was answered. */
function creditOf(audit: DatedCredits | undefined, questions: readonly string[]): number | null {
  if (!audit) return null;
  return mean2(questions.filter((q) => Object.hasOwn(audit.credits, q)).map((q) => audit.credits[q]!));
}

/**
 * The plan on the timeline of audits (in date order): for each action the credit of its
 * questions at the last audit on or before the day it changed and at the latest audit after it;
 * a done action "moved" when the credit rose, else "not yet" (no rise, or no audit since). Pure.
 */
export function planOnTimeline(plan: Plan, file: string, audits: readonly DatedCredits[]): HistoryPlan {
  const today = audits.at(-1)?.date ?? '';
  const actions = plan.actions.map((a): HistoryAction => {
    const on = a.changed;
    const before = on === undefined ? undefined : audits.filter((x) => x.date <= on).at(-1);
    const later = on === undefined ? [] : audits.filter((x) => x.date > on);
    const b = creditOf(before, a.questions);
    const after = creditOf(later.at(-1), a.questions);
    return {
      id: a.id,
      title: a.title,
      status: a.status,
      owner: a.owner ?? null,
      due: a.due ?? null,
      changed: on ?? null,
      questions: [...a.questions],
      before: b,
      after,
      verdict: a.status !== 'done' ? null : b !== null && after !== null && after > b ? 'moved' : 'not yet',
    };
  });
  return { file, summary: progressOf(plan.actions, today).summary, actions };
}

/** One statement's share in one pulse: holders of all who answered, with its 95% interval. */
export interface PulsePoint {
  share: number | null;
  low: number | null;
  high: number | null;
  answered: number;
}

/** A staff pulse as the history shows it: a quarter and each statement's share. */
export interface HistoryPulse {
  /** The folder it was pooled from. */
  source: string;
  /** "2026-q2". */
  quarter: string;
  respondents: number;
  /** By statement (question id). */
  shares: Record<string, PulsePoint>;
}

/** One statement across the pulses, quarter by quarter (null where a pulse did not measure it). */
export interface PulseRow {
  question: string;
  statement: string;
  points: (PulsePoint | null)[];
}

/** The pulses in quarter order and one row per statement any of them measured. Pure. */
export function pulseRows(
  pulses: readonly HistoryPulse[],
  statements: Readonly<Record<string, string>>,
): { pulses: HistoryPulse[]; rows: PulseRow[] } {
  const ordered = [...pulses].sort((a, b) => (a.quarter < b.quarter ? -1 : a.quarter > b.quarter ? 1 : 0));
  const ids = [...new Set(ordered.flatMap((p) => Object.keys(p.shares)))];
  return {
    pulses: ordered,
    rows: ids.map((id) => ({
      question: id,
      statement: statements[id] ?? id,
      points: ordered.map((p) => (Object.hasOwn(p.shares, id) ? p.shares[id]! : null)),
    })),
  };
}
