import { compareAudits } from '../../compare/compare.js';
import { COMPARE_FORMATS, type CompareFormat } from '../../compare/formats.js';
import { EXIT } from '../../errors.js';
import type { Io } from '../io.js';
import { loadAnswers, loadBank, reportOf } from '../load.js';
import type { GlobalOptions } from '../spec.js';

export interface CompareOptions {
  old: string;
  new: string;
  bank?: string;
  format: CompareFormat;
}

export default function compareCommand(io: Io, opts: CompareOptions & GlobalOptions): number {
  const loaded = loadBank(io, opts.bank);
  const scored = (file: string) => {
    const a = loadAnswers(io, file, loaded.bank);
    return { report: reportOf(io, loaded, a), answers: a.answers };
  };
  io.stdout.write(COMPARE_FORMATS[opts.format](compareAudits(loaded.bank, scored(opts.old), scored(opts.new)), {}));
  return EXIT.ok;
}
