import { isCalendarDay } from '../../answers/schema.js';
import type { Asker } from '../../audit/asker.js';
import { addDays } from '../../audit/recheck.js';
import type { Bank } from '../../bank/schema.js';
import { EXIT, InterruptedError, UsageError } from '../../errors.js';
import { buildPlanModel } from '../../plan/model.js';
import { PLAN_FORMATS, type PlanFormat } from '../../plan/formats.js';
import { actionFrom, planTop, unplanned, withStatus } from '../../plan/propose.js';
import { isOpen, STATUSES, type Plan, type Status } from '../../plan/schema.js';
import { colorLevel } from '../../text/style.js';
import { scoreAudit } from '../../score/score.js';
import { terminalLine } from '../../text/escape.js';
import type { GuardedFile } from '../guarded.js';
import type { Io } from '../io.js';
import { guardOutput } from '../files.js';
import { loadAnswers, loadBank } from '../load.js';
import { emit, styleFor } from '../output.js';
import { DEFAULT_PLAN, openPlan } from '../plan-file.js';
import type { GlobalOptions } from '../spec.js';

export interface PlanOptions {
  plan?: string;
  answers?: string;
  bank?: string;
  top?: number;
  owner?: string;
  due?: string;
  format?: PlanFormat;
  out?: string;
}

/** How far ahead a new action is due unless told: a quarter, the re-check's rhythm. */
export const DEFAULT_DUE_DAYS = 91;
/** How many of Fix first the interactive plan offers. */
const OFFERED = 10;

/** The answers file to plan from: the one given, else the usual one. */
const answersFileOf = (opts: PlanOptions) => opts.answers ?? 'service-audit-answers.yaml';

/** Refuses a --due that is not a day of the calendar. */
function checkDue(due: string | undefined): void {
  if (due !== undefined && !(/^\d{4}-\d{2}-\d{2}$/.test(due) && isCalendarDay(due)))
    throw new UsageError(
      `--due ${terminalLine(due)}: not a day of the calendar; write it as YYYY-MM-DD, e.g. 2027-03-31`,
    );
}

/**
 * `service-audit plan`: makes or updates the action plan from an audit's Fix first and lists it.
 * `--top N` adds the top N weaknesses not yet planned (for scripts); on a terminal without
 * `--top` or `--format` it asks which to plan, with owner and due day, and each open action's
 * status; otherwise it lists the plan in the chosen format.
 */
export default async function planCommand(io: Io, opts: PlanOptions & GlobalOptions): Promise<number> {
  const file = opts.plan ?? DEFAULT_PLAN;
  checkDue(opts.due);
  guardOutput(io, opts.out, [file, opts.answers, opts.bank]);
  const { bank } = loadBank(io, opts.bank);
  const plan = openPlan(io, file, bank);
  const today = io.today();
  const due = opts.due ?? addDays(today, DEFAULT_DUE_DAYS);
  const interactive = opts.top === undefined && opts.format === undefined && io.stdin.isTTY === true;
  if (opts.top !== undefined) {
    const scores = scoreAudit(bank, loadAnswers(io, answersFileOf(opts), bank).answers, { priorities: 1000 });
    const { plan: next, added } = planTop(plan.known.value, scores.priorities, opts.top, {
      today,
      due,
      ...(opts.owner !== undefined && { owner: opts.owner }),
    });
    if (added.length > 0) plan.write(next);
    io.stderr.write(
      `${added.length === 0 ? 'Nothing to add: every weakness of Fix first is planned' : `Added ${added.length} action${added.length === 1 ? '' : 's'}`} in ${terminalLine(file)}\n`,
    );
  } else if (interactive) {
    await planInteractively(io, opts, plan, { bank, today, due });
  }
  const format = opts.format ?? 'terminal';
  const model = buildPlanModel(plan.known.value, { file, today });
  emit(
    io,
    PLAN_FORMATS[format](model, {
      style: styleFor(io, opts, opts.out !== undefined),
      width: io.stdout.columns ?? 80,
    }),
    opts.out,
    'Plan',
  );
  return EXIT.ok;
}

