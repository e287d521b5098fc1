import type { Problem } from '../errors.js';
import { validateYaml } from '../validation/validate.js';
import { BANK_RULES } from './rules.js';
import {
  bankSchema,
  YES_NO,
  type Advice,
  type Area,
  type Bank,
  type BankParsed,
  type Condition,
  type Element,
  type Option,
  type Question,
  type Source,
} from './schema.js';

/** The one-line notice for a bank that still cites with the old `source: { file, concept }`. */
export const SOURCE_DEPRECATION =
  'the old "source: { file, concept }" still works but is deprecated; cite with "sources: [{ ref, concept }]" and a top-level "sources:" table of titles';

/** Parses and validates a bank's YAML text; returns the normalised bank or every problem. Pure. */
export function parseBank(file: string, source: string): { bank?: Bank; problems: Problem[]; notices: string[] } {
  const { data, problems } = validateYaml(file, source, bankSchema(), BANK_RULES);
  if (!data) return { problems, notices: [] };
  const oldStyle = data.areas.some((a) => a.elements.some((e) => e.questions.some((q) => q.source !== undefined)));
  return { bank: normaliseBank(data), problems, notices: oldStyle ? [`${file}: ${SOURCE_DEPRECATION}`] : [] };
}

/** `yes`/`no` for YAML booleans, every value as a list. */
function normaliseCondition(
  when: Record<string, string | boolean | number | (string | boolean | number)[]> | undefined,
): Condition | undefined {
  if (!when) return undefined;
  const one = (v: string | boolean | number) => (typeof v === 'boolean' ? (v ? 'yes' : 'no') : String(v));
  return Object.fromEntries(Object.entries(when).map(([id, v]) => [id, Array.isArray(v) ? v.map(one) : [one(v)]]));
}

/** An option as every command sees it: `critical` only when true. */
function normaliseOption(o: { value: string; label: string; credit: number; critical?: boolean | undefined }): Option {
  return { value: o.value, label: o.label, credit: o.credit, ...(o.critical === true && { critical: true as const }) };
}

/** Resolves named scales and yes/no options, applies defaults and qualifies element ids. */
export function normaliseBank(b: BankParsed): Bank {
  const sources: Source[] = (b.sources ?? []).map((s) => ({
    id: s.id,
    title: s.title,
    ...(s.author !== undefined && { author: s.author }),
    ...(s.publisher !== undefined && { publisher: s.publisher }),
    ...(s.date !== undefined && { date: String(s.date) }),
    ...(s.note !== undefined && { note: s.note }),
    ...(s.url !== undefined && { url: s.url }),
  }));
  // The old form names a file: it becomes an entry of the table with the file as its title.
  const cite = (file: string) => {
    if (!sources.some((s) => s.id === file)) sources.push({ id: file, title: file });
    return file;
  };
  const question = (q: BankParsed['areas'][number]['elements'][number]['questions'][number]): Question => {
    const when = normaliseCondition(q.when);
    const base = { id: q.id, text: q.text, type: q.type, weight: q.weight, audience: q.audience };
    const advice = q.advice?.map(
      (a): Advice => ({
        ...(a.for && { for: [...a.for] }),
        text: a.text,
        ...(a.firstStep !== undefined && { firstStep: a.firstStep }),
        ...(a.owner !== undefined && { owner: a.owner }),
        ...(a.check !== undefined && { check: a.check }),
      }),
    );
    const rest = {
      help: q.help,
      // A bank that gives only `advice` still has a default for readers that take one text per question.
      recommendation: q.recommendation ?? (advice?.find((a) => !a.for) ?? advice?.[0])?.text ?? '',
      ...(q.recommendations && { recommendations: { ...q.recommendations } }),
      ...(advice && { advice }),
      ...(q.favourable && { favourable: [...q.favourable] }),
      ...(q.predicts !== undefined && { predicts: q.predicts }),
      sources: q.sources
        ? q.sources.map(({ ref, concept }) => ({ ref, concept }))
        : [{ ref: cite(q.source!.file), concept: q.source!.concept }],
      ...(when && { when }),
      ...(q.skipReason !== undefined && { skipReason: q.skipReason }),
      ...(q.review !== undefined && { review: q.review }),
    };
    if (q.type === 'percent') return { ...base, min: 0, max: 100, ...rest };
    if (q.type === 'number')
      return {
        ...base,
        min: 0,
        ...(q.max !== undefined && { max: q.max }),
        unit: q.unit ?? '',
        better: q.better ?? 'lower',
        thresholds: (q.thresholds ?? []).map((t) => ({
          ...(t.to !== undefined && { to: t.to }),
          credit: t.credit,
          ...(t.critical === true && { critical: true as const }),
        })),
        ...rest,
      };
    const options = q.type === 'yesno' ? YES_NO : (q.options ?? b.scales![q.scale!]!);
    return { ...base, options: options.map(normaliseOption), ...rest };
  };
  const areas = b.areas.map(
    (a): Area => ({
      id: a.id,
      title: a.title,
      ...(a.description !== undefined && { description: a.description }),
      ...(a.weight !== undefined && { weight: a.weight }),
      ...(a.combine !== undefined && { combine: a.combine }),
      elements: a.elements.map((e): Element => {
        const when = normaliseCondition(e.when);
        return {
          id: `${a.id}.${e.id}`,
          title: e.title,
          ...(e.concept !== undefined && { concept: e.concept }),
          weight: e.weight,
          ...(e.essential === true && { essential: true as const }),
          ...(e.benchmark && {
            benchmark: {
              ...e.benchmark,
              ...(e.benchmark.pulse && {
                pulse: { question: e.benchmark.pulse.question, values: [...e.benchmark.pulse.values] },
              }),
            },
          }),
          ...(when && { when }),
          ...(e.skipReason !== undefined && { skipReason: e.skipReason }),
          ...(e.review !== undefined && { review: e.review }),
          questions: e.questions.map(question),
        };
      }),
    }),
  );
  const profile = (b.profile ?? []).map(
    (p): Question => ({
      id: p.id,
      text: p.text,
      type: p.type,
      weight: 1,
      audience: 'lead',
      options: (p.type === 'yesno' ? YES_NO : p.options!).map(({ value, label, credit }) => ({ value, label, credit })),
      help: p.help ?? 'Your answer decides which questions apply to your team. It is not scored.',
      recommendation: '',
      sources: [],
      profile: true,
    }),
  );
  const scoring = b.scoring && {
    ...(b.scoring.percentAgainstBenchmark !== undefined && {
      percentAgainstBenchmark: b.scoring.percentAgainstBenchmark,
    }),
    ...(b.scoring.questionWeights !== undefined && { questionWeights: b.scoring.questionWeights }),
  };
  return {
    id: b.id,
    version: b.version,
    title: b.title,
    ...(b.description !== undefined && { description: b.description }),
    bands: b.bands.map(({ id, label, min }) => ({ id, label, min })),
    sources,
    profile,
    ...(b.roles && { roles: { ...b.roles } }),
    ...(scoring && { scoring }),
    areas,
    ...(b.migrations && {
      migrations: b.migrations.map((m) => ({
        from: m.from,
        renamed: { ...m.renamed },
        split: { ...m.split },
        removed: [...(m.removed ?? [])],
        values: { ...m.values },
        ...(m.added && { added: [...m.added] }),
      })),
    }),
  };
}
