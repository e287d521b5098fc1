import { EXIT } from '../../errors.js';
import { REPORT_FORMATS, type ReportFormat } from '../../report/index.js';
import type { Io } from '../io.js';
import { guardOutput, loadAnswers, reportOf } from '../load.js';
import { emit, styleFor } from '../output.js';
import { loadSetup } from '../setup.js';
import type { GlobalOptions } from '../spec.js';

export interface ReportOptions {
  answers?: string;
  bank?: string;
  config?: string;
  format: ReportFormat;
  out?: string;
  explain?: boolean;
  priorities: number;
}

export default function reportCommand(io: Io, opts: ReportOptions & GlobalOptions): number {
  const { bank: loaded, answersFile, configFile } = loadSetup(io, opts);
  const answers = loadAnswers(io, answersFile, loaded.bank);
  const { out, format } = opts;
  guardOutput(io, out, [answersFile, configFile, opts.bank]);
  const model = reportOf(io, loaded, answers, { explain: opts.explain === true, priorities: opts.priorities });
  const text = REPORT_FORMATS[format](model, { style: styleFor(io, opts, out !== undefined), width: 80 });
  emit(io, text, out, `${format} report`);
  return EXIT.ok;
}
