import type { Answers } from '../../answers/schema.js';
import { DEFAULT_MIN_GROUP } from '../../team/anonymity.js';
import type { Asker } from '../../audit/asker.js';
import { auditQuestions, runAudit, startIndex } from '../../audit/engine.js';
import type { Audience, Bank } from '../../bank/schema.js';
import { bankRef } from '../../bank/queries.js';
import { EXIT, InterruptedError, UsageError } from '../../errors.js';
import { renderMarkdown } from '../../report/markdown.js';
import { colorLevel, type Style } from '../../text/style.js';
import { renderTerminal } from '../../report/terminal.js';
import { shellWord, terminalLine } from '../../text/escape.js';
import { wrap } from '../../text/wrap.js';
import { closest, didYouMean } from '../../validation/closest.js';
import { answersKind } from '../answers-file.js';
import { backupFile, fileExists, readUserFile, realTarget, writeAtomic } from '../files.js';
import { GuardedFile, NO_FILE } from '../guarded.js';
import type { Io } from '../io.js';
import { loadAnswers, loadBank, type LoadedBank } from '../load.js';
import { guardOutput } from '../files.js';
import { checkAreas, reportOf } from '../report-model.js';
import { styleFor } from '../output.js';
import { findLatest, minutesFor, prepareRecheck, thisQuarterFile, type StartedRecheck } from '../recheck.js';
import { schemaLinkFor } from '../schema-path.js';
import type { GlobalOptions } from '../spec.js';
import { offerUpgrade } from '../upgrade.js';

const NO_TTY =
  'the interactive audit needs a terminal, and standard input is not one (a pipe, CI or </dev/null). ' +
  'Score a saved answers file instead: service-audit report --answers FILE, or gate CI with: service-audit check --answers FILE';

/** The answers file when none is named. */
export const DEFAULT_ANSWERS = 'service-audit-answers.yaml';

/** The markdown report's name when the person says "yes": the usual one, unless that is one of the inputs. */
export function reportName(cwd: string, inputs: readonly string[]): string {
  const taken = new Set(inputs.map((f) => realTarget(cwd, f)));
  for (let n = 1; ; n++) {
    const name = n === 1 ? 'service-audit-report.md' : `service-audit-report-${n}.md`;
    if (!taken.has(realTarget(cwd, name))) return name;
  }
}

export interface RunOptions {
  bank?: string;
  answers?: string;
  area?: string[];
  /** team: the short staff pulse (only the statements each person rates about themselves). */
  audience?: Audience;
  review?: boolean;
  restart?: boolean;
  report?: string;
  from?: string;
  /** Start this quarter's file from last quarter's (true: the latest one in this folder). */
  recheck?: boolean | string;
  /** The plan whose actions a re-check asks about again. */
  plan?: string;
}

/** Refuses an --area or --from the bank does not have, with a did-you-mean. */
export function checkRunOptions(bank: Bank, areas: readonly string[] | undefined, from: string | undefined): void {
  checkAreas(bank, areas);
  if (from === undefined) return;
  const list = auditQuestions(bank, areas);
  if (startIndex(list, from) !== -1) return;
  const ids = [...new Set(list.flatMap((x) => [x.question.id, x.element.id, x.area.id]))];
  const near = closest(from, ids);
  throw new UsageError(
    `--from ${terminalLine(from)}: no question, element or area with that id${areas ? ' in the chosen areas' : ''}${near ? ` (${didYouMean(near)})` : ''}; service-audit bank lists the ids`,
  );
}

/** The command that continues this audit after Ctrl+C. */
export function continueCommand(file: string, opts: RunOptions): string {
  return [
    'npx service-audit',
    ...(file !== DEFAULT_ANSWERS ? ['--answers', file] : []),
    ...(opts.bank ? ['--bank', opts.bank] : []),
    ...(opts.area ?? []).flatMap((a) => ['--area', a]),
    ...(opts.audience ? ['--audience', opts.audience] : []),
  ].join(' ');
}

/** Everything one run of the audit shares between its steps. */
interface Session {
  io: Io;
  opts: RunOptions & GlobalOptions;
  loaded: LoadedBank;
  bank: Bank;
  asker: Asker;
  style: Style;
  file: string;
  shownFile: string;
  guarded: GuardedFile<Answers>;
  answers: Answers;
}

