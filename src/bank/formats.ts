import type { Formats, RenderOptions } from '../renderer.js';
import { terminalLine as t } from '../text/escape.js';
import { plural } from '../text/plural.js';
import type { Bank } from './schema.js';

/** What `service-audit bank` shows: the bank and where it came from. */
export interface ShownBank {
  bank: Bank;
  /** The file it was read from, or "built-in bank". */
  file: string;
}

/** The bank as an outline: areas, elements, question counts and weights; text from the bank passes terminalLine. Pure. */
export function renderOutline({ bank, file }: ShownBank, _o: RenderOptions = {}): string {
  const questions = bank.areas.reduce((n, a) => n + a.elements.reduce((m, e) => m + e.questions.length, 0), 0);
  const lines = [
    t(`${bank.title} (${bank.id}@${bank.version}, ${file})`),
    `${plural(questions, 'question')} in ${plural(bank.areas.length, 'area')}`,
    '',
  ];
  for (const a of bank.areas) {
    lines.push(t(`${a.title} [${a.id}]`));
    for (const e of a.elements) {
      const concept = e.concept ? ` — ${e.concept}` : '';
      const bench = e.benchmark ? `, benchmark ${e.benchmark.value}%` : '';
      const n = e.questions.length;
      lines.push(
        `  ${t(`${e.title}${concept}`).padEnd(52)} ${String(n).padStart(2)} question${n === 1 ? ' ' : 's'}  weight ${e.weight}${bench}`,
      );
    }
    lines.push('');
  }
  lines.push(t(`Bands: ${bank.bands.map((b) => `${b.label} ≥ ${b.min}`).join(', ')}`));
  return `${lines.join('\n')}\n`;
}

/** The normalised bank as JSON, the shape `--bank` files are read into. */
export function renderBankJson({ bank }: ShownBank, _o: RenderOptions = {}): string {
  return `${JSON.stringify(bank, null, 2)}\n`;
}

/** The bank's formats: one renderer each. */
export const BANK_FORMATS = {
  terminal: renderOutline,
  json: renderBankJson,
} as const satisfies Formats<ShownBank>;

export type BankFormat = keyof typeof BANK_FORMATS;
