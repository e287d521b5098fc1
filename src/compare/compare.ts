import { answerOf, type Answer, type Answers } from '../answers/schema.js';
import { allQuestionsOf } from '../bank/queries.js';
import type { Bank } from '../bank/schema.js';
import type { ReportModel } from '../report/schema.js';
import { round1 } from '../score/score.js';

export interface ScoreChange {
  id: string;
  title: string;
  old: number | null;
  new: number | null;
  delta: number | null;
}

export interface AnswerChange {
  questionId: string;
  text: string;
  old: string | null;
  new: string | null;
}

/** The comparison of two audits: a versioned JSON contract like the report. */
export interface Comparison {
  schemaVersion: 1;
  old: { file: string; date: string | null };
  new: { file: string; date: string | null };
  overall: ScoreChange;
  areas: ScoreChange[];
  elements: ScoreChange[];
  improvements: ScoreChange[];
  regressions: ScoreChange[];
  changedAnswers: AnswerChange[];
}

const change = (id: string, title: string, a: number | null, b: number | null): ScoreChange => ({
  id,
  title,
  old: a,
  new: b,
  delta: a === null || b === null ? null : round1(b - a),
});

const show = (a: Answer | undefined): string | null =>
  a === undefined ? null : a.na !== undefined ? `n/a (${a.na})` : String(a.value);

/** Compares two scored audits of the same bank. Pure. */
export function compareAudits(
  bank: Bank,
  older: { report: ReportModel; answers: Answers },
  newer: { report: ReportModel; answers: Answers },
): Comparison {
  const byId = <T extends { id: string }>(xs: T[]) => new Map(xs.map((x) => [x.id, x]));
  const oldAreas = byId(older.report.areas);
  const oldElements = byId(older.report.elements);
  const elements = newer.report.elements.map((e) =>
    change(e.id, e.title, oldElements.get(e.id)?.score ?? null, e.score),
  );
  const changedAnswers = allQuestionsOf(bank).flatMap(({ question: q }) => {
    const a = show(answerOf(older.answers, q.id));
    const b = show(answerOf(newer.answers, q.id));
    return a === b ? [] : [{ questionId: q.id, text: q.text, old: a, new: b }];
  });
  return {
    schemaVersion: 1,
    old: { file: older.report.answers.file, date: older.report.answers.date },
    new: { file: newer.report.answers.file, date: newer.report.answers.date },
    overall: change('overall', 'Overall', older.report.overall.score, newer.report.overall.score),
    areas: newer.report.areas.map((a) => change(a.id, a.title, oldAreas.get(a.id)?.score ?? null, a.score)),
    elements,
    improvements: elements.filter((e) => (e.delta ?? 0) > 0).sort((x, y) => y.delta! - x.delta!),
    regressions: elements.filter((e) => (e.delta ?? 0) < 0).sort((x, y) => x.delta! - y.delta!),
    changedAnswers,
  };
}
