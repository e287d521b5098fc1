import { answerOf, type Answers } from '../answers/schema.js';
import { adviceFor, type ResolvedAdvice } from '../bank/advice.js';
import { skipLookup } from '../bank/conditions.js';
import { numberLabel, thresholdIndex } from '../bank/number.js';
import type { Area, Band, Bank, Element, Question } from '../bank/schema.js';

/** How one question was answered, and the credit it earned (0..1). */
export interface QuestionResult {
  question: Question;
  status: 'answered' | 'na' | 'unanswered';
  value?: string | number;
  credit?: number;
  na?: string;
  /** Not asked because a `when` condition is false; `na` holds the reason. */
  skipped?: true;
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
  /** The advice's text. */
  recommendation: string;
  /** The advice's first step, owner (the role's label) and check, where the bank gives them. */
  firstStep?: string;
  owner?: string;
  check?: string;
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
  benchmark?: {
    value: number;
    yours: number | null;
    delta: number | null;
    statement: string;
    source: string;
    /** The element's percent question compared with the benchmark, when the bank names one. */
    question?: string;
  };
}

export interface AreaScore {
  id: string;
  title: string;
  score: number | null;
  band: Band | null;
  weight?: number;
  combine?: Area['combine'];
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
  if (q.type === 'number') return numberLabel(q, value);
  return q.type === 'percent' ? `${value}%` : (q.options!.find((o) => o.value === value)?.label ?? String(value));
}

/** How far above its weakest element a weakest-link area may score (see the README). */
export const WEAKEST_LINK_MARGIN = 15;

/** The benchmark each percent question is scored against, when the bank opts in. */
function benchmarksOf(bank: Bank): Map<string, number> {
  const out = new Map<string, number>();
  if (!bank.scoring?.percentAgainstBenchmark) return out;
  for (const a of bank.areas)
    for (const e of a.elements)
      if (e.benchmark?.question !== undefined) out.set(e.benchmark.question, e.benchmark.value);
  return out;
}

/**
 * The credit an answer earns: the option's credit; for a number, the credit of the threshold it falls in; for a percent, value / 100, or
 * min(1, value / benchmark) when the bank scores percent questions against their benchmark.
 */
export function creditOf(q: Question, value: string | number, benchmark?: number): number {
  if (q.type === 'percent')
    return benchmark === undefined ? Number(value) / 100 : benchmark <= 0 ? 1 : Math.min(1, Number(value) / benchmark);
  if (q.type === 'number') return q.thresholds![thresholdIndex(q, Number(value))]!.credit;
  return q.options!.find((o) => o.value === value)!.credit;
}

/** The advice text for an answer (see `adviceFor`, the one resolution rule). */
export function recommendationFor(q: Question, value: string | number): string {
  return adviceFor(q, value).text;
}

const adviceFields = ({ text, ...rest }: ResolvedAdvice) => ({ recommendation: text, ...rest });

const weightedMean = (pairs: readonly { w: number; x: number }[]): number | null => {
  const W = pairs.reduce((s, p) => s + p.w, 0);
  return W > 0 ? pairs.reduce((s, p) => s + p.w * p.x, 0) / W : null;
};

/** An element's unrounded score and how much it counts in its area. */
interface Scored {
  areaIndex: number;
  exact: number | null;
  /** Element weight, times the weight of its answered questions when question weights are flat. */
  w: number;
}

/** The area score from its elements' exact scores: their weighted mean, capped by the weakest link if the area says so. */
function areaExact(area: Area, elements: readonly Scored[]): number | null {
  const scored = elements.filter((e) => e.exact !== null);
  const mean = weightedMean(scored.map((e) => ({ w: e.w, x: e.exact! })));
  if (mean === null || area.combine !== 'weakest-link') return mean;
  return Math.min(mean, Math.min(...scored.map((e) => e.exact!)) + WEAKEST_LINK_MARGIN);
}

/**
 * The overall score. When any area declares a weight or a combine rule, it is the mean of the
 * area scores weighted by area weight (1 when missing); otherwise, as in banks without those
 * rules, the mean of all element scores weighted by element weight.
 */
function overallExact(
  areas: readonly Area[],
  byArea: readonly (number | null)[],
  elements: readonly Scored[],
  areaMode: boolean,
): number | null {
  if (areaMode)
    return weightedMean(areas.flatMap((a, i) => (byArea[i] === null ? [] : [{ w: a.weight ?? 1, x: byArea[i]! }])));
  return weightedMean(elements.filter((e) => e.exact !== null).map((e) => ({ w: e.w, x: e.exact! })));
}

