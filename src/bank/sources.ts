import type { Bank, Element, Question, Source, SourceRef } from './schema.js';

/** A citation as readers see it: the article's title and the concept taken from it. */
export interface ShortReference {
  ref: string;
  title: string;
  concept: string;
}

const titleOf = (bank: Pick<Bank, 'sources'>, ref: string) => bank.sources?.find((s) => s.id === ref)?.title ?? ref;

/** The distinct (article, concept) pairs a list of citations names, in order. Pure. */
function distinct(bank: Pick<Bank, 'sources'>, refs: readonly SourceRef[]): ShortReference[] {
  const seen = new Set<string>();
  const out: ShortReference[] = [];
  for (const r of refs) {
    const key = `${r.ref}\u0000${r.concept}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ ref: r.ref, title: titleOf(bank, r.ref), concept: r.concept });
  }
  return out;
}

/** What an element's questions cite, each pair once. Pure. */
export function elementReferences(bank: Pick<Bank, 'sources'>, element: Element): ShortReference[] {
  return distinct(
    bank,
    element.questions.flatMap((q) => q.sources ?? []),
  );
}

/**
 * "Source: Title (concept)", or "Sources: Title (concept; concept); Other (concept)" with the
 * concepts of one article together; `text` escapes each part for where it goes. Empty for none. Pure.
 */
export function referenceText(refs: readonly ShortReference[], text: (s: string) => string = (s) => s): string {
  if (refs.length === 0) return '';
  const byArticle = new Map<string, { title: string; concepts: string[] }>();
  for (const r of refs) {
    const entry = byArticle.get(r.ref) ?? { title: r.title, concepts: [] };
    entry.concepts.push(r.concept);
    byArticle.set(r.ref, entry);
  }
  const parts = [...byArticle.values()].map((a) => `${text(a.title)} (${a.concepts.map(text).join('; ')})`);
  return `${byArticle.size === 1 ? 'Source' : 'Sources'}: ${parts.join('; ')}`;
}

/** The reference line of a question's `?` help; empty when it cites nothing. Pure. */
export function referenceLine(bank: Pick<Bank, 'sources'>, question: Question): string {
  return referenceText(distinct(bank, question.sources ?? []));
}

/** A full entry of a Sources list: title, then author, publisher and date where known, then the note. Pure. */
export function citation(s: Source): string {
  const by = [s.author, s.publisher, s.date].filter((x): x is string => x !== undefined && x !== '');
  return `${s.title}${by.length > 0 ? `. ${by.join(', ')}` : ''}${s.note ? `. ${s.note}` : ''}${s.url ? `. ${s.url}` : ''}`;
}

/** The sources table entries cited by the given elements, in the table's order. Pure. */
export function sourcesCited(bank: Pick<Bank, 'sources'>, elements: readonly Element[]): Source[] {
  const used = new Set(elements.flatMap((e) => e.questions.flatMap((q) => (q.sources ?? []).map((s) => s.ref))));
  return (bank.sources ?? []).filter((s) => used.has(s.id));
}
