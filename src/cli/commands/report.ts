import { EXIT, UsageError } from '../../errors.js';
import { REPORT_FORMATS, type ReportFormat } from '../../report/index.js';
import type { Io } from '../io.js';
import { guardOutput, loadAnswers, loadBank, reportOf } from '../load.js';
import type { Opts } from '../main.js';
import { emit, styleFor } from '../output.js';
import { isPool, leftOutNotice, poolReport } from '../team.js';
import { TEAM_FORMATS } from '../../team/render.js';
import type { LoadedBank } from '../load.js';

export default function reportCommand(io: Io, opts: Opts, inputs: string[] = []): number {
  const loaded = loadBank(io, opts.bank as string | undefined);
  if (isPool(io, inputs)) return teamReport(io, opts, loaded, inputs);
  if (inputs.length === 1) opts = { ...opts, answers: inputs[0] };
  const answers = loadAnswers(io, opts.answers as string, loaded.bank);
  const out = opts.out as string | undefined;
  guardOutput(io, out, [opts.answers as string, opts.bank as string | undefined]);
  const model = reportOf(io, loaded, answers, { explain: opts.explain === true, priorities: opts.priorities as number });
  const format = opts.format as ReportFormat;
  const text = REPORT_FORMATS[format](model, { style: styleFor(io, opts, out !== undefined), width: 80 });
  emit(io, text, out, `${format} report`);
  return EXIT.ok;
}

/** Several answers files, folders, globs or a CSV: the anonymous team report. */
function teamReport(io: Io, opts: Opts, loaded: LoadedBank, inputs: string[]): number {
  const out = opts.out as string | undefined;
  guardOutput(io, out, [...inputs, opts.bank as string | undefined, opts.map as string | undefined]);
  const model = poolReport(io, loaded, inputs, { minGroup: opts.minGroup as number, strict: opts.strict === true, ...(opts.map !== undefined && { map: opts.map as string }), priorities: opts.priorities as number });
  const format = opts.format as keyof typeof TEAM_FORMATS;
  const render = TEAM_FORMATS[format];
  if (!render) throw new UsageError(`--format ${format} is not available for a team report yet; use terminal, markdown or json`);
  emit(io, render(model, { style: styleFor(io, opts, out !== undefined), width: 80 }), out, `team ${format} report`);
  const notice = leftOutNotice(model);
  if (notice) io.stderr.write(notice);
  return EXIT.ok;
}
