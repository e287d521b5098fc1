// What every report format says the same way: the reasons questions were left out, folded one
// line per reason; why each Fix-first item is there. Pure; text is escaped by each renderer.

import type { ReportModel, ReportWeakness } from './schema.js';

export interface FoldedReason {
  kind: 'not applicable' | 'not asked' | 'not measured';
  reason: string;
  ids: string[];
}

/** Every question left out of the scores, one entry per kind and reason, in first-seen order. */
export function foldedReasons(m: ReportModel): FoldedReason[] {
  const out: FoldedReason[] = [];
  const add = (kind: FoldedReason['kind'], list: readonly { questionId: string; reason: string }[]) => {
    for (const x of list) {
      const found = out.find((f) => f.kind === kind && f.reason === x.reason);
      if (found) found.ids.push(x.questionId);
      else out.push({ kind, reason: x.reason, ids: [x.questionId] });
    }
  };
  add('not asked', m.notAsked);
  add('not applicable', m.notApplicable);
  add('not measured', m.notMeasured);
  return out;
}

/** "2 questions not asked: No customers in person, so not asked. (d.brochure, d.brochure-current)" */
export function foldedLine(f: FoldedReason): string {
  const n = f.ids.length;
  const ids = n <= 4 ? f.ids.join(', ') : `${f.ids.slice(0, 3).join(', ')} and ${n - 3} more`;
  const reason = f.kind === 'not measured' ? f.reason.replace(/^not measured — /, '') : f.reason;
  return `${n} ${n === 1 ? 'question' : 'questions'} ${f.kind}: ${reason} (${ids})`;
}

/** Why a Fix-first item is there, in words. */
export function whyWords(w: Pick<ReportWeakness, 'why' | 'importance' | 'credit'>): string {
  switch (w.why) {
    case 'critical':
      return 'critical answer';
    case 'element':
      return 'weakest element';
    default:
      return `importance ${+w.importance.toFixed(2)} × gap ${+(1 - w.credit).toFixed(2)}`;
  }
}

/** The elements with no score, named once: missing essentials apart. */
export function unscored(m: ReportModel): { missing: ReportModel['elements']; other: ReportModel['elements'] } {
  const none = m.elements.filter((e) => e.score === null);
  return { missing: none.filter((e) => e.missing), other: none.filter((e) => !e.missing) };
}

/** "62% favourable (n 12, 95% 35–82)". */
export function favourableLine(s: NonNullable<ReportModel['team']>['statements'][number]): string {
  const f = s.favourable;
  const top = s.topBox
    ? `; top answer ${s.topBox.share}% (${s.topBox.low}–${s.topBox.high}) vs the poll's ${s.topBox.poll}%`
    : '';
  return `${f.share}% favourable (n ${s.answered}, 95% interval ${f.low}–${f.high})${top}`;
}
