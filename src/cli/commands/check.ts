import { randomUUID } from 'node:crypto';
import { appendFileSync, statSync } from 'node:fs';
import { summarise, evaluate } from '../../check/assertions.js';
import { assertionsFrom } from '../../check/config.js';
import {
  CHECK_FORMATS,
  renderCheckMarkdown,
  renderProblemsGithub,
  summaryLine,
  type CheckFormat,
  type CheckOutcome,
} from '../../check/formats.js';
import { EXIT, InputError } from '../../errors.js';
import { terminalLine } from '../../text/escape.js';
import type { Io } from '../io.js';
import { loadAnswers } from '../load.js';
import { guardOutput } from '../files.js';
import { reportOf } from '../report-model.js';
import { emit, styleFor } from '../output.js';
import { loadSetup } from '../setup.js';
import type { GlobalOptions } from '../spec.js';
import { combinedReport, isPool, leftOutNotice, poolReport, type PoolCommandOptions } from '../team.js';
import { questionsOf } from '../../bank/queries.js';
import { reportView } from '../../report/view.js';
import { teamView } from '../../team/view.js';
import type { Answers } from '../../answers/schema.js';
import type { LoopFacts } from '../../check/assertions.js';
import { expiredAnswers, planFacts } from '../../plan/facts.js';
import type { ScoredView } from '../../score/view.js';
import { namedPlan } from '../plan-file.js';

/** GitHub rejects a step summary over 1 MiB. */
const STEP_SUMMARY_LIMIT = 1024 * 1024 - 1024;

export interface CheckOptions extends PoolCommandOptions {
  /** Positional answers files, folders, globs or CSV exports: a pool. */
  inputs?: string[];
  answers?: string;
  bank?: string;
  config?: string;
  minScore?: number;
  minElementScore?: number;
  format?: CheckFormat;
  out?: string;
  /** The plan the plan assertions look at (else the config's `plan:`). */
  plan?: string;
}

export default function checkCommand(io: Io, opts: CheckOptions & GlobalOptions): number {
  // Decided before any file is read, so that a file the check cannot use is annotated too.
  const format = opts.format ?? (io.env.GITHUB_ACTIONS === 'true' ? 'github' : 'terminal');
  try {
    return check(io, opts, format);
  } catch (e) {
    if (format === 'github' && e instanceof InputError) io.stdout.write(renderProblemsGithub(e.problems));
    throw e;
  }
}

