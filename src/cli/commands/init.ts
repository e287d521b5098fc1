import { renderAnswersFile } from '../../answers/write.js';
import { EXIT, UsageError } from '../../errors.js';
import { fileExists, writeAtomic } from '../files.js';
import type { Io } from '../io.js';
import { loadBank } from '../load.js';
import { schemaLinkFor } from '../schema-path.js';
import type { GlobalOptions } from '../spec.js';

export interface InitOptions {
  bank?: string;
  out: string;
  force?: boolean;
}

export default function initCommand(io: Io, opts: InitOptions & GlobalOptions): number {
  const { out } = opts;
  if (fileExists(io.cwd, out) && !opts.force) throw new UsageError(`${out} already exists; nothing was written. Pass --force to overwrite it, or --out another file.`);
  const { bank } = loadBank(io, opts.bank);
  const path = writeAtomic(io.cwd, out, renderAnswersFile(bank, { answers: {} }, schemaLinkFor(io, 'answers', out, opts.bank)));
  io.stdout.write(`Answers template written to ${path}\nFill it in, then run: service-audit check --answers ${out}\n`);
  return EXIT.ok;
}
