import type { Answers } from '../../answers/schema.js';
import { renderAnswersFile } from '../../answers/write.js';
import { auditQuestions, runAudit } from '../../audit/engine.js';
import { bankRef } from '../../bank/load.js';
import { EXIT, InterruptedError, UsageError } from '../../errors.js';
import { renderMarkdown } from '../../report/markdown.js';
import { renderTerminal } from '../../report/terminal.js';
import { closest } from '../../validation/closest.js';
import { wrap } from '../../text/wrap.js';
import { backupFile, fileExists, readUserFile, writeAtomic } from '../files.js';
import type { Io } from '../io.js';
import { guardOutput, loadAnswers, loadBank, reportOf } from '../load.js';
import { colorLevel } from '../../report/style.js';
import { styleFor } from '../output.js';
import { schemaLinkFor } from '../schema-path.js';
import type { GlobalOptions } from '../spec.js';

const NO_TTY =
  'the interactive audit needs a terminal, and standard input is not one (a pipe, CI or </dev/null). ' +
  'Score a saved answers file instead: service-audit report --answers FILE, or gate CI with: service-audit check --answers FILE';

/** About twelve seconds a question, the pace of a team lead who knows the team. */
const minutes = (questions: number) => {
  const m = Math.max(1, Math.round((questions * 12) / 60));
  return m === 1 ? 'a minute' : `${m} minutes`;
};

export interface RunOptions {
  bank?: string;
  answers: string;
  area?: string[];
  review?: boolean;
  restart?: boolean;
  report?: string;
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
    if (!ids.includes(a)) throw new UsageError(`--area ${a}: no such area${closest(a, ids) ? ` (did you mean ${closest(a, ids)}?)` : ''}; the areas are ${ids.join(', ')}`);
  }

  const { inquirerAsker } = await import('../../audit/inquirer-asker.js');
  const asker = inquirerAsker({ input: io.stdin, output: io.stdout as NodeJS.WritableStream & { columns?: number }, interrupted: () => new InterruptedError(), plain: colorLevel({ flag: opts.color, env: io.env, isTTY: true }) === 0 });
  const style = styleFor(io, opts);
  const exists = fileExists(io.cwd, file);
  let answers: Answers = { bank: bankRef(bank), answers: {} };
  let saved = 0;
  const schemaPath = schemaLinkFor(io, 'answers', file, opts.bank);
  const write = (a: Answers) => writeAtomic(io.cwd, file, renderAnswersFile(bank, a, schemaPath));

  try {
    if (exists && opts.restart) {
      if (!(await asker.confirm(`Start over? ${file} will be backed up first.`, false))) {
        io.stdout.write('Nothing changed.\n');
        return EXIT.ok;
      }
      io.stderr.write(`Old answers kept in ${backupFile(io.cwd, file)}\n`);
      write(answers);
    } else if (exists) {
      // An invalid file stops here with its problems: we never overwrite answers we cannot read.
      answers = loadAnswers(io, file, bank).answers;
    }

    const total = auditQuestions(bank, areas).length;
    // Every answer (and the organization's name) is written the moment it is given.
    const save = (next: Answers) => {
      answers = { ...next, date: io.today() };
      write(answers);
      saved = Object.keys(answers.answers).length;
    };
    if (!exists || opts.restart) {
      const width = Math.min(io.stdout.columns ?? 80, 100);
      const areaTitles = bank.areas.filter((a) => !areas || areas.includes(a.id)).map((a) => a.title);
      const intro = [
        `${total} questions on ${areaTitles.join(', ')}; about ${minutes(total)}.`,
        'Choose with the arrow keys or number keys, press ? for why a question matters, and ← to go back.',
        `Every answer is saved at once in ${file}. Stop any time with Ctrl+C and run the same command to continue.`,
      ];
      io.stdout.write(`${style.bold(bank.title)}\n${intro.map((p) => wrap(p, width).join('\n')).join('\n')}\n\n`);
      const organization = (await asker.text('Organization (optional, shown on reports):')).trim();
      if (organization) save({ ...answers, organization });
    }
    saved = Object.keys(answers.answers).length;
    answers = await runAudit({ bank, answers, ...(areas && { areas }), review: opts.review === true, asker, save });

    const { sha256 } = readUserFile(io.cwd, file, 'answers file', 'run the audit again');
    const model = reportOf(io, loaded, { answers, file, sha256 }, { ...(areas && { areas }) });
    io.stdout.write(`\n${renderTerminal(model, { style, width: (io.stdout.columns ?? 80) })}\nAnswers saved in ${file}\n`);
    let reportFile = opts.report;
    if (!reportFile && (await asker.confirm('Write a markdown report too?', false))) reportFile = 'service-audit-report.md';
    if (reportFile) io.stderr.write(`Markdown report written to ${writeAtomic(io.cwd, reportFile, renderMarkdown(model))}\n`);
    return EXIT.ok;
  } catch (e) {
    if (e instanceof InterruptedError) {
      const again = ['npx service-audit', ...(file !== 'service-audit-answers.yaml' ? ['--answers', file] : []), ...(opts.bank ? ['--bank', opts.bank] : []), ...(areas ?? []).flatMap((a) => ['--area', a])].join(' ');
      throw new InterruptedError(`\nStopped. ${saved} answer${saved === 1 ? '' : 's'} saved in ${file}. Continue with: ${again}`);
    }
    throw e;
  }
}
