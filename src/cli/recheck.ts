// The edge of the quarterly re-check: finds last quarter's answers file and the plan, names this
// quarter's file, and hands the pure planRecheck what it needs. Last quarter's file is only read.
import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parseAnswers } from '../answers/parse.js';
import { aboutMinutes } from '../collect/duration.js';
import { planRecheck, REASON_WORDS, reasonCounts, type Recheck } from '../audit/recheck.js';
import type { Bank } from '../bank/schema.js';
import { UsageError } from '../errors.js';
import { isOpen } from '../plan/schema.js';
import { terminalLine } from '../text/escape.js';
import { fileExists, readUserFile, realTarget } from './files.js';
import type { Io } from './io.js';
import { loadAnswers } from './load.js';
import { DEFAULT_PLAN, loadPlan } from './plan-file.js';

/** "2026-q4" for a YYYY-MM-DD day. */
export const quarterOf = (day: string) => `${day.slice(0, 4)}-q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;

/** The first day of the quarter a day falls in. */
const quarterStart = (day: string) =>
  `${day.slice(0, 4)}-${String(Math.floor((Number(day.slice(5, 7)) - 1) / 3) * 3 + 1).padStart(2, '0')}-01`;

/**
 * This quarter's answers file beside last quarter's: the quarter in its name replaced
 * (audits/2026-q3.yaml → audits/2026-q4.yaml), else service-audit-answers-2026-q4.yaml.
 */
export function thisQuarterFile(latest: string, today: string): string {
  const name = basename(latest);
  const quarter = quarterOf(today);
  const renamed = /\d{4}-q[1-4]/i.test(name)
    ? name.replace(/\d{4}-q[1-4]/i, quarter)
    : `service-audit-answers-${quarter}.yaml`;
  return dirname(latest) === '.' ? renamed : join(dirname(latest), renamed);
}

/**
 * The latest answers file of an earlier quarter in the current folder, by its `date:`: files that
 * are not answers files of this bank, or that have no date, are passed over.
 */
export function findLatest(io: Io, bank: Bank, today: string): string {
  const start = quarterStart(today);
  let best: { file: string; date: string } | undefined;
  for (const name of readdirSync(io.cwd).sort()) {
    if (!/\.ya?ml$/.test(name)) continue;
    let date: string | undefined;
    try {
      const { text } = readUserFile(io.cwd, name, 'answers file', '');
      if (!/^answers:/m.test(text)) continue;
      const { parsed } = parseAnswers(name, text, bank);
      if (parsed?.answers.role || parsed?.answers.group !== undefined) continue;
      date = parsed?.answers.date;
    } catch {
      continue;
    }
    if (date !== undefined && date < start && (!best || date >= best.date)) best = { file: name, date };
  }
  if (!best)
    throw new UsageError(
      `no answers file of an earlier quarter in this folder (one with a date before ${start}); name last quarter's: service-audit --recheck FILE`,
    );
  return best.file;
}

/** What runCommand needs to start or continue a re-check. */
export interface StartedRecheck {
  latest: string;
  recheck: Recheck;
  /** Last quarter's answers: the defaults of the questions asked again. */
  defaults: Recheck['carried']['answers'];
  intro: string;
}

/** Reads last quarter's file and the plan and decides what the re-check asks; writes nothing. */
export function prepareRecheck(io: Io, bank: Bank, latest: string, target: string, planFile?: string): StartedRecheck {
  if (realTarget(io.cwd, latest) === realTarget(io.cwd, target))
    throw new UsageError(
      `--answers ${terminalLine(target)} is last quarter's file; a re-check leaves it as it was. Name this quarter's file with --answers`,
    );
  const last = loadAnswers(io, latest, bank);
  const planPath = planFile ?? (fileExists(io.cwd, DEFAULT_PLAN) ? DEFAULT_PLAN : undefined);
  const plan = planPath === undefined ? undefined : loadPlan(io, planPath, bank).plan;
  const actedOn = new Set(
    (plan?.actions ?? [])
      .filter((a) => a.status === 'done' || (isOpen(a) && a.status === 'doing'))
      .flatMap((a) => a.questions),
  );
  const recheck = planRecheck({
    bank,
    latest: last.answers,
    ...(last.upgrade && { upgrade: last.upgrade }),
    actedOn,
    today: io.today(),
  });
  const counts = reasonCounts(recheck);
  const why = Object.entries(counts)
    .map(([r, n]) => `${n} ${REASON_WORDS[r as keyof typeof REASON_WORDS]}`)
    .join(', ');
  const n = recheck.ask.length;
  const kept = Object.keys(recheck.carried.answers).length;
  const intro = [
    `Re-check from ${terminalLine(latest)}${last.answers.date ? ` (${last.answers.date})` : ''}: ${n} of ${recheck.total} questions to answer again${why ? ` (${why})` : ''}; about ${minutesFor(n)}.`,
    `The other ${kept} answers are carried forward, each with the day it was given; ${terminalLine(latest)} is left as it was.`,
  ].join('\n');
  return { latest, recheck, defaults: last.answers.answers, intro };
}

/** About twelve seconds a question: the one estimate of collect/duration.ts. */
export const minutesFor = aboutMinutes;