/**
 * Scores answers against a bank; every rule is written out in the README ("How scores are
 * computed"). Element score = 100 × Σ(weight × credit) / Σ(weight) over answered, applicable
 * questions; a question whose `when` condition is false is not applicable, with its reason.
 * Area and overall scores follow the bank's declared rules (area weights, weakest-link, flat
 * question weights), and without them are element-weighted means over elements with at least
 * one answer. A weakness's points to gain is the exact rise of the overall score if that one
 * answer earned full credit. Pure: same inputs, same result.
 */
export function scoreAudit(
  bank: Bank,
  answers: Answers,
  options: { priorities?: number; areas?: readonly string[] } = {},
): Scores {
  const areas = options.areas ? bank.areas.filter((a) => options.areas!.includes(a.id)) : bank.areas;
  const skip = skipLookup(bank, answers.answers);
  const benchmarks = benchmarksOf(bank);
  const flat = bank.scoring?.questionWeights === 'flat';
  const areaMode = areas.some((a) => a.weight !== undefined || a.combine !== undefined);

  const raw = areas.flatMap((area, areaIndex) =>
    area.elements.map((element) => {
      const results: QuestionResult[] = element.questions.map((question) => {
        const skipped = skip(question.id);
        const a = answerOf(answers, question.id);
        const note = a?.note ? { note: a.note } : {};
        if (skipped !== undefined) return { question, status: 'na', na: skipped, skipped: true, ...note };
        if (!a) return { question, status: 'unanswered' };
        if (a.na !== undefined) return { question, status: 'na', na: a.na, ...note };
        return {
          question,
          status: 'answered',
          value: a.value!,
          credit: creditOf(question, a.value!, benchmarks.get(question.id)),
          ...note,
        };
      });
      const scored = results.filter((r) => r.status === 'answered');
      const W = scored.reduce((s, r) => s + r.question.weight, 0);
      const exact = W > 0 ? (100 * scored.reduce((s, r) => s + r.question.weight * r.credit!, 0)) / W : null;
      return { area, areaIndex, element, results, scored, W, exact, w: element.weight * (flat ? W : 1) };
    }),
  );

  const inArea = areas.map((_, i) => raw.filter((e) => e.areaIndex === i));
  const areaExacts = inArea.map((list, i) => areaExact(areas[i]!, list));
  const overallNow = overallExact(areas, areaExacts, raw, areaMode);
  // Sums of the element-weighted overall, so that one element's change costs O(1) to apply.
  const used = raw.filter((e) => e.exact !== null);
  const sumW = used.reduce((t, e) => t + e.w, 0);
  const sumWX = used.reduce((t, e) => t + e.w * e.exact!, 0);
  /** The overall score if element k scored `x` instead: only its area (or one term) is computed again. */
  const overallIf = (k: number, x: number): number => {
    const e = raw[k]!;
    if (!areaMode) return (sumWX + e.w * (x - e.exact!)) / sumW;
    const i = e.areaIndex;
    const changed = areaExact(
      areas[i]!,
      inArea[i]!.map((o) => (o === e ? { ...o, exact: x } : o)),
    );
    return (
      overallExact(
        areas,
        areaExacts.map((v, j) => (j === i ? changed : v)),
        raw,
        true,
      ) ?? 0
    );
  };

  const elements: ElementScore[] = raw.map((e, k) => {
    const weaknesses: Weakness[] = e.scored
      .filter((r) => r.credit! < 1)
      .map((r) => ({
        questionId: r.question.id,
        elementId: e.element.id,
        text: r.question.text,
        value: r.value!,
        label: labelOf(r.question, r.value!),
        credit: r.credit!,
        pointsToGain: Math.max(
          0,
          overallIf(k, e.exact! + (100 * r.question.weight * (1 - r.credit!)) / e.W) - (overallNow ?? 0),
        ),
        ...adviceFields(adviceFor(r.question, r.value!, bank.roles)),
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
      ...(bm && {
        benchmark: {
          value: bm.value,
          yours,
          delta: yours === null ? null : round1(yours - bm.value),
          statement: bm.statement,
          source: bm.source,
          ...(bm.question !== undefined && { question: bm.question }),
        },
      }),
    };
  });

  const areaScores: AreaScore[] = areas.map((area, i) => {
    const score = areaExacts[i] === null ? null : round1(areaExacts[i]!);
    return {
      id: area.id,
      title: area.title,
      score,
      band: bandFor(bank.bands, score),
      ...(area.weight !== undefined && { weight: area.weight }),
      ...(area.combine !== undefined && { combine: area.combine }),
    };
  });
  const overall = overallNow === null ? null : round1(overallNow);

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
