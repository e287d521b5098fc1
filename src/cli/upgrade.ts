import { relative } from 'node:path';
import { parseAnswers, type Upgrade } from '../answers/parse.js';
import type { Answer } from '../answers/schema.js';
import { renderAnswersFile } from '../answers/write.js';
import type { Asker } from '../audit/asker.js';
import { bankRef } from '../bank/queries.js';
import type { Bank } from '../bank/schema.js';
import { InputError } from '../errors.js';
import { terminalLine } from '../text/escape.js';
import { backupFile, readUserFile, writeGuarded } from './files.js';
import type { Io } from './io.js';
import { schemaLinkFor } from './schema-path.js';

/** What rewriting an answers file to the bank's version did; `backup` is undefined when it was already current. */
export interface UpgradeOutcome {
  file: string;
  backup?: string;
  upgrade?: Upgrade;
  current: string;
}

/**
 * Rewrites an answers file given against an earlier version of its bank to this version: a
 * backup first (FILE.bak, or FILE.1.bak… when taken), then one atomic write that happens only
 * if nobody changed the file since it was read. Answers, notes and N/A reasons are carried over
 * by the bank's migration; answers to removed questions stay in the backup.
 */
export function upgradeAnswersFile(io: Io, file: string, bank: Bank, bankFile?: string): UpgradeOutcome {
  const read = readUserFile(io.cwd, file, 'answers file', 'check the path');
  const { parsed, problems } = parseAnswers(file, read.text, bank);
  if (!parsed) throw new InputError(problems);
  if (!parsed.upgrade) return { file, current: bankRef(bank) };
  const backup = relative(io.cwd, backupFile(io.cwd, file)) || file;
  writeGuarded(
    io.cwd,
    file,
    renderAnswersFile(bank, parsed.answers, schemaLinkFor(io, 'answers', file, bankFile)),
    read.stamp,
  );
  return { file, backup, upgrade: parsed.upgrade, current: bankRef(bank) };
}

const shown = (a: Answer) =>
  (a.na !== undefined ? `not applicable (${a.na})` : String(a.value)) + (a.note ? `, note "${a.note}"` : '');

/** What the upgrade did, for the terminal: one line per renamed, split, removed or translated answer. Pure. */
export function upgradeSummary(o: UpgradeOutcome): string {
  const f = terminalLine(o.file);
  if (!o.upgrade) return `${f} is already answered against ${o.current}; nothing changed.\n`;
  const u = o.upgrade;
  const lines = [`Upgraded ${f} from ${u.from} to ${u.to}; the old file is kept in ${terminalLine(o.backup ?? '')}.`];
  for (const r of u.renamed) lines.push(`  renamed  ${r.from} → ${r.to}`);
  for (const s of u.split) lines.push(`  split    ${s.from} → ${s.to.join(', ')} (the answer is copied to each)`);
  for (const v of u.values) lines.push(`  changed  ${v.id}: ${terminalLine(v.from)} → ${v.to} (the options changed)`);
  for (const r of u.removed)
    lines.push(`  removed  ${r.id}: ${terminalLine(shown(r.answer))} (no longer asked; kept in the backup)`);
  if (u.renamed.length + u.split.length + u.values.length + u.removed.length === 0)
    lines.push('  every answer kept its question id');
  const n = u.newQuestions.length;
  if (n > 0)
    lines.push(
      `${n} question${n === 1 ? ' is' : 's are'} new and unanswered: ${u.newQuestions.join(', ')}`,
      `Answer ${n === 1 ? 'it' : 'them'} with: service-audit --answers ${f}`,
    );
  return `${lines.join('\n')}\n`;
}

/**
 * For the interactive audit, which opens a file of an earlier bank version: asks before
 * rewriting it (backup kept), and says what changed. False when the person declines: the file
 * is left as it was and the audit does not start, so nothing is rewritten unasked.
 */
export async function offerUpgrade(
  io: Io,
  asker: Pick<Asker, 'confirm'>,
  file: string,
  bank: Bank,
  bankFile?: string,
  from?: string,
): Promise<boolean> {
  if (
    !(await asker.confirm(
      `${terminalLine(file)} was answered against ${from ?? 'an earlier version'}. Upgrade it to ${bankRef(bank)} now (a backup is kept)?`,
      true,
    ))
  ) {
    io.stdout.write(`Nothing changed. To upgrade later: service-audit upgrade ${terminalLine(file)}\n`);
    return false;
  }
  io.stdout.write(upgradeSummary(upgradeAnswersFile(io, file, bank, bankFile)));
  return true;
}
