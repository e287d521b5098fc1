import { renderAnswersFile } from '../../answers/write.js';
import { EXIT, UsageError } from '../../errors.js';
import { terminalLine } from '../../text/escape.js';
import { fileExists, writeAtomic } from '../files.js';
import type { Io } from '../io.js';
import { loadBank } from '../load.js';
import { schemaLinkFor } from '../schema-path.js';
import { DEFAULT_ANSWERS } from '../setup.js';
import type { GlobalOptions } from '../spec.js';

export interface InitOptions {
  /** The file to create, as an argument… */
  file?: string;
  /** …or, as before 0.2, with --out. */
  out?: string;
  bank?: string;
  force?: boolean;
}

export default function initCommand(io: Io, opts: InitOptions & GlobalOptions): number {
  if (opts.file !== undefined && opts.out !== undefined && opts.file !== opts.out)
    throw new UsageError(`two files named: ${opts.file} and --out ${opts.out}; name the file to create once`);
  const file = opts.file ?? opts.out ?? DEFAULT_ANSWERS;
  if (fileExists(io.cwd, file) && !opts.force)
    throw new UsageError(
      `${file} already exists; nothing was written. Pass --force to overwrite it, or name another file.`,
    );
  const { bank } = loadBank(io, opts.bank);
  const path = writeAtomic(
    io.cwd,
    file,
    renderAnswersFile(bank, { answers: {} }, schemaLinkFor(io, 'answers', file, opts.bank)),
  );
  // Messages, not data: stderr, so stdout stays empty for scripts.
  io.stderr.write(
    `Answers template written to ${terminalLine(path)}\nFill it in, then run: service-audit check --answers ${terminalLine(file)}\n`,
  );
  return EXIT.ok;
}