/** The answers file as it stands: loaded (an earlier bank's upgraded with consent), restarted, or new. undefined: stop. */
async function openAnswers(s: Session, exists: boolean): Promise<boolean> {
  const { io, opts, asker, file, bank } = s;
  if (exists && opts.restart) {
    if (!(await asker.confirm(`Start over? ${s.shownFile} will be backed up first.`, false))) {
      io.stdout.write('Nothing changed.\n');
      return false;
    }
    io.stderr.write(`Old answers kept in ${terminalLine(backupFile(io.cwd, file))}\n`);
    s.guarded.known = {
      stamp: readUserFile(io.cwd, file, 'answers file', 'run the audit again').stamp,
      value: s.answers,
    };
    s.guarded.write(s.answers);
  } else if (exists) {
    // An invalid file stops here with its problems: we never overwrite answers we cannot read.
    let loaded = loadAnswers(io, file, bank);
    // A file of an earlier bank version is rewritten only with consent, backup kept.
    if (loaded.upgrade) {
      if (!(await offerUpgrade(io, asker, file, bank, opts.bank, loaded.upgrade.from))) return false;
      loaded = loadAnswers(io, file, bank);
    }
    s.answers = loaded.answers;
    // A guarded write compares the content's hash only.
    s.guarded.known = { stamp: { sha256: loaded.sha256, mtimeMs: null }, value: s.answers };
  }
  return true;
}

/** The lines said before the first question of a new audit or a staff pulse. */
function introduce(s: Session, total: number, pulse: boolean): void {
  const width = Math.min(s.io.stdout.columns ?? 80, 100);
  const areas = s.opts.area;
  const intro = pulse
    ? [
        `${total} statements about yourself; about ${minutesFor(total)}.`,
        `Your answers are pooled with your team's: a team report never shows a name, and shows a group only when it has at least ${DEFAULT_MIN_GROUP} people.`,
      ]
    : [
        `${total} questions on ${s.bank.areas
          .filter((a) => !areas || areas.includes(a.id))
          .map((a) => terminalLine(a.title))
          .join(', ')}; about ${minutesFor(total)}.`,
        'Choose with the arrow keys or number keys. x marks a question not applicable, n adds a note, ? says why a question matters, ← goes back.',
      ];
  intro.push(
    `Every answer is saved at once in ${s.shownFile}. Stop any time with Ctrl+C and run the same command to continue.`,
  );
  s.io.stdout.write(
    `${s.style.bold(terminalLine(s.bank.title))}\n${intro.map((p) => wrap(p, width).join('\n')).join('\n')}\n\n`,
  );
}

/** Asks the organization and the respondent's name (saved text as defaults); saves a change at once. */
async function askWho(s: Session, save: (a: Answers) => Answers): Promise<void> {
  const organization = (
    await s.asker.text('Organization (optional, shown on reports):', s.answers.organization)
  ).trim();
  if (organization !== (s.answers.organization ?? ''))
    save({ ...withoutKey(s.answers, 'organization'), ...(organization && { organization }) });
  const respondent = (await s.asker.text('Your name (optional, not on team reports):', s.answers.respondent)).trim();
  if (respondent !== (s.answers.respondent ?? ''))
    save({ ...withoutKey(s.answers, 'respondent'), ...(respondent && { respondent }) });
}

/** The report on screen after the last answer, and the markdown report if asked for. */
async function finish(s: Session): Promise<void> {
  const { io, opts, file } = s;
  const { sha256 } = readUserFile(io.cwd, file, 'answers file', 'run the audit again');
  const model = reportOf(
    io,
    s.loaded,
    { answers: s.answers, file, sha256 },
    { ...(opts.area && { areas: opts.area }) },
  );
  io.stdout.write(
    `\n${renderTerminal(model, { style: s.style, width: io.stdout.columns ?? 80 })}\nAnswers saved in ${s.shownFile}\n`,
  );
  let reportFile = opts.report;
  if (!reportFile) {
    // Never the answers file (or the bank), even through a link or under the report's usual name.
    const name = reportName(io.cwd, [file, ...(opts.bank ? [opts.bank] : [])]);
    if (await s.asker.confirm(`Write a markdown report too (${name})?`, false)) reportFile = name;
  }
  if (reportFile)
    io.stderr.write(
      `Markdown report written to ${terminalLine(writeAtomic(io.cwd, reportFile, renderMarkdown(model)))}\n`,
    );
}

