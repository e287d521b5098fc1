import type { Problem } from '../errors.js';
import { validateYaml } from '../validation/validate.js';
import { BANK_RULES } from './rules.js';
import { bankSchema, YES_NO, type Bank, type BankParsed, type Question } from './schema.js';

/** Parses and validates a bank's YAML text; returns the normalised bank or every problem. Pure. */
export function parseBank(file: string, source: string): { bank?: Bank; problems: Problem[] } {
  const { data, problems } = validateYaml(file, source, bankSchema(), BANK_RULES);
  return data ? { bank: normaliseBank(data), problems } : { problems };
}

/** Resolves named scales and yes/no options, applies defaults and qualifies element ids. */
export function normaliseBank(b: BankParsed): Bank {
  return {
    id: b.id,
    version: b.version,
    title: b.title,
    ...(b.description !== undefined && { description: b.description }),
    bands: b.bands.map(({ id, label, min }) => ({ id, label, min })),
    areas: b.areas.map((a) => ({
      id: a.id,
      title: a.title,
      ...(a.description !== undefined && { description: a.description }),
      elements: a.elements.map((e) => ({
        id: `${a.id}.${e.id}`,
        title: e.title,
        ...(e.concept !== undefined && { concept: e.concept }),
        weight: e.weight,
        ...(e.benchmark && { benchmark: { ...e.benchmark, ...(e.benchmark.pulse && { pulse: { question: e.benchmark.pulse.question, values: [...e.benchmark.pulse.values] } }) } }),
        questions: e.questions.map((q): Question => {
          const base = { id: q.id, text: q.text, type: q.type, weight: q.weight, audience: q.audience };
          const rest = { help: q.help, recommendation: q.recommendation, source: { ...q.source } };
          if (q.type === 'percent') return { ...base, min: 0, max: 100, ...rest };
          const options = q.type === 'yesno' ? YES_NO : (q.options ?? b.scales![q.scale!]!);
          return { ...base, options: options.map(({ value, label, credit }) => ({ value, label, credit })), ...rest };
        }),
      })),
    })),
  };
}

/** Every question of the bank in asking order, with its area and element. */
export function questionsOf(bank: Bank) {
  return bank.areas.flatMap((area) => area.elements.flatMap((element) => element.questions.map((question) => ({ area, element, question }))));
}

/** `id@version`, the name an answers file uses for the bank it was given against. */
export function bankRef(bank: Pick<Bank, 'id' | 'version'>): string {
  return `${bank.id}@${bank.version}`;
}
