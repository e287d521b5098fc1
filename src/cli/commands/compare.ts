import { compareAudits } from '../../compare/compare.js';
import { COMPARE_FORMATS, type CompareFormat } from '../../compare/formats.js';
import { EXIT } from '../../errors.js';
import type { Io } from '../io.js';
import { loadAnswers, loadBank } from '../load.js';
import { guardOutput } from '../files.js';
import { reportOf } from '../report-model.js';
import { emit } from '../output.js';
import type { GlobalOptions } from '../spec.js';

export interface CompareOptions {
  old: string;
  new: string;
  bank?: string;
  format: CompareFormat;
  out?: string;
}

export default function compareCommand(io: Io, opts: CompareOptions & GlobalOptions): number {
  const loaded = loadBank(io, opts.bank);
  const scored = (file: string) => {
    const a = loadAnswers(io, file, loaded.bank);
    return { report: reportOf(io, loaded, a), answers: a.answers };
  };
  guardOutput(io, opts.out, [opts.old, opts.new, opts.bank]);
  const comparison = compareAudits(loaded.bank, scored(opts.old), scored(opts.new));
  emit(io, COMPARE_FORMATS[opts.format](comparison, {}), opts.out, `${opts.format} comparison`);
  return EXIT.ok;
}
