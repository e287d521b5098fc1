// The history of one organization's audits: overall, area and element scores per audit, in date
// order, and which of them may be compared. Pure: report models and banks in, a model out.
import type { Area, Bank, Element } from '../bank/schema.js';
import { round1 } from '../score/score.js';
import type { ReportModel } from '../report/schema.js';
import type { HistoryPlan, HistoryPulse, PulseRow } from './loop.js';

/** One audit in a history (an answers file, scored against the bank version it names). */
export interface HistoryAudit {
  file: string;
  sha256: string;
  date: string;
  /** The bank it was answered against, `id@version`. */
  bank: string;
  respondent: string | null;
  answered: number;
  questions: number;
}

/** A score at one audit; null where the bank of that audit has no such element or area. */
export type HistoryPoint = {
  score: number | null;
  band: string | null;
  /** Scored on the same questions as this row's previous point (false at a change of questions). */
  comparable: boolean;
} | null;

export type Trend = 'up' | 'down' | 'flat';

/** One line of the history: overall, an area or an element. */
export interface HistoryRow {
  id: string;
  title: string;
  /** The area of an element. */
  area?: string;
  points: HistoryPoint[];
  /**
   * The latest audit's score minus the last earlier score, when the latest audit has one and the
   * questions stayed the same between the two; else null.
   */
  change: number | null;
  trend: Trend | null;
}

export interface HistoryModel {
  schema: 'history';
  /** 2: the plan on the timeline and the staff pulses (issue 21). */
  schemaVersion: 2;
  tool: { name: 'service-audit'; version: string };
  organization: string | null;
  /** The bands of the latest audit's bank. */
  bands: { id: string; label: string; min: number }[];
  audits: HistoryAudit[];
  overall: HistoryRow;
  areas: HistoryRow[];
  elements: HistoryRow[];
  /** What was and was not compared where the bank changed, in plain sentences. */
  comparability: string[];
  /** The plan's actions on the timeline (`--plan`), or null. */
  plan: HistoryPlan | null;
  /** The staff pulses given among the inputs, quarter by quarter, or null. */
  pulse: { pulses: HistoryPulse[]; rows: PulseRow[] } | null;
}

/** A move of less than this many points either way is "flat" (scores carry one decimal). */
export const TREND_STEP = 1;

const TRENDS: readonly { trend: Trend; holds: (change: number) => boolean }[] = [
  { trend: 'up', holds: (c) => c >= TREND_STEP },
  { trend: 'down', holds: (c) => c <= -TREND_STEP },
  { trend: 'flat', holds: () => true },
];

/** up, down or flat for a change in points. */
export const trendOf = (change: number): Trend => TRENDS.find((t) => t.holds(change))!.trend;

// What makes two scores comparable: the same questions, asked and weighted the same way.
const elementKey = (e: Element, bank: Bank) =>
  JSON.stringify({
    scoring: bank.scoring ?? null,
    weight: e.weight,
    when: e.when ?? null,
    benchmark: e.benchmark
      ? { value: e.benchmark.value, question: e.benchmark.question, pulse: e.benchmark.pulse ?? null }
      : null,
    questions: e.questions.map((q) => ({
      id: q.id,
      text: q.text,
      type: q.type,
      weight: q.weight,
      audience: q.audience,
      options: q.options?.map((o) => [o.value, o.credit]) ?? null,
      min: q.min ?? null,
      max: q.max ?? null,
      when: q.when ?? null,
    })),
  });
const areaKey = (a: Area, bank: Bank) =>
  JSON.stringify({
    weight: a.weight ?? null,
    combine: a.combine ?? null,
    elements: a.elements.map((e) => elementKey(e, bank)),
  });
const bankKey = (bank: Bank) => JSON.stringify(bank.areas.map((a) => areaKey(a, bank)));

/** One audit as the history needs it: its report model and the bank it was scored with. */
export interface ScoredAudit {
  report: ReportModel;
  bank: Bank;
}

interface Cell {
  key: string;
  score: number | null;
  band: string | null;
}

function row(id: string, title: string, cells: (Cell | undefined)[], area?: string): HistoryRow {
  let previous: Cell | undefined;
  const points: HistoryPoint[] = cells.map((c) => {
    if (!c) return null;
    const comparable = previous === undefined || previous.key === c.key;
    previous = c;
    return { score: c.score, band: c.band, comparable };
  });
  // The latest score against the one before it (skipping audits that left it unscored), when the
  // questions stayed the same in between.
  const scored = points.flatMap((p, i) => (p?.score != null ? [i] : []));
  const [b, l] = scored.slice(-2);
  const sameQuestions =
    b !== undefined && l === points.length - 1 && points.slice(b + 1, l + 1).every((p) => p === null || p.comparable);
  const change = sameQuestions ? round1(points[l]!.score! - points[b]!.score!) : null;
  return {
    id,
    title,
    ...(area !== undefined && { area }),
    points,
    change,
    trend: change === null ? null : trendOf(change),
  };
}

