import { EXIT } from '../../errors.js';
import { REPORT_FORMATS, type ReportFormat } from '../../report/index.js';
import type { Io } from '../io.js';
import { guardOutput, loadAnswers, loadBank, reportOf } from '../load.js';
import type { Opts } from '../main.js';
import { emit, styleFor } from '../output.js';

export default function reportCommand(io: Io, opts: Opts): number {
  const loaded = loadBank(io, opts.bank as string | undefined);
  const answers = loadAnswers(io, opts.answers as string, loaded.bank);
  const out = opts.out as string | undefined;
  guardOutput(io, out, [opts.answers as string, opts.bank as string | undefined]);
  const model = reportOf(io, loaded, answers, { explain: opts.explain === true, priorities: opts.priorities as number });
  const format = opts.format as ReportFormat;
  const text = REPORT_FORMATS[format](model, { style: styleFor(io, opts, out !== undefined), width: 80 });
  emit(io, text, out, `${format} report`);
  return EXIT.ok;
}
