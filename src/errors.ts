import { terminalLine, terminalText } from './text/escape.js';

/** One thing wrong with a file the user gave us, with where it is and how to fix it. */
export interface Problem {
  file: string;
  line: number;
  col: number;
  message: string;
  fix: string;
}

/**
 * Formats a problem as the one-line `FILE:LINE:COL  what — fix` that every command prints: text
 * from the input (a value, a key, a file name) can neither split the line nor reach the terminal
 * raw, and a file name cannot make the line a CI's command (GitHub reads `::…` and `##[…`).
 */
export function formatProblem(p: Problem): string {
  const file = terminalLine(p.file);
  return `${/^\s*(::|##\[)/.test(file) ? `./${file}` : file}:${p.line}:${p.col}  ${terminalLine(p.message)} — ${terminalLine(p.fix)}`;
}

/** A bank, answers or config file that cannot be used; carries every problem found. Exit code 2. */
export class InputError extends Error {
  readonly problems: Problem[];
  constructor(problems: Problem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'InputError';
    this.problems = problems;
  }
}

/** The command line itself is wrong (unknown option, missing file argument…). Exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** The user pressed Ctrl+C or closed the terminal. Exit code 130. */
export class InterruptedError extends Error {
  constructor(message = 'interrupted') {
    super(message);
    this.name = 'InterruptedError';
  }
}

/** Exit codes, documented in the README; only the bin hands them to `process`. */
export const EXIT = { ok: 0, fellShort: 1, input: 2, internal: 70, interrupted: 130 } as const;

/** Set by the build from package.json's `bugs.url`. */
declare const __BUGS_URL__: string | undefined;
/** Where to report a bug: package.json's `bugs.url`, so one place says it. */
export const BUGS_URL =
  typeof __BUGS_URL__ === 'string' ? __BUGS_URL__ : 'https://github.com/service-audit/service-audit/issues';

/** The message for a failure that is a bug in service-audit (exit 70): what failed, where to report it, the trace (escaped: a message may quote input). */
export function internalErrorMessage(e: unknown, originalTrace: (stack: string) => string = (s) => s): string {
  const err = e instanceof Error ? e : new Error(String(e));
  return `internal error: ${terminalLine(err.message)}\nThis is a bug in service-audit; please report it at ${BUGS_URL} with the command you ran and this trace:\n${terminalText(originalTrace(err.stack ?? ''))}\n`;
}