/**
 * Builds the history from audits already scored, in the order given (the command sorts them by
 * date). Rows follow the latest bank; an element or area only in older banks comes after.
 */
export function buildHistory(
  audits: readonly ScoredAudit[],
  toolVersion: string,
  loop: Pick<HistoryModel, 'plan' | 'pulse'> = { plan: null, pulse: null },
): HistoryModel {
  const latest = audits[audits.length - 1]!;
  const order = <T extends { id: string }>(pick: (a: ScoredAudit) => T[]) => {
    const seen = new Map<string, T>();
    for (const a of [...audits].reverse()) for (const x of pick(a)) if (!seen.has(x.id)) seen.set(x.id, x);
    return [...seen.values()];
  };
  const elementRows = order((a) => a.report.elements).map((e) =>
    row(
      e.id,
      e.title,
      audits.map((a) => {
        const scored = a.report.elements.find((x) => x.id === e.id);
        const def = a.bank.areas.flatMap((ar) => ar.elements).find((x) => x.id === e.id);
        return scored && def ? { key: elementKey(def, a.bank), score: scored.score, band: scored.band } : undefined;
      }),
      e.area,
    ),
  );
  const areaRows = order((a) => a.report.areas).map((ar) =>
    row(
      ar.id,
      ar.title,
      audits.map((a) => {
        const scored = a.report.areas.find((x) => x.id === ar.id);
        const def = a.bank.areas.find((x) => x.id === ar.id);
        return scored && def ? { key: areaKey(def, a.bank), score: scored.score, band: scored.band } : undefined;
      }),
    ),
  );
  const overall = row(
    'overall',
    'Overall',
    audits.map((a) => ({ key: bankKey(a.bank), score: a.report.overall.score, band: a.report.overall.band })),
  );
  return {
    schema: 'history',
    schemaVersion: 2,
    tool: { name: 'service-audit', version: toolVersion },
    organization: audits.map((a) => a.report.answers.organization).find((o) => o) ?? null,
    bands: latest.report.bands,
    audits: audits.map((a) => ({
      file: a.report.answers.file,
      sha256: a.report.answers.sha256,
      date: a.report.answers.date ?? '',
      bank: `${a.report.bank.id}@${a.report.bank.version}`,
      respondent: a.report.answers.respondent,
      answered: a.report.completeness.answered,
      questions: a.report.completeness.questions,
    })),
    overall,
    areas: areaRows,
    elements: elementRows,
    comparability: comparability(audits, overall, elementRows),
    plan: loop.plan,
    pulse: loop.pulse,
  };
}

/** Sentences saying where the bank changed and what was compared across each change. */
function comparability(audits: readonly ScoredAudit[], overall: HistoryRow, elements: readonly HistoryRow[]): string[] {
  const out: string[] = [];
  for (let i = 1; i < audits.length; i++) {
    const [from, to] = [audits[i - 1]!.report, audits[i]!.report];
    const fromRef = `${from.bank.id}@${from.bank.version}`;
    const toRef = `${to.bank.id}@${to.bank.version}`;
    if (fromRef === toRef && overall.points[i]!.comparable) continue;
    const same = elements.filter((e) => e.points[i - 1] && e.points[i]?.comparable).map((e) => e.title);
    const changed = elements
      .filter((e) => e.points[i - 1] && e.points[i] && !e.points[i]!.comparable)
      .map((e) => e.title);
    const added = elements.filter((e) => !e.points[i - 1] && e.points[i]).map((e) => e.title);
    const dropped = elements.filter((e) => e.points[i - 1] && !e.points[i]).map((e) => e.title);
    const parts = [
      `From ${from.answers.date} (${fromRef}) to ${to.answers.date} (${toRef}) the questions changed, so only like is compared with like.`,
    ];
    if (!overall.points[i]!.comparable) parts.push('The overall and area scores are not compared across this change.');
    if (same.length) parts.push(`Same questions, compared: ${same.join(', ')}.`);
    if (changed.length) parts.push(`Questions changed, not compared: ${changed.join(', ')}.`);
    if (added.length) parts.push(`New: ${added.join(', ')}.`);
    if (dropped.length) parts.push(`No longer asked: ${dropped.join(', ')}.`);
    out.push(parts.join(' '));
  }
  return out;
}