/** A re-check's start: last quarter's file found, this quarter's named, what to ask decided. */
function startRecheck(
  io: Io,
  bank: Bank,
  opts: RunOptions,
): { file: string; started: StartedRecheck } | { file: string; started?: undefined } {
  if (opts.recheck === undefined || opts.recheck === false) return { file: opts.answers ?? DEFAULT_ANSWERS };
  if (opts.restart || opts.review || opts.from !== undefined || opts.audience)
    throw new UsageError(
      '--recheck asks only what needs asking again; run it without --restart, --review, --from or --audience',
    );
  const latest = typeof opts.recheck === 'string' ? opts.recheck : findLatest(io, bank, io.today());
  const file = opts.answers ?? thisQuarterFile(latest, io.today());
  return { file, started: prepareRecheck(io, bank, latest, file, opts.plan) };
}

export default async function runCommand(io: Io, opts: RunOptions & GlobalOptions): Promise<number> {
  // Inquirer does not guard this itself: without a TTY it would wait for input forever.
  if (!io.stdin.isTTY) throw new UsageError(NO_TTY);
  guardOutput(io, opts.report, [opts.answers, opts.bank]);
  const loaded = loadBank(io, opts.bank);
  const { bank } = loaded;
  checkRunOptions(bank, opts.area, opts.from);
  const { file, started } = startRecheck(io, bank, opts);
  guardOutput(io, opts.report, [file]);

  const { inquirerAsker } = await import('../../audit/inquirer-asker.js');
  const asker = inquirerAsker({
    input: io.stdin,
    output: io.stdout as NodeJS.WritableStream & { columns?: number },
    interrupted: () => new InterruptedError(),
    plain: colorLevel({ flag: opts.color, env: io.env, isTTY: true }) === 0,
  });
  const empty: Answers = { bank: bankRef(bank), answers: {} };
  const s: Session = {
    io,
    opts,
    loaded,
    bank,
    asker,
    style: styleFor(io, opts),
    file,
    shownFile: terminalLine(file),
    guarded: new GuardedFile(io.cwd, file, answersKind(file, bank, schemaLinkFor(io, 'answers', file, opts.bank)), {
      stamp: NO_FILE,
      value: empty,
    }),
    answers: empty,
  };
  let saved = 0;
  try {
    const exists = fileExists(io.cwd, file);
    if (!(await openAnswers(s, exists))) return EXIT.ok;
    const pulse = opts.audience === 'team';
    // Every answer (and the organization's name) is written the moment it is given. A staff
    // pulse stores no date: nothing in it should help tell who answered when.
    const save = (next: Answers): Answers => {
      s.answers = s.guarded.write(pulse ? next : { ...next, date: io.today() });
      saved = Object.keys(s.answers.answers).length;
      return s.answers;
    };
    if (started) {
      io.stdout.write(`${s.style.bold(terminalLine(bank.title))}\n${started.intro}\n\n`);
      // This quarter's file starts as last quarter's answers less those asked again.
      if (!exists) save(started.recheck.carried);
    }
    const total = auditQuestions(bank, opts.area, opts.audience).length;
    if (pulse && total === 0)
      throw new UsageError(
        'this bank has no team statements (questions with audience: team); run the full audit without --audience team',
      );
    const fresh = !started && (!exists || opts.restart === true);
    if (fresh) introduce(s, total, pulse);
    if (pulse && fresh) {
      const group = (await asker.text('Your team, site or shift (optional):')).trim().slice(0, 100);
      if (group) save({ ...s.answers, group });
    }
    if (!pulse && (fresh || opts.review === true)) await askWho(s, save);
    saved = Object.keys(s.answers.answers).length;
    s.answers = await runAudit({
      bank,
      answers: s.answers,
      ...(opts.area && { areas: opts.area }),
      ...(opts.audience && { audience: opts.audience }),
      review: opts.review === true,
      ...(opts.from !== undefined && { from: opts.from }),
      ...(started && { only: new Set(started.recheck.ask.map((x) => x.id)), defaults: started.defaults }),
      asker,
      save,
    });
    if (pulse) {
      io.stdout.write(
        `\nThank you. Your answers are saved in ${s.shownFile}; hand the file in as your team lead asked.\n`,
      );
      return EXIT.ok;
    }
    await finish(s);
    return EXIT.ok;
  } catch (e) {
    if (e instanceof InterruptedError) {
      const again = started
        ? `npx service-audit --recheck ${shellWord(started.latest)} --answers ${shellWord(file)}`
        : continueCommand(file, opts);
      throw new InterruptedError(
        `\nStopped. ${saved} answer${saved === 1 ? '' : 's'} saved in ${s.shownFile}. Continue with: ${terminalLine(again)}`,
      );
    }
    throw e;
  }
}

/** The answers without one of their optional fields. */
function withoutKey(a: Answers, key: 'organization' | 'respondent'): Answers {
  const { [key]: _dropped, ...rest } = a;
  return rest;
}
