import type { Question, Threshold } from './schema.js';

/** The index of the threshold a value falls in: the first it reaches, else the last (which has no `to`). */
export function thresholdIndex(q: Pick<Question, 'better' | 'thresholds'>, value: number): number {
  const list = q.thresholds ?? [];
  const i = list.findIndex((t) => t.to === undefined || (q.better === 'higher' ? value >= t.to : value <= t.to));
  return i === -1 ? list.length - 1 : i;
}

/** The threshold whose `to` is the target: the first with full credit. */
export function targetThreshold(q: Pick<Question, 'thresholds'>): Threshold | undefined {
  return q.thresholds?.find((t) => t.credit === 1 && t.to !== undefined);
}

/** A number with its unit, as a person reads it: "12 minutes", "85%". */
export function withUnit(value: number | string, unit: string | undefined): string {
  if (!unit) return String(value);
  return unit === '%' ? `${value}%` : `${value} ${unit}`;
}

/** The target as shown beside a value: "target ≤ 2" (better lower) or "target ≥ 90". */
export function targetText(q: Pick<Question, 'better' | 'thresholds'>): string | undefined {
  const t = targetThreshold(q);
  return t ? `target ${q.better === 'higher' ? '≥' : '≤'} ${t.to}` : undefined;
}

/** A number answer as every report shows it: "12 minutes (target ≤ 2)". */
export function numberLabel(q: Pick<Question, 'better' | 'thresholds' | 'unit'>, value: number | string): string {
  const target = targetText(q);
  return `${withUnit(value, q.unit)}${target ? ` (${target})` : ''}`;
}

/**
 * A number as a person types it, in the audit's prompt, a form or an answers file: plain decimal
 * digits ("12", "0.5"). Undefined for anything else: no sign, no "0x32", no "5e1", no unit.
 */
export function numberFromText(input: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)$/.exec(input.trim());
  return m ? Number(m[1]) : undefined;
}
