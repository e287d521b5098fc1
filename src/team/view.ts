import type { ScoredView, ViewWeakness } from '../score/view.js';
import type { TeamReport } from './model.js';

/**
 * The pooled team report as `check` reads it: every figure from the pooled model. `statements`
 * are the bank's team statements, so that one nobody answered counts as unanswered. Pure.
 */
export function teamView(t: TeamReport, source: string, statements: readonly string[]): ScoredView {
  const r = t.results;
  const hidden = t.suppressed ? { notMeasured: `hidden: ${t.suppressed}` } : null;
  const weakness = (p: TeamReport['priorities'][number]): ViewWeakness => ({
    questionId: p.questionId,
    element: p.element,
    text: p.text,
    answer: p.meanCredit,
    pointsToGain: p.pointsToGain,
    recommendation: p.recommendation,
  });
  const seen = new Set((r?.questions ?? []).map((q) => q.id));
  return {
    source,
    overall: { score: r?.overall.score ?? null, missing: r?.overall.missing ?? [] },
    areas: (r?.areas ?? []).map((a) => ({ id: a.id, score: a.score, missing: a.missing })),
    elements: (r?.elements ?? []).map((e) => ({
      id: e.id,
      area: e.area,
      score: e.score,
      missing: e.missing,
      why:
        e.score !== null
          ? null
          : e.missing
            ? 'missing: an essential element with no measured answer'
            : e.respondents === 0
              ? "not measured — no team answers (the lead's questions: give --lead)"
              : `not measured — its answers rest on fewer than ${t.pool.minGroup} people`,
      weaknesses: t.priorities.filter((p) => p.element === e.id).map(weakness),
    })),
    priorities: t.priorities.map(weakness),
    // Pooled: team statements no respondent answered; N/A: questions every respondent who saw them marked N/A.
    unanswered: hidden ?? { ids: statements.filter((id) => !seen.has(id)) },
    notApplicable: hidden ?? {
      ids: (r?.questions ?? []).filter((q) => q.answered === 0 && q.notApplicable > 0).map((q) => q.id),
    },
    respondents: { n: t.pool.respondents },
    suppressed: t.suppressed,
    shares: hidden ?? (r?.engagement ?? []).map((x) => ({ element: x.element, share: x.share })),
  };
}
