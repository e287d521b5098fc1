import type { Answers } from '../answers/schema.js';
import type { Bank } from '../bank/schema.js';
import { elementReferences, sourcesCited } from '../bank/sources.js';
import { round1, type Scores, type Weakness } from '../score/score.js';
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
}

const weakness = (w: Weakness): ReportWeakness => ({
  questionId: w.questionId,
  element: w.elementId,
  text: w.text,
  answer: w.value,
  answerLabel: w.label,
  credit: w.credit,
  pointsToGain: round1(w.pointsToGain),
  recommendation: w.recommendation,
  ...(w.firstStep !== undefined && { firstStep: w.firstStep }),
  ...(w.owner !== undefined && { owner: w.owner }),
  ...(w.check !== undefined && { check: w.check }),
  ...(w.note && { note: w.note }),
});

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
    schemaVersion: 3,
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
    overall: { score: scores.overall.score, band: scores.overall.band?.id ?? null },
    completeness: scores.totals,
    ...(i.upgrade && { upgrade: { from: i.upgrade.from, newQuestions: [...i.upgrade.newQuestions] } }),
    areas: scores.areas.map((a) => ({
      id: a.id,
      title: a.title,
      score: a.score,
      band: a.band?.id ?? null,
      ...(a.weight !== undefined && { weight: a.weight }),
      ...(a.combine && { combine: a.combine }),
    })),
    elements: scores.elements.map((e) => ({
      id: e.element.id,
      title: e.element.title,
      ...(e.element.concept && { concept: e.element.concept }),
      area: e.areaId,
      weight: e.element.weight,
      score: e.score,
      band: e.band?.id ?? null,
      answered: e.answered,
      unanswered: e.unanswered,
      notApplicable: e.notApplicable,
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
    sources: sourcesCited(
      i.bank,
      scores.elements.map((e) => e.element),
    ).map((s) => ({ ...s })),
  };
}
