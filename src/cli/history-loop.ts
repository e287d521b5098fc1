// The edge of the history's loop: pooling each pulse folder, reading the plan, scoring credits.
import { readdirSync, statSync } from 'node:fs';
import { readUserFile } from './files.js';
import { basename, join, resolve } from 'node:path';
import type { Answers } from '../answers/schema.js';
import type { Bank } from '../bank/schema.js';
import { planOnTimeline, pulseRows, type DatedCredits, type HistoryPulse } from '../history/loop.js';
import type { HistoryModel } from '../history/model.js';
import { scoreAudit } from '../score/score.js';
import { quarterOf } from './recheck.js';
import type { Io } from './io.js';
import type { LoadedBank } from './load.js';
import { loadPlan } from './plan-file.js';
import { poolReport } from './team.js';

/** The fewest respondents a pulse needs for its shares to be shown (the team report's default floor). */
const MIN_GROUP = 5;

/**
 * Whether an input of `history` is a staff pulse's folder: a folder whose answers files carry no
 * `date:` (a pulse stores none). A folder of dated audits is read as audits.
 */
export function isPulseFolder(io: Io, input: string): boolean {
  const dir = resolve(io.cwd, input);
  try {
    if (!statSync(dir).isDirectory()) return false;
    const files = readdirSync(dir).filter((f) => /\.ya?ml$/i.test(f));
    return (
      files.length > 0 &&
      files.every((f) => !/^date:/m.test(readUserFile(io.cwd, join(input, f), 'answers file', 'check the folder').text))
    );
  } catch {
    return false;
  }
}

/** The quarter a pulse folder belongs to: named in the folder ("pulse-2026-q2"), else the day its newest response was written. */
function quarterOfFolder(io: Io, folder: string): string {
  const named = /(\d{4})-?q([1-4])/i.exec(basename(resolve(io.cwd, folder)));
  if (named) return `${named[1]}-q${named[2]}`;
  const dir = resolve(io.cwd, folder);
  const newest = Math.max(0, ...readdirSync(dir).map((f) => statSync(join(dir, f)).mtimeMs));
  return quarterOf(new Date(newest).toISOString().slice(0, 10));
}

/** One pulse folder pooled: each engagement statement's share with its interval (nothing under the floor). */
function pulseOf(io: Io, bank: LoadedBank, folder: string): HistoryPulse {
  const report = poolReport(io, bank, [folder], { minGroup: MIN_GROUP, strict: false });
  const shares: HistoryPulse['shares'] = {};
  for (const s of report.results?.engagement ?? [])
    shares[s.question] = { share: s.share, low: s.low, high: s.high, answered: s.answered };
  return { source: folder, quarter: quarterOfFolder(io, folder), respondents: report.pool.respondents, shares };
}

/** The statements' texts by question id, for the pulse rows. */
function statements(bank: Bank): Record<string, string> {
  const out: Record<string, string> = {};
  for (const a of bank.areas) for (const e of a.elements) for (const q of e.questions) out[q.id] = q.text;
  return out;
}

/** Each audit's credits by question, for whether a done action's questions moved. */
export function creditsOf(bank: Bank, answers: Answers): DatedCredits {
  const credits: Record<string, number> = {};
  for (const e of scoreAudit(bank, answers).elements)
    for (const r of e.results) if (r.status === 'answered' && r.credit !== undefined) credits[r.question.id] = r.credit;
  return { date: answers.date ?? '', credits };
}

/** The plan and pulse parts of a history: `plan` the --plan file, `folders` the pulse folders given. */
export function historyLoop(
  io: Io,
  bank: LoadedBank,
  o: { plan?: string; folders: readonly string[]; audits: readonly DatedCredits[] },
): Pick<HistoryModel, 'plan' | 'pulse'> {
  const plan = o.plan === undefined ? null : planOnTimeline(loadPlan(io, o.plan, bank.bank).plan, o.plan, o.audits);
  const pulse =
    o.folders.length === 0
      ? null
      : pulseRows(
          o.folders.map((f) => pulseOf(io, bank, f)),
          statements(bank.bank),
        );
  return { plan, pulse };
}
