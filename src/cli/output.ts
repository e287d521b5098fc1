import { colorLevel, type Style } from '../text/style.js';
import { terminalLine } from '../text/escape.js';
import { writeAtomic } from './files.js';
import type { Io } from './io.js';
import type { GlobalOptions } from './spec.js';
import { Chalk } from 'chalk';

/** The style for terminal output: colour only on a TTY, honouring --no-color, NO_COLOR and FORCE_COLOR. */
export function styleFor(io: Io, opts: GlobalOptions, forFile = false): Style {
  const level = forFile ? 0 : colorLevel({ flag: opts.color, env: io.env, isTTY: io.stdout.isTTY === true });
  const c = new Chalk({ level });
  // Each style takes exactly one text: chalk's functions are variadic, so `lines.map(c.red)` would
  // print the index and the array after every line.
  return {
    bold: (t) => c.bold(t),
    dim: (t) => c.dim(t),
    red: (t) => c.red(t),
    yellow: (t) => c.yellow(t),
    green: (t) => c.green(t),
    cyan: (t) => c.cyan(t),
  };
}

/** Writes output to `--out` (atomically, then says where on stderr) or to stdout. */
export function emit(io: Io, text: string, out: string | undefined, what: string): void {
  if (out) {
    const path = writeAtomic(io.cwd, out, text);
    io.stderr.write(`${what} written to ${terminalLine(path)}\n`);
  } else io.stdout.write(text);
}
