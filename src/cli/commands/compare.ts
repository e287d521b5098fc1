import { COMPARE_FORMATS, compareAudits } from '../../compare/compare.js';
import { EXIT } from '../../errors.js';
import type { Io } from '../io.js';
import { loadAnswers, loadBank, reportOf } from '../load.js';
import type { Opts } from '../main.js';

export default function compareCommand(io: Io, opts: Opts, args: string[]): number {
  const loaded = loadBank(io, opts.bank as string | undefined);
  const [older, newer] = args.map((file) => {
    const a = loadAnswers(io, file, loaded.bank);
    return { report: reportOf(io, loaded, a), answers: a.answers };
  });
  if (!older || !newer) return EXIT.input;
  io.stdout.write(COMPARE_FORMATS[opts.format as keyof typeof COMPARE_FORMATS](compareAudits(loaded.bank, older, newer)));
  return EXIT.ok;
}