/** Asks through Inquirer which weaknesses to plan and where each open action stands; saves after each answer. */
async function planInteractively(
  io: Io,
  opts: PlanOptions & GlobalOptions,
  plan: GuardedFile<Plan>,
  o: { bank: Bank; today: string; due: string },
): Promise<void> {
  const { bank } = o;
  const { inquirerAsker } = await import('../../audit/inquirer-asker.js');
  const asker = inquirerAsker({
    input: io.stdin,
    output: io.stdout as NodeJS.WritableStream & { columns?: number },
    interrupted: () => new InterruptedError(),
    plain: colorLevel({ flag: opts.color, env: io.env, isTTY: true }) === 0,
  });
  try {
    await updateStatuses(asker, plan, o.today);
    const answers = answersFileOf(opts);
    let scores: ReturnType<typeof scoreAudit> | undefined;
    try {
      scores = scoreAudit(bank, loadAnswers(io, answers, bank).answers, { priorities: OFFERED });
    } catch (e) {
      // No audit to plan from: say how to make one, and still show the plan.
      if (opts.answers !== undefined) throw e;
      asker.say(`No audit to plan from (${terminalLine(answers)}); take one with: service-audit`);
      return;
    }
    await planWeaknesses(asker, plan, unplanned(plan.known.value, scores.priorities), o);
  } catch (e) {
    if (e instanceof InterruptedError)
      throw new InterruptedError(`\nStopped. Every action chosen so far is saved in ${terminalLine(plan.file)}.`);
    throw e;
  }
}

/** Offers each weakness of Fix first not yet planned; a yes asks owner and due day and saves the action. */
async function planWeaknesses(
  asker: Asker,
  plan: GuardedFile<Plan>,
  offered: ReturnType<typeof unplanned>,
  o: { today: string; due: string },
): Promise<void> {
  if (offered.length === 0) {
    asker.say('Every weakness of Fix first has an action.');
    return;
  }
  asker.say(`${offered.length} weakness${offered.length === 1 ? '' : 'es'} of Fix first without an action:`);
  let owner = '';
  for (const [i, w] of offered.entries()) {
    asker.say(`\n${i + 1}. ${terminalLine(w.text)} (${terminalLine(w.label)})\n   ${terminalLine(w.recommendation)}`);
    if (!(await asker.confirm(`Plan an action for it (+${w.pointsToGain.toFixed(1)} points)?`, false))) continue;
    // The bank's advice suggests an owner (a role) and a first step; both are offered as defaults.
    owner = (await asker.text('Owner (a role or a name):', owner || w.owner)).trim();
    const due = await askDay(asker, 'Due (YYYY-MM-DD):', o.due);
    const firstStep = (await asker.text('First step (optional):', w.firstStep)).trim();
    const current = plan.known.value;
    const { firstStep: _suggested, ...action } = actionFrom(current, w, {
      today: o.today,
      due,
      ...(owner && { owner }),
    });
    plan.write({ ...current, actions: [...current.actions, { ...action, ...(firstStep && { firstStep }) }] });
  }
}

/** Asks a day until it is one of the calendar. */
async function askDay(asker: Asker, message: string, fallback: string): Promise<string> {
  for (;;) {
    const typed = (await asker.text(message, fallback)).trim() || fallback;
    if (/^\d{4}-\d{2}-\d{2}$/.test(typed) && isCalendarDay(typed)) return typed;
    asker.say(`${terminalLine(typed)} is not a day of the calendar; write it as YYYY-MM-DD.`);
  }
}

/** Asks where each open action stands; a change is saved with the day it changed. */
async function updateStatuses(asker: Asker, plan: GuardedFile<Plan>, today: string): Promise<void> {
  const open = plan.known.value.actions.filter(isOpen);
  if (open.length === 0 || !asker.choose) return;
  asker.say(`${open.length} open action${open.length === 1 ? '' : 's'}; Enter keeps the status.`);
  for (const a of open) {
    const status = (await asker.choose(
      `${a.title}${a.owner ? ` (${a.owner})` : ''}`,
      STATUSES.map((s) => ({ value: s, name: s })),
      a.status,
    )) as Status;
    if (status !== a.status) plan.write(withStatus(plan.known.value, a.id, status, today));
  }
}
