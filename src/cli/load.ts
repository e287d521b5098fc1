import { parseAnswers, type ParsedAnswers, type Upgrade } from '../answers/parse.js';
import { parseBank } from '../bank/load.js';
import type { Bank } from '../bank/schema.js';
import { readFileSync, statSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { parseConfig, type Config } from '../check/config.js';
import { InputError, UsageError } from '../errors.js';
import { buildReport } from '../report/model.js';
import type { ReportModel } from '../report/schema.js';
import { scoreAudit } from '../score/score.js';
import { terminalLine } from '../text/escape.js';
import { closest, didYouMean } from '../validation/closest.js';
import { readUserFile, realTarget } from './files.js';
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
  return { config, bank };
}

/** Scores loaded answers and builds the report model: the one place commands do this. */
export function reportOf(
  io: Io,
  bank: LoadedBank,
  answers: Pick<LoadedAnswers, 'answers' | 'file' | 'sha256' | 'upgrade'>,
  o: { explain?: boolean; priorities?: number; areas?: readonly string[] } = {},
): ReportModel {
  const scores = scoreAudit(bank.bank, answers.answers, {
    ...(o.priorities !== undefined && { priorities: o.priorities }),
    ...(o.areas && { areas: o.areas }),
  });
  return buildReport(scores, {
    toolVersion: io.version,
    bank: bank.bank,
    bankSha256: bank.sha256,
    answers: answers.answers,
    answersFile: answers.file,
    answersSha256: answers.sha256,
    explain: o.explain === true,
    ...(answers.upgrade && { upgrade: { from: answers.upgrade.from, newQuestions: answers.upgrade.newQuestions } }),
  });
}

/**
 * Refuses to write a report over one of the files it was made from. Paths are compared as real
 * paths (symlinks followed) and as files (a hard link is the same file), so no spelling of an
 * input's path can destroy it.
 */
export function guardOutput(io: Io, out: string | undefined, inputs: readonly (string | undefined)[]): void {
  if (out === undefined) return;
  const target = realTarget(io.cwd, out);
  const id = fileId(target);
  const clash = inputs.find((f) => {
    if (f === undefined || f === '') return false;
    const real = realTarget(io.cwd, f);
    if (real === target) return true;
    const other = fileId(real);
    return id !== undefined && other !== undefined && id === other;
  });
  if (clash)
    throw new UsageError(
      `--out ${out} is the input file ${clash}; nothing was written. Choose another file for the output.`,
    );
}

/** Device and inode of an existing file, to recognise a hard link. */
function fileId(path: string): string | undefined {
  try {
    const st = statSync(path);
    return st.ino === 0 ? undefined : `${st.dev}:${st.ino}`;
  } catch {
    return undefined;
  }
}

/** Refuses an --area that is not an area of the bank, with a did-you-mean and the list. */
export function checkAreas(bank: Bank, areas: readonly string[] | undefined): void {
  const ids = bank.areas.map((x) => x.id);
  for (const a of areas ?? []) {
    if (ids.includes(a)) continue;
    const near = closest(a, ids);
    throw new UsageError(
      `--area ${terminalLine(a)}: no such area${near ? ` (${didYouMean(near)})` : ''}; the areas are ${ids.join(', ')}`,
    );
  }
}
