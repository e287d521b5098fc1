import type { Answers } from '../answers/schema.js';
import type { Bank } from '../bank/schema.js';
import { elementReferences, sourcesCited } from '../bank/sources.js';
import { round1, WEAKEST_LINK_MARGIN, type Scores, type Weakness } from '../score/score.js';
import type { ReportModel, ReportUnmeasured, ReportWeakness } from './schema.js';
import { unmeasuredAdvice } from '../bank/advice.js';
import { targetText } from '../bank/number.js';

/** Where the inputs came from; hashed at the edge so the model stays pure. */
export interface ReportInputs {
  toolVersion: string;
  bank: Bank;
  bankSha256: string;
  answers: Answers;
  answersFile: string;
  answersSha256: string;
  explain?: boolean;
  /** Set when the answers were given against an earlier version of the bank and mapped to this one. */
  upgrade?: { from: string; newQuestions: string[] };
  /** The combined audit: the pulse behind the team statements. */
  team?: NonNullable<ReportModel['team']>;
}

const weakness = (w: Weakness): ReportWeakness => ({
  questionId: w.questionId,
  element: w.elementId,
  area: w.areaId,
  text: w.text,
  answer: w.value,
  answerLabel: w.label,
  credit: w.credit,
  critical: w.critical,
  importance: w.importance,
  pointsToGain: round1(w.pointsToGain),
  recommendation: w.recommendation,
  ...(w.firstStep !== undefined && { firstStep: w.firstStep }),
  ...(w.owner !== undefined && { owner: w.owner }),
  ...(w.check !== undefined && { check: w.check }),
  ...(w.note && { note: w.note }),
  ...(w.why && { why: w.why }),
});

/** The weakest scored element (the first of equals, in bank order), or null. */
export function weakestOf(scores: Scores): Scores['elements'][number] | null {
  let weakest: Scores['elements'][number] | null = null;
  for (const e of scores.elements) if (e.score !== null && (weakest === null || e.score < weakest.score!)) weakest = e;
  return weakest;
}

/** The one-screen summary: the weakest scored element and the top three of Fix first. */
export function summaryOf(scores: Scores): ReportModel['summary'] {
  const w = weakestOf(scores);
  return {
    weakest: w && { id: w.element.id, title: w.element.title, score: w.score!, band: w.band?.id ?? null },
    actions: scores.priorities.slice(0, 3).map(weakness),
  };
}

const r2 = (x: number) => Math.round(x * 100) / 100;

/** The arithmetic behind areas and the overall, for --explain. */
export function arithmeticOf(scores: Scores): NonNullable<ReportModel['arithmetic']> {
  const areas = scores.areas.map((a) => {
    const parts = scores.elements
      .filter((e) => e.areaId === a.id && e.score !== null)
      .map((e) => ({ element: e.element.id, countsAs: r2(e.countsAs), score: e.score! }));
    const W = parts.reduce((t, p) => t + p.countsAs, 0);
    const mean = W > 0 ? round1(parts.reduce((t, p) => t + p.countsAs * p.score, 0) / W) : null;
    const cap =
      a.combine === 'weakest-link' && parts.length > 0
        ? round1(Math.min(...parts.map((p) => p.score)) + WEAKEST_LINK_MARGIN)
        : null;
    return { id: a.id, parts, mean, cap, score: a.score };
  });
  const byAreas = scores.areas.some((a) => a.weight !== undefined || a.combine !== undefined);
  const parts = byAreas
    ? scores.areas.filter((a) => a.score !== null).map((a) => ({ id: a.id, weight: a.weight ?? 1, score: a.score! }))
    : scores.elements
        .filter((e) => e.score !== null)
        .map((e) => ({ id: e.element.id, weight: r2(e.countsAs), score: e.score! }));
  return { areas, overall: { by: byAreas ? 'areas' : 'elements', parts, score: scores.overall.score } };
}

/** Number questions answered N/A ("we don't measure this"), each with the advice to start measuring. */
function unmeasured(scores: Scores, bank: Bank): ReportUnmeasured[] {
  return scores.elements.flatMap((e) =>
    e.results
      .filter((r) => r.status === 'na' && !r.skipped && r.question.type === 'number')
      .map((r) => {
        const { text, ...advice } = unmeasuredAdvice(r.question, bank.roles);
        const target = targetText(r.question);
        return {
          questionId: r.question.id,
          element: e.element.id,
          text: r.question.text,
          unit: r.question.unit ?? '',
          ...(target !== undefined && { target }),
          reason: r.na!,
          recommendation: text,
          ...advice,
        };
      }),
  );
}

/** Builds the one report model every renderer draws from. Pure. */
export function buildReport(scores: Scores, i: ReportInputs): ReportModel {
  return {
    schemaVersion: 5,
    tool: { name: 'service-audit', version: i.toolVersion },
    bank: { id: i.bank.id, version: i.bank.version, title: i.bank.title, sha256: i.bankSha256 },
    answers: {
      file: i.answersFile,
      sha256: i.answersSha256,
      date: i.answers.date ?? null,
      organization: i.answers.organization ?? null,
      respondent: i.answers.respondent ?? null,
    },
    bands: i.bank.bands.map(({ id, label, min }) => ({ id, label, min })),
    overall: {
      score: scores.overall.score,
      band: scores.overall.band?.id ?? null,
      missing: [...scores.overall.missing],
    },
    summary: summaryOf(scores),
    completeness: scores.totals,
    ...(i.upgrade && { upgrade: { from: i.upgrade.from, newQuestions: [...i.upgrade.newQuestions] } }),
    areas: scores.areas.map((a) => ({
      id: a.id,
      title: a.title,
      score: a.score,
      band: a.band?.id ?? null,
      ...(a.weight !== undefined && { weight: a.weight }),
      ...(a.combine && { combine: a.combine }),
      missing: [...a.missing],
    })),
    elements: scores.elements.map((e) => ({
      id: e.element.id,
      title: e.element.title,
      ...(e.element.concept && { concept: e.element.concept }),
      area: e.areaId,
      weight: e.element.weight,
      score: e.score,
      band: e.band?.id ?? null,
      essential: e.element.essential === true,
      missing: e.missing,
      answered: e.answered,
      unanswered: e.unanswered,
      notApplicable: e.notApplicable,
      notAsked: e.notAsked,
      notMeasured: e.notMeasured,
      ...(e.benchmark && { benchmark: e.benchmark }),
      sources: elementReferences(i.bank, e.element),
      weaknesses: e.weaknesses.map(weakness),
      notes: e.results.filter((r) => r.note).map((r) => ({ questionId: r.question.id, note: r.note! })),
      ...(i.explain && {
        explain: e.results.map((r) => ({
          questionId: r.question.id,
          status: r.status,
          answer: r.value ?? null,
          weight: r.question.weight,
          credit: r.credit ?? null,
        })),
      }),
    })),
    priorities: scores.priorities.map(weakness),
    unmeasured: unmeasured(scores, i.bank),
    unanswered: scores.unanswered,
    notApplicable: scores.notApplicable,
    notAsked: scores.notAsked,
    notMeasured: scores.notMeasured,
    ...(i.explain && { arithmetic: arithmeticOf(scores) }),
    ...(i.team && { team: i.team }),
    sources: sourcesCited(
      i.bank,
      scores.elements.map((e) => e.element),
    ).map((s) => ({ ...s })),
  };
}
