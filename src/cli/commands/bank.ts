import { BANK_FORMATS, type BankFormat } from '../../bank/formats.js';
import { EXIT } from '../../errors.js';
import { terminalLine } from '../../text/escape.js';
import type { Io } from '../io.js';
import { loadBank } from '../load.js';
import { guardOutput } from '../files.js';
import { emit } from '../output.js';
import type { GlobalOptions } from '../spec.js';

export interface BankOptions {
  bank?: string;
  format: BankFormat;
  out?: string;
}

export default function bankCommand(io: Io, opts: BankOptions & GlobalOptions): number {
  const { bank, file, notices } = loadBank(io, opts.bank);
  for (const n of notices ?? []) io.stderr.write(`notice: ${terminalLine(n)}\n`);
  guardOutput(io, opts.out, [opts.bank]);
  emit(io, BANK_FORMATS[opts.format]({ bank, file }, {}), opts.out, 'bank');
  return EXIT.ok;
}
