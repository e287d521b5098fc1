import { mergeAnswers } from '../../answers/merge.js';
import { aboutMinutes } from '../../collect/duration.js';
import { DEFAULT_MIN_GROUP } from '../../team/anonymity.js';
import { parseAnswers } from '../../answers/parse.js';
import type { Answers } from '../../answers/schema.js';
import { renderAnswersFile } from '../../answers/write.js';
import { auditQuestions, runAudit, startIndex } from '../../audit/engine.js';
import type { Audience } from '../../bank/schema.js';
import { bankRef } from '../../bank/queries.js';
import { EXIT, InputError, InterruptedError, UsageError } from '../../errors.js';
import { renderMarkdown } from '../../report/markdown.js';
import { renderTerminal } from '../../report/terminal.js';
import { closest, didYouMean } from '../../validation/closest.js';
import { terminalLine } from '../../text/escape.js';
import { wrap } from '../../text/wrap.js';
import {
  backupFile,
  fileExists,
  FileChangedError,
  readUserFile,
  realTarget,
  writeAtomic,
  writeGuarded,
  type FileStamp,
} from '../files.js';
import type { Io } from '../io.js';
import { loadAnswers, loadBank } from '../load.js';
import { guardOutput } from '../files.js';
import { reportOf } from '../report-model.js';
import { offerUpgrade } from '../upgrade.js';
import { colorLevel } from '../../text/style.js';
import { styleFor } from '../output.js';
import { schemaLinkFor } from '../schema-path.js';
import type { GlobalOptions } from '../spec.js';

const NO_TTY =
  'the interactive audit needs a terminal, and standard input is not one (a pipe, CI or </dev/null). ' +
  'Score a saved answers file instead: service-audit report --answers FILE, or gate CI with: service-audit check --answers FILE';

/** The markdown report's name when the person says "yes": the usual one, unless that is one of the inputs. */
export function reportName(cwd: string, inputs: readonly string[]): string {
  const taken = new Set(inputs.map((f) => realTarget(cwd, f)));
  for (let n = 1; ; n++) {
    const name = n === 1 ? 'service-audit-report.md' : `service-audit-report-${n}.md`;
    if (!taken.has(realTarget(cwd, name))) return name;
  }
}

/** About twelve seconds a question (one estimate for the form, collect and this; see collect/duration.ts). */
const minutes = aboutMinutes;

export interface RunOptions {
  bank?: string;
  answers: string;
  area?: string[];
  /** team: the short staff pulse (only the statements each person rates about themselves). */
  audience?: Audience;
  review?: boolean;
  restart?: boolean;
  report?: string;
  from?: string;
}

