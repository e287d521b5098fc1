import { parseAnswers } from '../../answers/parse.js';
import { parseBank } from '../../bank/load.js';
import { parseConfig } from '../../check/config.js';
import { EXIT, InputError } from '../../errors.js';
import { parseYaml } from '../../yaml/document.js';
import { readUserFile } from '../files.js';
import type { Io } from '../io.js';
import { loadBank, loadConfig } from '../load.js';
import type { Opts } from '../main.js';

type Kind = 'bank' | 'answers' | 'config';

/** Guesses what a file is from its top-level keys. */
function guessKind(data: unknown): Kind | undefined {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return undefined;
  if ('areas' in data) return 'bank';
  if ('answers' in data && !('assertions' in data)) return 'answers';
  if ('assertions' in data) return 'config';
  return undefined;
}

export default function validateCommand(io: Io, opts: Opts, args: string[]): number {
  const file = args[0]!;
  const { text } = readUserFile(io.cwd, file, 'file', 'check the path');
  let kind = opts.type as Kind | undefined;
  if (!kind) {
    const parsed = parseYaml(file, text);
    if (!parsed.doc) throw new InputError(parsed.problems);
    kind = guessKind(parsed.doc.data);
    if (!kind) throw new InputError([{ file, line: 1, col: 1, message: 'cannot tell whether this is a bank, answers or config file', fix: 'pass --type bank, --type answers or --type config' }]);
  }
  const problems =
    kind === 'bank'
      ? parseBank(file, text).problems
      : kind === 'answers'
        ? parseAnswers(file, text, loadBank(io, opts.bank as string | undefined).bank).problems
        : validateConfig(io, opts, file, text);
  if (problems.length > 0) throw new InputError(problems);
  io.stdout.write(`${file}: valid (${kind} file)\n`);
  return EXIT.ok;
}

/** A config is checked against the bank it names (or --bank, or the built-in one). */
function validateConfig(io: Io, opts: Opts, file: string, text: string) {
  const first = parseConfig(file, text);
  if (!first.config) return first.problems;
  return loadConfig(io, file, opts.bank as string | undefined).problems;
}
