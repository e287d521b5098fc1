import { answerOf, type Answers } from '../answers/schema.js';
import { adviceFor, type ResolvedAdvice } from '../bank/advice.js';
import { skipLookup } from '../bank/conditions.js';
import { numberLabel, thresholdIndex } from '../bank/number.js';
import type { Area, Band, Bank, Element, Question } from '../bank/schema.js';

/**
 * How one question was answered, and the credit it earned (0..1). One person's answer, or a
 * pool's: then `credit` is the mean credit of the `n` people who answered it.
 */
export interface QuestionResult {
  question: Question;
  /** not-measured: no figure may stand for it here (a team statement without a pulse, or under the floor). */
  status: 'answered' | 'na' | 'unanswered' | 'not-measured';
  value?: string | number;
  /** How the answer reads, where it is not one person's option (a pool's mean credit). */
  label?: string;
  credit?: number;
  /** The answer is one the bank marks critical (in a pool: at least half of those who answered gave one). */
  critical?: true;
  /** In a pool: how many people answered it. */
  n?: number;
  na?: string;
  /** Not asked because a `when` condition is false; `na` holds the reason. */
  skipped?: true;
  /** Why it is not measured. */
  reason?: string;
  note?: string;
}

/** Why an item is in Fix first: a critical answer, its declared importance, or the weakest element's best item. */
export type Why = 'critical' | 'importance' | 'element';

/** A question that earned less than full credit, and what bringing it to full credit is worth. */
export interface Weakness {
  questionId: string;
  elementId: string;
  areaId: string;
  text: string;
  value: string | number;
  /** The answer as the person saw it: the option's label, or "45%". */
  label: string;
  credit: number;
  critical: boolean;
  /** What the bank says the question matters: question weight × element weight × area weight. */
  importance: number;
  /** Overall points (0-100 scale) gained by bringing this answer to full credit. */
  pointsToGain: number;
  /** The advice's text. */
  recommendation: string;
  /** The advice's first step, owner (the role's label) and check, where the bank gives them. */
  firstStep?: string;
  owner?: string;
  check?: string;
  note?: string;
  /** In Fix first: why it is there. */
  why?: Why;
}

