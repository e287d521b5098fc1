// Reading the inputs a command names: the bank, an answers file, a check config. Each is read
// through src/cli/files.ts and validated; a bad one throws InputError with every problem.
import { parseAnswers, type ParsedAnswers, type Upgrade } from '../answers/parse.js';
import { parseBank } from '../bank/parse.js';
import type { Bank } from '../bank/schema.js';
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { parseConfig, type Config } from '../check/config.js';
import { InputError } from '../errors.js';
import { terminalLine } from '../text/escape.js';
import { readUserFile } from './files.js';
import type { Io } from './io.js';

export interface LoadedBank {
  bank: Bank;
  file: string;
  sha256: string;
  /** One-line notices about the bank (deprecated forms); `bank` and `validate` print them on stderr. */
  notices?: string[];
}

/** The built-in bank as the build compiled it: normalised, with the hash of the YAML it came from. */
interface CompiledBank {
  sha256: string;
  bank: Bank;
}

/**
 * The built-in bank from its compiled JSON when that was built from the YAML as it is now
 * (no YAML parsing or validation at start-up); otherwise undefined, and the YAML is parsed.
 */
function compiledBuiltin(io: Io, yamlSha256: string): Bank | undefined {
  if (!io.builtinBankCompiled) return undefined;
  try {
    const compiled = JSON.parse(readFileSync(io.builtinBankCompiled, 'utf8')) as CompiledBank;
    return compiled.sha256 === yamlSha256 ? compiled.bank : undefined;
  } catch {
    return undefined;
  }
}

/** Reads and validates the bank the user chose (or the built-in one); throws InputError. */
export function loadBank(io: Io, file?: string): LoadedBank {
  const builtin = file === undefined;
  const path = file ?? io.builtinBank;
  const { text, sha256 } = builtin
    ? readUserFile(io.cwd, path, 'built-in bank', 'reinstall service-audit')
    : readUserFile(io.cwd, path, 'bank file', 'check the path given to --bank');
  const shown = builtin ? 'built-in bank' : path;
  const compiled = builtin ? compiledBuiltin(io, sha256) : undefined;
  if (compiled) return { bank: compiled, file: shown, sha256 };
  const { bank, problems, notices } = parseBank(path, text);
  if (!bank) throw new InputError(problems);
  // The built-in bank is ours to keep current; a notice about it would be no use to a user.
  return { bank, file: shown, sha256, ...(!builtin && notices.length > 0 && { notices }) };
}

export interface LoadedAnswers extends ParsedAnswers {
  file: string;
  sha256: string;
}

/** The one line saying an answers file was mapped from an earlier version of its bank. Pure. */
export function upgradeNotice(file: string, u: Upgrade): string {
  const n = u.newQuestions.length;
  const shown = u.newQuestions.slice(0, 5).join(', ') + (n > 5 ? ` and ${n - 5} more` : '');
  return `note: ${terminalLine(file)} was answered against ${u.from}; read as ${u.to}${n > 0 ? `, where ${n} question${n === 1 ? ' is' : 's are'} new and unanswered (${shown})` : ''}. Rewrite it with: service-audit upgrade ${terminalLine(file)}`;
}

/** Reads and validates an answers file against a bank; throws InputError. */
export function loadAnswers(io: Io, file: string, bank: Bank): LoadedAnswers {
  const { text, sha256 } = readUserFile(
    io.cwd,
    file,
    'answers file',
    'check the path, or create one with `service-audit init` or the interactive audit',
  );
  const { parsed, problems } = parseAnswers(file, text, bank);
  if (!parsed) throw new InputError(problems);
  if (parsed.upgrade) io.stderr.write(`${upgradeNotice(file, parsed.upgrade)}\n`);
  return { ...parsed, file, sha256 };
}

/** Reads a check config and the bank it names; paths inside it are relative to its folder. Throws InputError. */
export function loadConfig(io: Io, file: string, bankFlag?: string): { config: Config; bank: LoadedBank } {
  const { text } = readUserFile(io.cwd, file, 'config file', 'check the path given to --config');
  // Parsed twice: first to find the bank it names, then against that bank (area and element ids).
  const first = parseConfig(file, text);
  if (!first.config) throw new InputError(first.problems);
  const fromConfig = (p: string) => relative(io.cwd, resolve(dirname(resolve(io.cwd, file)), p));
  const bank = loadBank(io, bankFlag ?? (first.config.bank !== undefined ? fromConfig(first.config.bank) : undefined));
  const { config, problems } = parseConfig(file, text, bank.bank);
  if (!config) throw new InputError(problems);
  if (config.answers !== undefined) config.answers = fromConfig(config.answers);
  if (config.plan !== undefined) config.plan = fromConfig(config.plan);
  return { config, bank };
}
