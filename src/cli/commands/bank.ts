import { questionsOf } from '../../bank/load.js';
import type { Bank } from '../../bank/schema.js';
import { EXIT } from '../../errors.js';
import { terminalLine as t } from '../../text/escape.js';
import type { Io } from '../io.js';
import { loadBank } from '../load.js';
import type { Opts } from '../main.js';

/** The bank as an outline: areas, elements, question counts and weights; text from the bank passes terminalLine. Pure. */
export function renderOutline(bank: Bank, file: string): string {
  const lines = [t(`${bank.title} (${bank.id}@${bank.version}, ${file})`), `${questionsOf(bank).length} questions in ${bank.areas.length} areas`, ''];
  for (const a of bank.areas) {
    lines.push(t(`${a.title} [${a.id}]`));
    for (const e of a.elements) {
      const concept = e.concept ? ` — ${e.concept}` : '';
      const bench = e.benchmark ? `, benchmark ${e.benchmark.value}%` : '';
      const n = e.questions.length;
      lines.push(`  ${t(`${e.title}${concept}`).padEnd(52)} ${String(n).padStart(2)} question${n === 1 ? ' ' : 's'}  weight ${e.weight}${bench}`);
    }
    lines.push('');
  }
  lines.push(t(`Bands: ${bank.bands.map((b) => `${b.label} ≥ ${b.min}`).join(', ')}`));
  return `${lines.join('\n')}\n`;
}

export default function bankCommand(io: Io, opts: Opts): number {
  const { bank, file } = loadBank(io, opts.bank as string | undefined);
  io.stdout.write(opts.format === 'json' ? `${JSON.stringify(bank, null, 2)}\n` : renderOutline(bank, file));
  return EXIT.ok;
}