export interface ElementScore {
  element: Element;
  areaId: string;
  score: number | null;
  band: Band | null;
  /** Essential and with no applicable answer: its area and the overall have no score. */
  missing: boolean;
  /** How much it counts in its area: element weight, × the weight of its answered questions when weights are flat. */
  countsAs: number;
  answered: number;
  unanswered: number;
  /** Answers marked N/A by a person. */
  notApplicable: number;
  /** Questions a `when` condition left out. */
  notAsked: number;
  notMeasured: number;
  results: QuestionResult[];
  weaknesses: Weakness[];
  benchmark?: {
    value: number;
    /** The share that earns full credit, when the bank declares one. */
    target?: number;
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
  /** Essential elements of this area with no applicable answer: the area is incomplete, with no score. */
  missing: string[];
}

export interface Scores {
  /** `missing`: the essential elements with no applicable answer, which leave the overall without a score. */
  overall: { score: number | null; band: Band | null; missing: string[] };
  areas: AreaScore[];
  elements: ElementScore[];
  priorities: Weakness[];
  unanswered: string[];
  /** Answers a person marked N/A, with their reason. */
  notApplicable: { questionId: string; reason: string }[];
  /** Questions a `when` condition (the profile) left out, with the reason. */
  notAsked: { questionId: string; reason: string }[];
  notMeasured: { questionId: string; reason: string }[];
  totals: {
    questions: number;
    answered: number;
    notApplicable: number;
    notAsked: number;
    notMeasured: number;
    unanswered: number;
  };
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

/**
 * The divisor each benchmarked percent question is scored against: the element's `target` when
 * the bank declares one (full credit at the target; the poll's figure stays a reference line),
 * else the poll's figure when the bank scores percent questions against their benchmark.
 */
function benchmarksOf(bank: Bank): Map<string, number> {
  const out = new Map<string, number>();
  for (const a of bank.areas)
    for (const e of a.elements) {
      const bm = e.benchmark;
      if (bm?.question === undefined) continue;
      if (bm.target !== undefined) out.set(bm.question, bm.target);
      else if (bank.scoring?.percentAgainstBenchmark) out.set(bm.question, bm.value);
    }
  return out;
}

const divisors = new WeakMap<Bank, Map<string, number>>();
/** The divisor of a percent question's credit (undefined: value / 100); built once per bank. */
export function percentDivisor(bank: Bank, questionId: string): number | undefined {
  let m = divisors.get(bank);
  if (!m) {
    m = benchmarksOf(bank);
    divisors.set(bank, m);
  }
  return m.get(questionId);
}

/**
 * The credit an answer earns: the option's credit; for a number, the credit of the threshold it
 * falls in; for a percent, value / 100, or min(1, value / divisor) against a benchmark's target
 * (or the benchmark itself, when the bank opts in).
 */
export function creditOf(q: Question, value: string | number, benchmark?: number): number {
  if (q.type === 'percent')
    return benchmark === undefined ? Number(value) / 100 : benchmark <= 0 ? 1 : Math.min(1, Number(value) / benchmark);
  if (q.type === 'number') return q.thresholds![thresholdIndex(q, Number(value))]!.credit;
  return q.options!.find((o) => o.value === value)!.credit;
}

/** Whether the bank marks this answer critical (an option, or the threshold a number falls in). */
export function isCritical(q: Question, value: string | number): boolean {
  if (q.type === 'number') return q.thresholds![thresholdIndex(q, Number(value))]!.critical === true;
  return q.options?.find((o) => o.value === value)?.critical === true;
}

/** The advice text for an answer (see `adviceFor`, the one resolution rule). */
export function recommendationFor(q: Question, value: string | number): string {
  return adviceFor(q, value).text;
}

/** Why a team statement has no figure in a report that holds no pulse. */
export const NOT_MEASURED_RUN_A_PULSE = 'not measured — run a pulse';

/**
 * How one answers file reads, question by question. Team statements are the team's to answer:
 * in a report of one file (the lead's audit) they are "not measured — run a pulse", never scored
 * from one person's own rating. A pool scores each member's file with `teamStatements: 'score'`.
 */
export function resultsOfAnswers(
  bank: Bank,
  answers: Answers,
  teamStatements: 'score' | 'not-measured' = 'not-measured',
): Map<string, QuestionResult> {
  const skip = skipLookup(bank, answers.answers);
  const out = new Map<string, QuestionResult>();
  for (const area of bank.areas)
    for (const element of area.elements)
      for (const question of element.questions) {
        const skipped = skip(question.id);
        const a = answerOf(answers, question.id);
        const note = a?.note ? { note: a.note } : {};
        const team = question.audience === 'team';
        let r: QuestionResult;
        if (skipped !== undefined) r = { question, status: 'na', na: skipped, skipped: true, ...note };
        else if (team && (teamStatements === 'not-measured' || !a))
          r = { question, status: 'not-measured', reason: NOT_MEASURED_RUN_A_PULSE };
        else if (!a) r = { question, status: 'unanswered' };
        else if (a.na !== undefined) r = { question, status: 'na', na: a.na, ...note };
        else
          r = {
            question,
            status: 'answered',
            value: a.value!,
            credit: creditOf(question, a.value!, percentDivisor(bank, question.id)),
            ...(isCritical(question, a.value!) && { critical: true as const }),
            ...note,
          };
        out.set(question.id, r);
      }
  return out;
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

export interface ScoreOptions {
  /** How many items Fix first lists (default 5). */
  priorities?: number;
  /** Limit to these area ids. */
  areas?: readonly string[];
}

/**
 * Scores one answers file against a bank: `resultsOfAnswers` then `scoreResults`, the one engine
 * every report (single, pooled, combined) goes through. Pure.
 */
export function scoreAudit(
  bank: Bank,
  answers: Answers,
  options: ScoreOptions & { teamStatements?: 'score' | 'not-measured' } = {},
): Scores {
  return scoreResults(bank, resultsOfAnswers(bank, answers, options.teamStatements), options);
}

/**
 * THE scoring engine: every rule is written out in the README ("How scores are computed").
 * Element score = 100 × Σ(weight × credit) / Σ(weight) over answered, measured, applicable
 * questions (a credit is one person's, or a pool's mean). Area and overall scores follow the
 * bank's declared rules (area weights, weakest-link, flat question weights); an essential
 * element with no applicable answer leaves its area and the overall without a score. A
 * weakness's points to gain is the exact rise of the overall score if that one answer earned
 * full credit; Fix first ranks critical answers first, then declared importance × shortfall
 * (see `fixFirst`). Pure: same inputs, same result.
 */
export function scoreResults(
  bank: Bank,
  byQuestion: ReadonlyMap<string, QuestionResult>,
  options: ScoreOptions = {},
): Scores {
  const areas = options.areas ? bank.areas.filter((a) => options.areas!.includes(a.id)) : bank.areas;
  const flat = bank.scoring?.questionWeights === 'flat';
  const areaMode = areas.some((a) => a.weight !== undefined || a.combine !== undefined);

  const raw = areas.flatMap((area, areaIndex) =>
    area.elements.map((element) => {
      const results: QuestionResult[] = element.questions.map(
        (question) => byQuestion.get(question.id) ?? { question, status: 'unanswered' },
      );
      // A prediction (`predicts`) is the lead's guess of the team's answer: shown, never scored.
      const scored = results.filter((r) => r.status === 'answered' && r.question.predicts === undefined);
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
        areaId: e.area.id,
        text: r.question.text,
        value: r.value!,
        label: r.label ?? labelOf(r.question, r.value!),
        credit: r.credit!,
        critical: r.critical === true,
        importance: r.question.weight * e.element.weight * (e.area.weight ?? 1),
        pointsToGain: Math.max(
          0,
          overallIf(k, e.exact! + (100 * r.question.weight * (1 - r.credit!)) / e.W) - (overallNow ?? 0),
        ),
        ...adviceFields(adviceFor(r.question, r.value!, bank.roles)),
        ...(r.note && { note: r.note }),
      }))
      .sort(byRank);
    const score = e.exact === null ? null : round1(e.exact);
    const bm = e.element.benchmark;
    const benchAnswer = bm ? e.results.find((r) => r.question.id === bm.question) : undefined;
    const yours = benchAnswer?.status === 'answered' ? round1(Number(benchAnswer.value)) : null;
    return {
      element: e.element,
      areaId: e.area.id,
      score,
      band: bandFor(bank.bands, score),
      missing: e.element.essential === true && e.exact === null,
      countsAs: e.w,
      answered: e.scored.length,
      unanswered: e.results.filter((r) => r.status === 'unanswered').length,
      notApplicable: e.results.filter((r) => r.status === 'na' && !r.skipped).length,
      notAsked: e.results.filter((r) => r.skipped).length,
      notMeasured: e.results.filter((r) => r.status === 'not-measured').length,
      results: e.results,
      weaknesses,
      ...(bm && {
        benchmark: {
          value: bm.value,
          ...(bm.target !== undefined && { target: bm.target }),
          yours,
          delta: yours === null ? null : round1(yours - bm.value),
          statement: bm.statement,
          source: bm.source,
          ...(bm.question !== undefined && { question: bm.question }),
        },
      }),
    };
  });

