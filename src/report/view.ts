import type { ScoredView, ViewWeakness } from '../score/view.js';
import type { ReportModel, ReportWeakness } from './schema.js';

const weakness = (w: ReportWeakness): ViewWeakness => ({
  questionId: w.questionId,
  element: w.element,
  text: w.text,
  answer: w.answer,
  pointsToGain: w.pointsToGain,
  recommendation: w.recommendation,
});

/** Why an element of a report has no score. */
function whyUnscored(e: ReportModel['elements'][number]): string {
  if (e.missing) return 'missing: an essential element with no applicable answer';
  if (e.unanswered > 0) return 'nothing answered yet';
  if (e.notMeasured > 0 && e.notApplicable + e.notAsked === 0) return 'not measured — run a pulse';
  return 'every question not applicable';
}

/** The report model (single or combined) as `check` reads it. Pure. */
export function reportView(m: ReportModel): ScoredView {
  const team = m.team;
  return {
    source: m.answers.file,
    overall: { score: m.overall.score, missing: m.overall.missing },
    areas: m.areas.map((a) => ({ id: a.id, score: a.score, missing: a.missing })),
    elements: m.elements.map((e) => ({
      id: e.id,
      area: e.area,
      score: e.score,
      missing: e.missing,
      why: e.score === null ? whyUnscored(e) : null,
      weaknesses: e.weaknesses.map(weakness),
    })),
    priorities: m.priorities.map(weakness),
    unanswered: { ids: [...m.unanswered] },
    notApplicable: { ids: m.notApplicable.map((x) => x.questionId) },
    respondents: team ? { n: team.respondents } : { notMeasured: 'measured only on a team pulse (give a pool)' },
    suppressed: null,
    shares: team
      ? team.engagement.map((x) => ({ element: x.element, share: x.share }))
      : { notMeasured: 'measured only on a team pool (give several answers files, a folder or a CSV)' },
  };
}
