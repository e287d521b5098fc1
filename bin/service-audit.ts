#!/usr/bin/env node
// The entry point: the one file that reads argv and the environment, hands the streams to the
// commands (src/cli/io.ts) and sets the exit code. (Elsewhere only process ids and the platform
// are read: bin/load-cli.ts names its code cache, src/collect/store.ts locks its folder,
// src/cli/files.ts names temporary files.)
// Built as CommonJS (dist/service-audit.cjs): starting Node's ES module loader would cost
// a tenth of the whole start-up, so the bin and the CLI bundle are plain scripts.
import { join } from 'node:path';
import { EXIT, internalErrorMessage } from '../src/errors.js';

/** Set by the build from package.json. */
declare const __VERSION__: string | undefined;
const version = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';
/** Set by the build: the sha256 of dist/cli.cjs, which names its code cache. */
declare const __CLI_SHA256__: string | undefined;
const cliSha256 = typeof __CLI_SHA256__ === 'string' ? __CLI_SHA256__ : 'unbuilt';
const args = process.argv.slice(2);
const pad = (n: number) => String(n).padStart(2, '0');
const here = (name: string) => join(__dirname, name);

async function start(): Promise<void> {
  // Loaded here, not at the top, so that --version never loads node:vm and friends.
  const { loadCli } = await import('./load-cli.js');
  const cliFile = here('cli.cjs');
  const { cli, saveCache, firstLineShift } = loadCli(cliFile, { version, sha256: cliSha256 }, process.env, args[0]);
  shifts[cliFile] = firstLineShift;
  const code = await cli.main(args, {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
    version,
    builtinBank: here('../questions/service-readiness.yaml'),
    builtinBankCompiled: here('builtin-bank.json'),
    originalTrace: sourceTrace,
    onInterrupt: (handler: () => void) => {
      process.on('SIGINT', handler);
      process.on('SIGTERM', handler);
      return () => {
        process.off('SIGINT', handler);
        process.off('SIGTERM', handler);
      };
    },
    today: () => {
      // A fixed day for reproducible runs (tests, a report rebuilt later), like SOURCE_DATE_EPOCH.
      const fixed = process.env.SERVICE_AUDIT_TODAY;
      if (fixed !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(fixed)) return fixed;
      const d = new Date();
      return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
    },
  });
  process.exitCode = code;
  saveCache(code);
}

/** Columns the code-cache loader's wrapper adds to a bundle's first line, by file. */
const shifts: Record<string, number> = {};

/** An internal error's trace pointed at the TypeScript sources; the source maps are read only now. */
function sourceTrace(stack: string): string {
  const { originalTrace } = require('./trace.js') as typeof import('./trace.js');
  return originalTrace(stack, shifts);
}

/** Any failure outside main() (a missing dist/cli.cjs, a throw in a callback) is a bug: say so, exit 70. */
function fail(e: unknown): never {
  try {
    process.stderr.write(internalErrorMessage(e, sourceTrace));
  } catch {
    /* stderr is gone too: the exit code still says it */
  }
  process.exit(EXIT.internal);
}

/** A reader that went away (`service-audit bank --format json | head -1`) is a normal end: stop, exit 0, no trace. */
function onStreamError(e: NodeJS.ErrnoException): void {
  if (e.code === 'EPIPE') process.exit(EXIT.ok);
  fail(e);
}

process.on('uncaughtException', fail);
process.stdout.on('error', onStreamError);
process.stderr.on('error', onStreamError);

if (args.length === 1 && (args[0] === '--version' || args[0] === '-V' || args[0] === '-v')) {
  // Scripts and CI logs ask for this; answer without loading the CLI at all.
  process.stdout.write(`${version}\n`);
} else {
  start().catch(fail);
}
