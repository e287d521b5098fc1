import type { PoolFacts } from '../check/assertions.js';
import type { ReportModel, ReportWeakness } from '../report/schema.js';
import type { TeamReport } from './model.js';

/**
 * The team report seen through the fields `check` asserts on (scores, weaknesses), so the one
 * assertion table serves single reports and pools alike; and the pool's own facts (respondents,
 * engagement shares) for the assertions only a pool has. Pure.
 */
export function teamForCheck(t: TeamReport, source: string): { report: ReportModel; pool: PoolFacts } {
  const r = t.results;
  const weakness = (p: TeamReport['priorities'][number]): ReportWeakness => ({
    questionId: p.questionId,
    element: p.element,
    text: p.text,
    answer: p.meanCredit,
    answerLabel: `mean credit ${p.meanCredit.toFixed(2)}`,
    credit: p.meanCredit,
    pointsToGain: p.pointsToGain,
    recommendation: p.recommendation,
  });
  const report: ReportModel = {
    schemaVersion: 3,
    tool: t.tool,
    bank: t.bank,
    answers: { file: source, sha256: '', date: null, organization: null, respondent: null },
    bands: t.bands,
    overall: r ? r.overall : { score: null, band: null },
    completeness: { questions: 0, answered: 0, notApplicable: 0, unanswered: 0 },
    areas: r ? r.areas : [],
    elements: (r?.elements ?? []).map((e) => ({
      id: e.id,
      title: e.title,
      area: e.area,
      weight: 1,
      score: e.score,
      band: e.band,
      answered: e.respondents,
      unanswered: 0,
      notApplicable: 0,
      sources: [],
      weaknesses: t.priorities.filter((p) => p.element === e.id).map(weakness),
      notes: [],
    })),
    priorities: t.priorities.map(weakness),
    unmeasured: [],
    unanswered: [],
    notApplicable: [],
    sources: [],
  } as ReportModel;
  const pool: PoolFacts = {
    respondents: t.pool.respondents,
    suppressed: t.suppressed,
    shares: (r?.engagement ?? []).map((x) => ({ element: x.element, share: x.share })),
  };
  return { report, pool };
}
