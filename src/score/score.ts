import { answerOf, type Answers } from '../answers/schema.js';
import type { Band, Bank, Element, Question } from '../bank/schema.js';

/** How one question was answered, and the credit it earned (0..1). */
export interface QuestionResult {
  question: Question;
  status: 'answered' | 'na' | 'unanswered';
  value?: string | number;
  credit?: number;
  na?: string;
  note?: string;
}

/** A question that earned less than full credit, and what bringing it to full credit is worth. */
export interface Weakness {
  questionId: string;
  elementId: string;
  text: string;
  value: string | number;
  /** The answer as the person saw it: the option's label, or "45%". */
  label: string;
  credit: number;
  /** Overall points (0-100 scale) gained by bringing this answer to full credit. */
  pointsToGain: number;
  recommendation: string;
  note?: string;
}

export interface ElementScore {
  element: Element;
  areaId: string;
  score: number | null;
  band: Band | null;
  answered: number;
  unanswered: number;
  notApplicable: number;
  results: QuestionResult[];
  weaknesses: Weakness[];
  benchmark?: { value: number; yours: number | null; delta: number | null; statement: string; source: string; question: string };
}

export interface AreaScore {
  id: string;
  title: string;
  score: number | null;
  band: Band | null;
}

export interface Scores {
  overall: { score: number | null; band: Band | null };
  areas: AreaScore[];
  elements: ElementScore[];
  priorities: Weakness[];
  unanswered: string[];
  notApplicable: { questionId: string; reason: string }[];
  totals: { questions: number; answered: number; notApplicable: number; unanswered: number };
}

/** Rounds to one decimal, the precision every report shows. */
export const round1 = (x: number): number => Math.round(x * 10) / 10;

/** The band a score falls in: the highest band whose lower bound it reaches. */
export function bandFor(bands: readonly Band[], score: number | null): Band | null {
  if (score === null) return null;
  let found: Band | null = null;
  for (const b of bands) if (score >= b.min) found = b;
  return found;
}

/** How an answer reads to a person: the option's label, or the percent with its sign. */
export function labelOf(q: Question, value: string | number): string {
  return q.type === 'percent' ? `${value}%` : (q.options!.find((o) => o.value === value)?.label ?? String(value));
}

/** The credit an answer earns: the option's credit, or value / 100 for a percent. */
export function creditOf(q: Question, value: string | number): number {
  if (q.type === 'percent') return Number(value) / 100;
  return q.options!.find((o) => o.value === value)!.credit;
}

const weightedMean = (pairs: readonly { w: number; x: number }[]): number | null => {
  const W = pairs.reduce((s, p) => s + p.w, 0);
  return W > 0 ? pairs.reduce((s, p) => s + p.w * p.x, 0) / W : null;
};

/**
 * Scores answers against a bank. Element score = 100 × Σ(weight × credit) / Σ(weight) over
 * answered, applicable questions; area and overall scores are element-weighted means over
 * elements with at least one answer. Pure: same inputs, same result.
 */
export function scoreAudit(bank: Bank, answers: Answers, options: { priorities?: number; areas?: readonly string[] } = {}): Scores {
  const areas = options.areas ? bank.areas.filter((a) => options.areas!.includes(a.id)) : bank.areas;
  const raw = areas.flatMap((area) =>
    area.elements.map((element) => {
      const results: QuestionResult[] = element.questions.map((question) => {
        const a = answerOf(answers, question.id);
        if (!a) return { question, status: 'unanswered' };
        if (a.na !== undefined) return { question, status: 'na', na: a.na, ...(a.note && { note: a.note }) };
        return { question, status: 'answered', value: a.value!, credit: creditOf(question, a.value!), ...(a.note && { note: a.note }) };
      });
      const scored = results.filter((r) => r.status === 'answered');
      const W = scored.reduce((s, r) => s + r.question.weight, 0);
      const exact = W > 0 ? (100 * scored.reduce((s, r) => s + r.question.weight * r.credit!, 0)) / W : null;
      return { area, element, results, scored, W, exact };
    }),
  );

  const scoredElements = raw.filter((e) => e.exact !== null);
  const totalWeight = scoredElements.reduce((s, e) => s + e.element.weight, 0);

  const elements: ElementScore[] = raw.map((e) => {
    const weaknesses: Weakness[] = e.scored
      .filter((r) => r.credit! < 1)
      .map((r) => ({
        questionId: r.question.id,
        elementId: e.element.id,
        text: r.question.text,
        value: r.value!,
        label: labelOf(r.question, r.value!),
        credit: r.credit!,
        pointsToGain: (e.element.weight / totalWeight) * ((100 * r.question.weight * (1 - r.credit!)) / e.W),
        recommendation: r.question.recommendation,
        ...(r.note && { note: r.note }),
      }))
      .sort(byPointsToGain);
    const score = e.exact === null ? null : round1(e.exact);
    const bm = e.element.benchmark;
    const benchAnswer = bm ? e.results.find((r) => r.question.id === bm.question) : undefined;
    const yours = benchAnswer?.status === 'answered' ? round1(Number(benchAnswer.value)) : null;
    return {
      element: e.element,
      areaId: e.area.id,
      score,
      band: bandFor(bank.bands, score),
      answered: e.scored.length,
      unanswered: e.results.filter((r) => r.status === 'unanswered').length,
      notApplicable: e.results.filter((r) => r.status === 'na').length,
      results: e.results,
      weaknesses,
      ...(bm && { benchmark: { value: bm.value, yours, delta: yours === null ? null : round1(yours - bm.value), statement: bm.statement, source: bm.source, question: bm.question } }),
    };
  });

  const areaScores: AreaScore[] = areas.map((area) => {
    const exact = weightedMean(raw.filter((e) => e.area.id === area.id && e.exact !== null).map((e) => ({ w: e.element.weight, x: e.exact! })));
    const score = exact === null ? null : round1(exact);
    return { id: area.id, title: area.title, score, band: bandFor(bank.bands, score) };
  });
  const overallExact = weightedMean(scoredElements.map((e) => ({ w: e.element.weight, x: e.exact! })));
  const overall = overallExact === null ? null : round1(overallExact);

  const all = raw.flatMap((e) => e.results);
  const priorities = elements
    .flatMap((e) => e.weaknesses)
    .sort(byPointsToGain)
    .slice(0, options.priorities ?? 5);
  return {
    overall: { score: overall, band: bandFor(bank.bands, overall) },
    areas: areaScores,
    elements,
    priorities,
    unanswered: all.filter((r) => r.status === 'unanswered').map((r) => r.question.id),
    notApplicable: all.filter((r) => r.status === 'na').map((r) => ({ questionId: r.question.id, reason: r.na! })),
    totals: {
      questions: all.length,
      answered: all.filter((r) => r.status === 'answered').length,
      notApplicable: all.filter((r) => r.status === 'na').length,
      unanswered: all.filter((r) => r.status === 'unanswered').length,
    },
  };
}

/** Most points to gain first; equal gains keep bank order (Array.prototype.sort is stable). */
function byPointsToGain(a: Weakness, b: Weakness): number {
  const d = b.pointsToGain - a.pointsToGain;
  return Math.abs(d) < 1e-9 ? 0 : d;
}
