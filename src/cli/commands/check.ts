import { appendFileSync, statSync } from 'node:fs';
import { summarise, evaluate } from '../../check/assertions.js';
import { assertionsFrom } from '../../check/config.js';
import { CHECK_FORMATS, summaryLine, type CheckFormat, type CheckOutcome } from '../../check/formats.js';
import { EXIT } from '../../errors.js';
import { renderMarkdown } from '../../report/markdown.js';
import type { Io } from '../io.js';
import { guardOutput, loadAnswers, reportOf } from '../load.js';
import { emit, styleFor } from '../output.js';
import { loadSetup } from '../setup.js';
import type { GlobalOptions } from '../spec.js';

/** GitHub rejects a step summary over 1 MiB. */
const STEP_SUMMARY_LIMIT = 1024 * 1024 - 1024;

export interface CheckOptions {
  answers?: string;
  bank?: string;
  config?: string;
  minScore?: number;
  minElementScore?: number;
  format?: CheckFormat;
  out?: string;
}

export default function checkCommand(io: Io, opts: CheckOptions & GlobalOptions): number {
  const { config, configFile, bank: loaded, answersFile } = loadSetup(io, opts);
  const answers = loadAnswers(io, answersFile, loaded.bank);
  const report = reportOf(io, loaded, answers);
  const assertions = assertionsFrom(config, {
    ...(opts.minScore !== undefined && { minScore: opts.minScore }),
    ...(opts.minElementScore !== undefined && { minElementScore: opts.minElementScore }),
  });
  const outcome: CheckOutcome = {
    results: evaluate(assertions, report),
    report,
    answersFile: answers.file,
    positions: answers.positions,
    anchor: answers.anchor,
  };

  const format = opts.format ?? (io.env.GITHUB_ACTIONS === 'true' ? 'github' : 'terminal');
  const out = opts.out;
  guardOutput(io, out, [answersFile, configFile, opts.bank]);
  const text = CHECK_FORMATS[format](outcome, { style: styleFor(io, opts, out !== undefined), width: 80 });
  emit(io, text, out, `check results (${format})`);
  // The results went to a file; the terminal still gets the verdict.
  if (out) io.stderr.write(`${summaryLine(outcome, styleFor(io, opts))}\n`);

  const summaryFile = io.env.GITHUB_STEP_SUMMARY;
  if (format === 'github' && summaryFile) appendStepSummary(summaryFile, renderMarkdown(report));
  return summarise(outcome.results).passed ? EXIT.ok : EXIT.fellShort;
}

/** Appends the report to the job summary, keeping the file under GitHub's 1 MiB limit. */
function appendStepSummary(file: string, markdown: string): void {
  let size = 0;
  try {
    size = statSync(file).size;
  } catch {
    /* not there yet: GitHub creates it, but a missing file just starts empty */
  }
  const room = STEP_SUMMARY_LIMIT - size;
  const text = Buffer.byteLength(markdown) <= room ? markdown : `${Buffer.from(markdown).subarray(0, Math.max(0, room - 200)).toString('utf8').replace(/\uFFFD*$/, '')}\n\n_Report cut to fit the 1 MiB job summary; \`service-audit report --format markdown\` prints all of it._\n`;
  if (room > 200) appendFileSync(file, text);
}
