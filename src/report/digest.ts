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

/** With --explain: how each area combines its elements and how the areas (or elements) make the overall, one line each. */
export function arithmeticLines(
  m: ReportModel,
  id: (s: string) => string = (s) => s,
  word: (s: string) => string = (s) => s,
): string[] {
  if (!m.arithmetic) return [];
  const out: string[] = [];
  for (const a of m.arithmetic.areas) {
    if (a.parts.length === 0) continue;
    const sum = a.parts.map((p) => `${p.countsAs} × ${p.score}`).join(' + ');
    const W = +a.parts.reduce((x, p) => x + p.countsAs, 0).toFixed(2);
    const cap = a.cap === null ? '' : `; weakest-link cap ${a.cap}`;
    out.push(`${id(a.id)} = (${sum}) / ${W} = ${a.mean}${cap} → ${a.score ?? 'n/a'}`);
  }
  const o = m.arithmetic.overall;
  const W = +o.parts.reduce((x, p) => x + p.weight, 0).toFixed(2);
  const sum = o.parts.map((p) => `${p.weight} × ${p.score}`).join(' + ');
  out.push(`overall (by ${word(o.by)}) = (${sum}) / ${W} → ${o.score ?? 'not scored'}`);
  return out;
}

/** The overall in words: the score, or why there is none. */
export function overallWords(
  m: ReportModel,
  label: (id: string | null) => string,
  id: (s: string) => string = (s) => s,
): string {
  if (m.overall.score === null && m.overall.missing.length > 0)
    return `not scored: essential ${m.overall.missing.length === 1 ? 'element' : 'elements'} ${m.overall.missing.map(id).join(', ')} missing (no applicable answer)`;
  return `${m.overall.score === null ? 'n/a' : m.overall.score.toFixed(1)} / 100 (${label(m.overall.band)})`;
}

/** The team's pulse behind a combined report, as sentences (unescaped). */
export function teamSentences(team: NonNullable<ReportModel['team']>, esc: (s: string) => string = (s) => s): string[] {
  const part = team.participation === null ? '' : ` of ${team.teamSize} (${team.participation}% took part)`;
  const out = [`${team.respondents} team respondents${part}.`];
  if (team.suppressed) return [...out, `Not shown: ${esc(team.suppressed)}`];
  if (team.leftOutByFloor > 0)
    out.push(
      `${team.leftOutByFloor} ${team.leftOutByFloor === 1 ? 'item' : 'items'} answered by fewer than ${team.minGroup} people left out of every figure.`,
    );
  return out;
}

/** "The lead predicted 40% favourable for "…"; the team: 62%". */
export function predictionLine(
  p: NonNullable<ReportModel['team']>['predictions'][number],
  esc: (s: string) => string = (s) => s,
): string {
  return `The lead predicted ${p.predicted}% favourable for "${esc(p.text)}"; the team: ${p.team === null ? 'not measured' : `${p.team}%`}`;
}