function check(io: Io, opts: CheckOptions & GlobalOptions, format: CheckFormat): number {
  const { config, configFile, bank: loaded, answersFile: fromSetup, planFile } = loadSetup(io, opts);
  const plan = namedPlan(io, planFile, loaded.bank);
  const today = io.today();
  /** What the plan and answer-date assertions see, for one view (and the answers behind it, if dated). */
  const loopOf = (view: ScoredView, answers?: Answers): LoopFacts => ({
    ...(plan && {
      plan: planFacts(
        plan.plan,
        plan.file,
        view.priorities.map((w) => w.questionId),
        today,
      ),
    }),
    ...(answers && { expired: expiredAnswers(loaded.bank, answers, today).map((e) => e.questionId) }),
  });
  const inputs = opts.inputs ?? [];
  const flags = {
    ...(opts.minScore !== undefined && { minScore: opts.minScore }),
    ...(opts.minElementScore !== undefined && { minElementScore: opts.minElementScore }),
  };
  let outcome: CheckOutcome;
  let answersFile: string;
  const assertions = assertionsFrom(config, flags, isPool(io, inputs) ? { minGroup: opts.minGroup } : undefined);
  const poolOptions = {
    minGroup: opts.minGroup,
    strict: opts.strict === true,
    ...(opts.map !== undefined && { map: opts.map }),
    ...((opts.teamSize ?? config?.teamSize) !== undefined && { teamSize: (opts.teamSize ?? config?.teamSize)! }),
  };
  if (opts.lead !== undefined) {
    // The combined audit: the lead's answers with the pulse, one report, one view.
    answersFile = opts.lead;
    guardOutput(io, opts.out, [opts.lead, ...inputs, opts.map]);
    const lead = loadAnswers(io, opts.lead, loaded.bank);
    const { model, team } = combinedReport(io, loaded, lead, inputs, poolOptions);
    const notice = leftOutNotice(team);
    if (notice) io.stderr.write(notice);
    outcome = {
      results: evaluate(assertions, reportView(model), loopOf(reportView(model), lead.answers)),
      view: reportView(model),
      document: { kind: 'report', model },
      answersFile: lead.file,
      positions: lead.positions,
      anchor: lead.anchor,
    };
  } else if (isPool(io, inputs)) {
    // A pool: the assertions hold against the team report's pooled scores and shares.
    answersFile = inputs[0]!;
    guardOutput(io, opts.out, [...inputs, opts.map]);
    const team = poolReport(io, loaded, inputs, poolOptions);
    const notice = leftOutNotice(team);
    if (notice) io.stderr.write(notice);
    const statements = questionsOf(loaded.bank)
      .filter((x) => x.question.audience === 'team')
      .map((x) => x.question.id);
    const view = teamView(team, answersFile, statements);
    outcome = {
      results: evaluate(assertions, view, loopOf(view)),
      view,
      document: { kind: 'team', model: team },
      answersFile,
      positions: {},
      anchor: { line: 1, col: 1 },
    };
  } else {
    answersFile = inputs[0] ?? fromSetup;
    const answers = loadAnswers(io, answersFile, loaded.bank);
    const report = reportOf(io, loaded, answers, { ...(plan && { plan }) });
    const view = reportView(report);
    outcome = {
      results: evaluate(assertions, view, loopOf(view, answers.answers)),
      view,
      document: { kind: 'report', model: report },
      answersFile: answers.file,
      positions: answers.positions,
      anchor: answers.anchor,
    };
  }

  const out = opts.out;
  guardOutput(io, out, [answersFile, configFile, opts.bank, planFile]);
  const text = CHECK_FORMATS[format](outcome, {
    style: styleFor(io, opts, out !== undefined),
    width: 80,
    token: randomUUID(),
  });
  emit(io, text, out, `check results (${format})`);
  // The results went to a file; the terminal still gets the verdict.
  if (out) io.stderr.write(`${summaryLine(outcome, styleFor(io, opts))}\n`);

  const summaryFile = io.env.GITHUB_STEP_SUMMARY;
  if (format === 'github' && summaryFile) {
    try {
      appendStepSummary(summaryFile, renderCheckMarkdown(outcome));
    } catch (e) {
      // The summary is a courtesy: the verdict (and its exit code) stands without it.
      const why = (e as NodeJS.ErrnoException).code ?? String(e);
      io.stderr.write(
        `warning: the job summary could not be written to ${terminalLine(summaryFile)} (${terminalLine(why)}); the check's result is unchanged\n`,
      );
    }
  }
  return summarise(outcome.results).passed ? EXIT.ok : EXIT.fellShort;
}

/** Appends the results and the report to the job summary, keeping the file under GitHub's 1 MiB limit. Throws when it cannot write. */
function appendStepSummary(file: string, markdown: string): void {
  let size = 0;
  try {
    size = statSync(file).size;
  } catch {
    /* not there yet: GitHub creates it, but a missing file just starts empty */
  }
  const room = STEP_SUMMARY_LIMIT - size;
  const text =
    Buffer.byteLength(markdown) <= room
      ? markdown
      : `${Buffer.from(markdown)
          .subarray(0, Math.max(0, room - 200))
          .toString('utf8')
          .replace(
            /\uFFFD*$/,
            '',
          )}\n\n_Report cut to fit the 1 MiB job summary; \`service-audit report --format markdown\` prints all of it._\n`;
  if (room > 200) appendFileSync(file, text);
}
