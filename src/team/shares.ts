// Team statements as engagement surveys report them: % favourable with n and a 95% interval, the
// top-box share beside it for the comparison with the poll. Pure.

import type { Question } from '../bank/schema.js';
import type { TeamFigure, TeamShare, TeamStatement } from './model.js';
import { wilson } from './stats.js';
import type { Layout, Tally } from './tally.js';

const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * The answers counted as favourable: the bank's `favourable`, else the two best answers of a
 * scale of four or more options (the top two of five), else the best one.
 */
export function favourableValues(q: Question): string[] {
  if (q.favourable) return [...q.favourable];
  const options = [...(q.options ?? [])].sort((a, b) => b.credit - a.credit);
  return options.slice(0, options.length >= 4 ? 2 : 1).map((o) => o.value);
}

function figure(q: Question, counts: readonly number[], values: readonly string[], n: number): TeamFigure {
  const count = (q.options ?? []).reduce((s, o, k) => s + (values.includes(o.value) ? counts[k]! : 0), 0);
  const w = wilson(count, n);
  return { values: [...values], count, share: round1((100 * count) / n), low: round1(w.low), high: round1(w.high) };
}

/** Every team statement answered by at least the floor: % favourable, and top-box where a poll item mirrors it. */
export function statementsOf(l: Layout, t: Tally, floor: number): TeamStatement[] {
  const pulseOf = new Map(
    l.elements.flatMap(({ element }) =>
      element.benchmark?.pulse ? [[element.benchmark.pulse.question, element.benchmark] as const] : [],
    ),
  );
  const out: TeamStatement[] = [];
  l.list.forEach(({ question: q, element }, i) => {
    if (q.audience !== 'team' || !q.options) return;
    const counts = t.questions[i]!.counts;
    const answered = counts.reduce((s, c) => s + c, 0);
    if (answered < floor) return;
    const bm = pulseOf.get(q.id);
    out.push({
      id: q.id,
      element: element.id,
      text: q.text,
      answered,
      favourable: figure(q, counts, favourableValues(q), answered),
      topBox: bm?.pulse ? { ...figure(q, counts, bm.pulse.values, answered), poll: bm.value } : null,
    });
  });
  return out;
}

/** The share holding each poll statement fully, held against the poll (only statements answered by at least the floor). */
export function engagementOf(l: Layout, t: Tally, floor: number): TeamShare[] {
  const out: TeamShare[] = [];
  for (const { element } of l.elements) {
    const bm = element.benchmark;
    if (!bm?.pulse) continue;
    const qi = l.questionIndex.get(bm.pulse.question);
    if (qi === undefined) continue;
    const q = l.list[qi]!.question;
    const counts = t.questions[qi]!.counts;
    const answered = counts.reduce((s, c) => s + c, 0);
    const shown = answered >= floor;
    const holders = (q.options ?? []).reduce((s, o, k) => s + (bm.pulse!.values.includes(o.value) ? counts[k]! : 0), 0);
    const w = shown ? wilson(holders, answered) : null;
    out.push({
      element: element.id,
      statement: bm.statement,
      question: q.id,
      values: [...bm.pulse.values],
      poll: bm.value,
      holders: shown ? holders : 0,
      answered: shown ? answered : 0,
      share: w ? round1((100 * holders) / answered) : null,
      low: w ? round1(w.low) : null,
      high: w ? round1(w.high) : null,
      verdict: w === null ? null : w.low > bm.value ? 'above' : w.high < bm.value ? 'below' : 'in line',
    });
  }
  return out;
}
