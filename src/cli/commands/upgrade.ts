import { EXIT } from '../../errors.js';
import type { Io } from '../io.js';
import { loadBank } from '../load.js';
import type { GlobalOptions } from '../spec.js';
import { upgradeAnswersFile, upgradeSummary } from '../upgrade.js';

export interface UpgradeOptions {
  file: string;
  bank?: string;
}

export default function upgradeCommand(io: Io, opts: UpgradeOptions & GlobalOptions): number {
  const { bank } = loadBank(io, opts.bank);
  io.stdout.write(upgradeSummary(upgradeAnswersFile(io, opts.file, bank, opts.bank)));
  return EXIT.ok;
}