  // An essential element with no applicable answer: its area is incomplete and the overall has no score.
  const missingIn = areas.map((a) => elements.filter((e) => e.areaId === a.id && e.missing).map((e) => e.element.id));
  const missing = missingIn.flat();
  const areaScores: AreaScore[] = areas.map((area, i) => {
    const score = areaExacts[i] === null || missingIn[i]!.length > 0 ? null : round1(areaExacts[i]!);
    return {
      id: area.id,
      title: area.title,
      score,
      band: bandFor(bank.bands, score),
      ...(area.weight !== undefined && { weight: area.weight }),
      ...(area.combine !== undefined && { combine: area.combine }),
      missing: missingIn[i]!,
    };
  });
  const overall = overallNow === null || missing.length > 0 ? null : round1(overallNow);

  const all = raw.flatMap((e) => e.results);
  const reasons = (rs: QuestionResult[], why: (r: QuestionResult) => string) =>
    rs.map((r) => ({ questionId: r.question.id, reason: why(r) }));
  return {
    overall: { score: overall, band: bandFor(bank.bands, overall), missing },
    areas: areaScores,
    elements,
    priorities: fixFirst(elements, options.priorities ?? 5),
    unanswered: all.filter((r) => r.status === 'unanswered').map((r) => r.question.id),
    notApplicable: reasons(
      all.filter((r) => r.status === 'na' && !r.skipped),
      (r) => r.na!,
    ),
    notAsked: reasons(
      all.filter((r) => r.skipped),
      (r) => r.na!,
    ),
    notMeasured: reasons(
      all.filter((r) => r.status === 'not-measured'),
      (r) => r.reason!,
    ),
    totals: {
      questions: all.length,
      answered: all.filter((r) => r.status === 'answered').length,
      notApplicable: all.filter((r) => r.status === 'na' && !r.skipped).length,
      notAsked: all.filter((r) => r.skipped).length,
      notMeasured: all.filter((r) => r.status === 'not-measured').length,
      unanswered: all.filter((r) => r.status === 'unanswered').length,
    },
  };
}

/** How many places of Fix first the weakest element is sure of one of (when it has a weak answer). */
export const WEAKEST_ELEMENT_WITHIN = 5;

/**
 * Fix first: critical answers lead whatever their points; then declared importance (question
 * weight × element weight × area weight) × shortfall (1 − credit), never divided by how many
 * questions share an element or area; ties by points to gain, then bank order. The weakest
 * scored element with a weak answer has its best item within the first five: if none made it,
 * it takes the last place there not held by a critical answer. Each item says why it is there.
 */
export function fixFirst(elements: readonly ElementScore[], count: number): Weakness[] {
  if (count <= 0) return [];
  const ranked = elements.flatMap((e) => e.weaknesses).sort(byRank);
  const top: Weakness[] = ranked
    .slice(0, count)
    .map((w) => ({ ...w, why: w.critical ? ('critical' as const) : ('importance' as const) }));
  const scored = elements.filter((e) => e.score !== null);
  let weakest: ElementScore | undefined;
  for (const e of scored) if (!weakest || e.score! < weakest.score!) weakest = e;
  const within = Math.min(count, WEAKEST_ELEMENT_WITHIN, ranked.length);
  if (!weakest || weakest.weaknesses.length === 0) return top;
  const id = weakest.element.id;
  if (top.slice(0, within).some((w) => w.elementId === id)) return top;
  let place = within - 1;
  while (place >= 0 && top[place]!.critical) place--;
  if (place < 0) return top;
  const best = { ...weakest.weaknesses[0]!, why: 'element' as const };
  // The item it displaces moves down one place, so nothing ranked above the cut is lost from view.
  const rest = top.filter((w) => w.questionId !== best.questionId);
  rest.splice(place, 0, best);
  return rest.slice(0, count);
}

/** Critical first; then importance × shortfall; then points to gain; equal keeps bank order (sort is stable). */
export function byRank(a: Weakness, b: Weakness): number {
  if (a.critical !== b.critical) return a.critical ? -1 : 1;
  const d = b.importance * (1 - b.credit) - a.importance * (1 - a.credit);
  if (Math.abs(d) > 1e-9) return d;
  const g = b.pointsToGain - a.pointsToGain;
  return Math.abs(g) < 1e-9 ? 0 : g;
}
