import { terminalLine } from './text/escape.js';

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
