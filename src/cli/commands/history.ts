import { parseAnswers } from '../../answers/parse.js';
import { EXIT, InputError, UsageError } from '../../errors.js';
import { buildHistory, type ScoredAudit } from '../../history/model.js';
import { HISTORY_FORMATS, type HistoryFormat } from '../../history/formats.js';
import { readUserFile } from '../files.js';
import { expandPoolInputs } from '../inputs.js';
import { terminalLine } from '../../text/escape.js';
import type { Io } from '../io.js';
import { loadBank, type LoadedBank } from '../load.js';
import { guardOutput } from '../files.js';
import { reportOf } from '../report-model.js';
import { emit, styleFor } from '../output.js';
import type { GlobalOptions } from '../spec.js';
import { creditsOf, historyLoop, isPulseFolder } from '../history-loop.js';
import type { DatedCredits } from '../../history/loop.js';

export interface HistoryOptions {
  /** Answers files, and folders of a staff pulse each. */
  files: string[];
  /** The plan whose actions go on the timeline. */
  plan?: string;
  bank?: string[];
  format: HistoryFormat;
  out?: string;
}

/** The 1-based line on which a top-level key is written, for pointing at it; else line 1. */
const lineOf = (text: string, key: string) => {
  const i = text.split('\n').findIndex((l) => l.startsWith(`${key}:`));
  return i < 0 ? 1 : i + 1;
};

/** Folds case and spacing, so "Acme  support" and "Acme Support" are one organization. */
const sameName = (a: string, b: string) =>
  a.trim().replace(/\s+/g, ' ').toLowerCase() === b.trim().replace(/\s+/g, ' ').toLowerCase();

export default function historyCommand(io: Io, opts: HistoryOptions & GlobalOptions): number {
  // Folders and quoted globs are expanded as the team report does (a shell that does not expand
  // them, as on Windows, or a quoted "audits/*.yaml" still names every audit).
  // A folder of a staff pulse (answers without a date) is pooled as a pulse, not read as audits.
  const folders = opts.files.filter((f) => isPulseFolder(io, f));
  const expanded = expandPoolInputs(
    io.cwd,
    opts.files.filter((f) => !folders.includes(f)),
  );
  if (expanded.problems.length) throw new InputError(expanded.problems);
  const files = expanded.files.map((f) => f.shown);
  if (files.length < 2)
    throw new UsageError(
      `a history needs at least two answers files (one per audit, e.g. audits/*.yaml or a folder)${files.length === 1 ? `; only ${terminalLine(files[0]!)} was found` : ''}`,
    );
  // Each file is scored against the bank version it names: the built-in bank or one given with --bank.
  const banks: LoadedBank[] = [loadBank(io), ...(opts.bank ?? []).map((f) => loadBank(io, f))];
  const fallback = banks[banks.length - 1]!;
  guardOutput(io, opts.out, [...files, ...(opts.bank ?? []), opts.plan]);
  const audits: (ScoredAudit & { text: string; credits: DatedCredits })[] = [];
  const problems = [];
  for (const file of files) {
    const { text, sha256 } = readUserFile(io.cwd, file, 'answers file', 'check the path');
    const ref = /^bank:\s*["']?([A-Za-z0-9_-]+@\d+)/m.exec(text)?.[1];
    const loaded = banks.find((b) => `${b.bank.id}@${b.bank.version}` === ref) ?? fallback;
    const { parsed, problems: found } = parseAnswers(file, text, loaded.bank);
    if (!parsed) {
      problems.push(...found);
      continue;
    }
    const twin = audits.find((a) => a.report.answers.sha256 === sha256);
    if (twin) {
      problems.push({
        file,
        line: 1,
        col: 1,
        message: `is the same audit as ${twin.report.answers.file} (the files are identical)`,
        fix: 'pass each audit once: remove one of the two copies from the list',
      });
      continue;
    }
    if (!parsed.answers.date) {
      problems.push({
        file,
        line: 1,
        col: 1,
        message: 'no date: a history puts audits in the order they were taken',
        fix: 'add "date: YYYY-MM-DD", the day this audit was taken',
      });
      continue;
    }
    audits.push({
      report: reportOf(io, loaded, { answers: parsed.answers, file, sha256 }),
      bank: loaded.bank,
      text,
      credits: creditsOf(loaded.bank, parsed.answers),
    });
  }
  if (problems.length) throw new InputError(problems);

  const named = audits.filter((a) => a.report.answers.organization);
  const first = named[0];
  for (const a of named) {
    const [org, firstOrg] = [a.report.answers.organization!, first!.report.answers.organization!];
    if (!sameName(org, firstOrg))
      throw new InputError([
        {
          file: a.report.answers.file,
          line: lineOf(a.text, 'organization'),
          col: 1,
          message: `organization "${org}" is not "${firstOrg}" of ${first!.report.answers.file}`,
          fix: "a history follows one organization: pass only that organization's answers files",
        },
      ]);
  }

  // By date; audits of the same day keep the order they were given in.
  const ordered = audits
    .map((a, i) => ({ a, i }))
    .sort((x, y) =>
      x.a.report.answers.date! < y.a.report.answers.date!
        ? -1
        : x.a.report.answers.date! > y.a.report.answers.date!
          ? 1
          : x.i - y.i,
    );
  // The plan and the pulses are read against the latest audit's bank.
  const latest = banks.find((b) => b.bank === ordered.at(-1)!.a.bank) ?? fallback;
  const loop = historyLoop(io, latest, {
    ...(opts.plan !== undefined && { plan: opts.plan }),
    folders,
    audits: ordered.map(({ a }) => a.credits),
  });
  const model = buildHistory(
    ordered.map(({ a }) => ({ report: a.report, bank: a.bank })),
    io.version,
    loop,
  );
  const text = HISTORY_FORMATS[opts.format](model, {
    style: styleFor(io, opts, opts.out !== undefined),
    width: io.stdout.columns ?? 80,
  });
  emit(io, text, opts.out, `${opts.format} history`);
  return EXIT.ok;
}
