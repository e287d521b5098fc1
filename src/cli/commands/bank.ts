import { BANK_FORMATS, type BankFormat } from '../../bank/formats.js';
import { EXIT } from '../../errors.js';
import type { Io } from '../io.js';
import { loadBank } from '../load.js';
import type { GlobalOptions } from '../spec.js';

export interface BankOptions {
  bank?: string;
  format: BankFormat;
}

export default function bankCommand(io: Io, opts: BankOptions & GlobalOptions): number {
  const { bank, file } = loadBank(io, opts.bank);
  io.stdout.write(BANK_FORMATS[opts.format]({ bank, file }, {}));
  return EXIT.ok;
}