export default async function runCommand(io: Io, opts: RunOptions & GlobalOptions): Promise<number> {
  // Inquirer does not guard this itself: without a TTY it would wait for input forever.
  if (!io.stdin.isTTY) throw new UsageError(NO_TTY);
  const file = opts.answers;
  guardOutput(io, opts.report, [file, opts.bank]);
  const loaded = loadBank(io, opts.bank);
  const { bank } = loaded;
  const areas = opts.area;
  for (const a of areas ?? []) {
    const ids = bank.areas.map((x) => x.id);
    const near = ids.includes(a) ? undefined : closest(a, ids);
    if (!ids.includes(a))
      throw new UsageError(
        `--area ${terminalLine(a)}: no such area${near ? ` (${didYouMean(near)})` : ''}; the areas are ${ids.join(', ')}`,
      );
  }

  const from = opts.from;
  if (from !== undefined && startIndex(auditQuestions(bank, areas), from) === -1) {
    const list = auditQuestions(bank, areas);
    const ids = [...new Set(list.flatMap((x) => [x.question.id, x.element.id, x.area.id]))];
    const near = closest(from, ids);
    throw new UsageError(
      `--from ${terminalLine(from)}: no question, element or area with that id${areas ? ' in the chosen areas' : ''}${near ? ` (${didYouMean(near)})` : ''}; service-audit bank lists the ids`,
    );
  }

  const { inquirerAsker } = await import('../../audit/inquirer-asker.js');
  const asker = inquirerAsker({
    input: io.stdin,
    output: io.stdout as NodeJS.WritableStream & { columns?: number },
    interrupted: () => new InterruptedError(),
    plain: colorLevel({ flag: opts.color, env: io.env, isTTY: true }) === 0,
  });
  const style = styleFor(io, opts);
  const exists = fileExists(io.cwd, file);
  const shownFile = terminalLine(file);
  let answers: Answers = { bank: bankRef(bank), answers: {} };
  let saved = 0;
  const schemaPath = schemaLinkFor(io, 'answers', file, opts.bank);
  /**
   * The file as this audit last read or wrote it: its hash (undefined: no file) and its answers.
   * Before each save the file is hashed again; if someone else changed it meanwhile (another audit,
   * a hand edit), their changes are merged in, or the audit stops: it never overwrites them.
   */
  let known: { stamp: FileStamp; answers: Answers } = { stamp: { sha256: null, mtimeMs: null }, answers };
  /** Takes in what changed on disk since `known` (a second audit, a hand edit), or says what both changed. */
  const mergeWithDisk = (ours: Answers): Answers => {
    const now = readUserFile(io.cwd, file, 'answers file', 'run the audit again');
    const { parsed, problems } = parseAnswers(file, now.text, bank);
    if (!parsed)
      throw new InputError([
        ...problems,
        {
          file,
          line: 1,
          col: 1,
          message:
            'the answers file was changed while the audit ran and cannot be read now; your last answer was not saved',
          fix: 'fix the file (or undo the change), then run the audit again',
        },
      ]);
    const { merged, conflicts } = mergeAnswers(known.answers, ours, parsed.answers);
    if (conflicts.length > 0)
      throw new InputError(
        conflicts.map((c) => {
          const at = c.path[0] === 'answers' ? parsed.positions[c.key] : undefined;
          const show = (v: unknown) =>
            v === undefined
              ? 'no answer'
              : JSON.stringify(
                  typeof v === 'object' && v && 'value' in v && Object.keys(v).length === 1
                    ? (v as { value: unknown }).value
                    : v,
                );
          return {
            file,
            line: at?.line ?? 1,
            col: at?.col ?? 1,
            message: `${terminalLine(c.key)} was changed in this file while the audit ran (the file says ${terminalLine(show(c.theirs))}; your ${terminalLine(show(c.ours))} was not saved)`,
            fix: 'run the audit again: it continues from the file as it is now',
          };
        }),
      );
    known = { stamp: now.stamp, answers: parsed.answers };
    return merged;
  };
  const write = (a: Answers): Answers => {
    let next = a;
    // A write that finds the file changed merges and tries again; a third writer racing every
    // time is told so rather than looped on.
    for (let attempt = 0; ; attempt++) {
      try {
        const stamp = writeGuarded(io.cwd, file, renderAnswersFile(bank, next, schemaPath), known.stamp);
        known = { stamp, answers: next };
        return next;
      } catch (e) {
        if (!(e instanceof FileChangedError) || attempt >= 3) throw e;
        // Removed meanwhile: written again with every answer this audit knows.
        if (e.current.sha256 === null) known = { stamp: e.current, answers: { bank: next.bank, answers: {} } };
        else next = mergeWithDisk(next);
      }
    }
  };

  try {
    if (exists && opts.restart) {
      if (!(await asker.confirm(`Start over? ${shownFile} will be backed up first.`, false))) {
        io.stdout.write('Nothing changed.\n');
        return EXIT.ok;
      }
      io.stderr.write(`Old answers kept in ${terminalLine(backupFile(io.cwd, file))}\n`);
      known = { stamp: readUserFile(io.cwd, file, 'answers file', 'run the audit again').stamp, answers };
      write(answers);
    } else if (exists) {
      // An invalid file stops here with its problems: we never overwrite answers we cannot read.
      let loadedAnswers = loadAnswers(io, file, bank);
      // (bank-engine) A file of an earlier bank version is rewritten only with consent, backup kept.
      if (loadedAnswers.upgrade) {
        if (!(await offerUpgrade(io, asker, file, bank, opts.bank, loadedAnswers.upgrade.from))) return EXIT.ok;
        loadedAnswers = loadAnswers(io, file, bank);
      }
      answers = loadedAnswers.answers;
      // A guarded write compares the content's hash only.
      known = { stamp: { sha256: loadedAnswers.sha256, mtimeMs: null }, answers };
    }

    const audience = opts.audience;
    const pulse = audience === 'team';
    const total = auditQuestions(bank, areas, audience).length;
    if (pulse && total === 0)
      throw new UsageError(
        'this bank has no team statements (questions with audience: team); run the full audit without --audience team',
      );
    // Every answer (and the organization's name) is written the moment it is given. A staff
    // pulse stores no date: nothing in it should help tell who answered when.
    const save = (next: Answers): Answers => {
      answers = write(pulse ? next : { ...next, date: io.today() });
      saved = Object.keys(answers.answers).length;
      return answers;
    };
    const fresh = !exists || opts.restart === true;
    if (pulse && fresh) {
      const width = Math.min(io.stdout.columns ?? 80, 100);
      const intro = [
        `${total} statements about yourself; about ${minutes(total)}.`,
        `Your answers are pooled with your team's: a team report never shows a name, and shows a group only when it has at least ${DEFAULT_MIN_GROUP} people.`,
        `Every answer is saved at once in ${shownFile}. Stop any time with Ctrl+C and run the same command to continue.`,
      ];
      io.stdout.write(
        `${style.bold(terminalLine(bank.title))}\n${intro.map((p) => wrap(p, width).join('\n')).join('\n')}\n\n`,
      );
      const group = (await asker.text('Your team, site or shift (optional):')).trim().slice(0, 100);
      if (group) save({ ...answers, group });
    } else if (fresh) {
      const width = Math.min(io.stdout.columns ?? 80, 100);
      const areaTitles = bank.areas.filter((a) => !areas || areas.includes(a.id)).map((a) => terminalLine(a.title));
      const intro = [
        `${total} questions on ${areaTitles.join(', ')}; about ${minutes(total)}.`,
        'Choose with the arrow keys or number keys. x marks a question not applicable, n adds a note, ? says why a question matters, ← goes back.',
        `Every answer is saved at once in ${shownFile}. Stop any time with Ctrl+C and run the same command to continue.`,
      ];
      io.stdout.write(
        `${style.bold(terminalLine(bank.title))}\n${intro.map((p) => wrap(p, width).join('\n')).join('\n')}\n\n`,
      );
    }
    if (!pulse && (fresh || opts.review === true)) {
      // Asked again on --review (the saved text is the default), so both can be changed later.
      const organization = (
        await asker.text('Organization (optional, shown on reports):', answers.organization)
      ).trim();
      if (organization !== (answers.organization ?? ''))
        save({ ...withoutKey(answers, 'organization'), ...(organization && { organization }) });
      const respondent = (
        await asker.text('Your name (optional; on this report, never on a pooled team report):', answers.respondent)
      ).trim();
      if (respondent !== (answers.respondent ?? ''))
        save({ ...withoutKey(answers, 'respondent'), ...(respondent && { respondent }) });
    }
    saved = Object.keys(answers.answers).length;
    answers = await runAudit({
      bank,
      answers,
      ...(areas && { areas }),
      ...(audience && { audience }),
      review: opts.review === true,
      ...(from !== undefined && { from }),
      asker,
      save,
    });
    if (pulse) {
      io.stdout.write(
        `\nThank you. Your answers are saved in ${shownFile}; hand the file in as your team lead asked.\n`,
      );
      return EXIT.ok;
    }

    const { sha256 } = readUserFile(io.cwd, file, 'answers file', 'run the audit again');
    const model = reportOf(io, loaded, { answers, file, sha256 }, { ...(areas && { areas }) });
    io.stdout.write(
      `\n${renderTerminal(model, { style, width: io.stdout.columns ?? 80 })}\nAnswers saved in ${shownFile}\n`,
    );
    let reportFile = opts.report;
    if (!reportFile) {
      // Never the answers file (or the bank), even through a link or under the report's usual name.
      const name = reportName(io.cwd, [file, ...(opts.bank ? [opts.bank] : [])]);
      if (await asker.confirm(`Write a markdown report too (${name})?`, false)) reportFile = name;
    }
    if (reportFile)
      io.stderr.write(
        `Markdown report written to ${terminalLine(writeAtomic(io.cwd, reportFile, renderMarkdown(model)))}\n`,
      );
    return EXIT.ok;
  } catch (e) {
    if (e instanceof InterruptedError) {
      const again = [
        'npx service-audit',
        ...(file !== 'service-audit-answers.yaml' ? ['--answers', file] : []),
        ...(opts.bank ? ['--bank', opts.bank] : []),
        ...(areas ?? []).flatMap((a) => ['--area', a]),
        ...(opts.audience ? ['--audience', opts.audience] : []),
      ].join(' ');
      throw new InterruptedError(
        `\nStopped. ${saved} answer${saved === 1 ? '' : 's'} saved in ${shownFile}. Continue with: ${terminalLine(again)}`,
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
