import { parseAnswers } from '../../answers/parse.js';
import { parseBank } from '../../bank/parse.js';
import { EXIT, InputError, type Problem } from '../../errors.js';
import { terminalLine } from '../../text/escape.js';
import { parseYaml } from '../../validation/document.js';
import { readUserFile } from '../files.js';
import type { Io } from '../io.js';
import { loadBank, loadConfig } from '../load.js';
import type { GlobalOptions } from '../spec.js';

type Kind = 'bank' | 'answers' | 'config';

export interface ValidateOptions {
  files: string[];
  bank?: string;
  type?: Kind;
}

/** What each kind of file is checked with; answers and configs against their bank. */
const VALIDATORS: Record<Kind, (io: Io, bank: string | undefined, file: string, text: string) => Problem[]> = {
  bank: (io, _bank, file, text) => {
    const { problems, notices } = parseBank(file, text);
    for (const n of notices) io.stderr.write(`notice: ${terminalLine(n)}\n`);
    return problems;
  },
  answers: (io, bank, file, text) => parseAnswers(file, text, loadBank(io, bank).bank).problems,
  // loadConfig reads the bank the config names (unless --bank) and throws every problem.
  config: (io, bank, file) => {
    loadConfig(io, file, bank);
    return [];
  },
};

/** Guesses what a file is from its top-level keys. */
function guessKind(data: unknown): Kind | undefined {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return undefined;
  if ('areas' in data) return 'bank';
  if ('answers' in data && !('assertions' in data)) return 'answers';
  if ('assertions' in data) return 'config';
  return undefined;
}

/** Validates one file; returns its kind, or throws InputError with its problems. */
function validateOne(io: Io, opts: ValidateOptions, file: string): Kind {
  const { text } = readUserFile(io.cwd, file, 'file', 'check the path');
  let kind = opts.type;
  if (!kind) {
    const parsed = parseYaml(file, text);
    if (!parsed.doc) throw new InputError(parsed.problems);
    kind = guessKind(parsed.doc.data);
    if (!kind)
      throw new InputError([
        {
          file,
          line: 1,
          col: 1,
          message: 'cannot tell whether this is a bank, answers or config file',
          fix: 'pass --type bank, --type answers or --type config',
        },
      ]);
  }
  const problems = VALIDATORS[kind](io, opts.bank, file, text);
  if (problems.length > 0) throw new InputError(problems);
  return kind;
}

/** Checks every file named, reports the valid ones, then every problem of the others. */
export default function validateCommand(io: Io, opts: ValidateOptions & GlobalOptions): number {
  const problems: Problem[] = [];
  for (const file of opts.files) {
    try {
      io.stdout.write(`${terminalLine(file)}: valid (${validateOne(io, opts, file)} file)\n`);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      problems.push(...e.problems);
    }
  }
  if (problems.length > 0) throw new InputError(problems);
  return EXIT.ok;
}
