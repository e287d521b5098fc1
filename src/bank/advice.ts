import { thresholdIndex, targetText, withUnit } from './number.js';
import type { Advice, Bank, Question } from './schema.js';

/** Advice as every report shows it: what to do, the first step, who usually does it (the role's label), how to check. */
export interface ResolvedAdvice {
  text: string;
  firstStep?: string;
  owner?: string;
  check?: string;
}

/** The key an advice entry's `for` lists an answer by: the option value, or "t<i>" for a number's threshold. */
export function adviceKey(q: Question, value: string | number): string {
  return q.type === 'number' ? `t${thresholdIndex(q, Number(value))}` : String(value);
}

/** The `for` key of a number question answered N/A: not measured. */
export const NOT_MEASURED = 'na';

const resolved = (a: Advice, roles: Readonly<Record<string, string>> | undefined): ResolvedAdvice => ({
  text: a.text,
  ...(a.firstStep !== undefined && { firstStep: a.firstStep }),
  ...(a.owner !== undefined && { owner: roles && Object.hasOwn(roles, a.owner) ? roles[a.owner]! : a.owner }),
  ...(a.check !== undefined && { check: a.check }),
});

/**
 * The advice for an answer, the one rule every report uses: the first advice entry whose `for`
 * lists the answer, else the entry without `for`, else `recommendations[value]`, else
 * `recommendation`. Without a value (a pooled mean), the entry without `for`, else the default. Pure.
 */
export function adviceFor(
  q: Question,
  value: string | number | undefined,
  roles?: Readonly<Record<string, string>>,
): ResolvedAdvice {
  const key = value === undefined ? undefined : adviceKey(q, value);
  const entry =
    (key !== undefined ? q.advice?.find((a) => a.for?.includes(key)) : undefined) ?? q.advice?.find((a) => !a.for);
  if (entry) return resolved(entry, roles);
  if (key !== undefined && q.recommendations && Object.hasOwn(q.recommendations, key))
    return { text: q.recommendations[key]! };
  return { text: q.recommendation };
}

/**
 * The advice for a number question answered N/A ("we don't measure this"): the bank's entry for
 * "na", else a plain invitation to start measuring, with the target to measure against.
 */
export function unmeasuredAdvice(q: Question, roles?: Readonly<Record<string, string>>): ResolvedAdvice {
  const entry = q.advice?.find((a) => a.for?.includes(NOT_MEASURED));
  if (entry) return resolved(entry, roles);
  const target = targetText(q);
  return {
    text: `Start measuring this${q.unit ? ` (in ${q.unit})` : ''}, so that you can compare it with ${target ? `the ${target}` : 'a target'}.`,
  };
}

/** One answer level that earns less than full credit, as advice `for` lists name it. */
export interface WeakLevel {
  /** The option value, "t<i>", "na" (a number not measured), or undefined for a percent (any value under full credit). */
  key: string | undefined;
  /** How a person reads it, e.g. "Never" or "more than 10 minutes". */
  label: string;
}

/** Every answer level of a question that earns less than full credit (and, for a number, "not measured"). */
export function weakLevels(q: Question): WeakLevel[] {
  if (q.type === 'percent') return [{ key: undefined, label: 'any share below full credit' }];
  if (q.type === 'number') {
    const list = q.thresholds ?? [];
    const sign = q.better === 'higher' ? '≥' : '≤';
    const levels = list.flatMap((t, i) => {
      if (t.credit >= 1) return [];
      const prev = list[i - 1]?.to;
      const label =
        t.to !== undefined
          ? `${sign} ${withUnit(t.to, q.unit)}`
          : `${q.better === 'higher' ? 'below' : 'above'} ${withUnit(prev ?? 0, q.unit)}`;
      return [{ key: `t${i}`, label }];
    });
    return [...levels, { key: NOT_MEASURED, label: 'not measured' }];
  }
  return (q.options ?? []).filter((o) => o.credit < 1).map((o) => ({ key: o.value, label: o.label }));
}

/** A weak answer level whose advice lacks a first step, an owner or a check. */
export interface AdviceGap {
  questionId: string;
  level: WeakLevel;
  missing: ('advice' | 'firstStep' | 'owner' | 'check')[];
}

/** The advice entry a level resolves to, if any (a level with none falls back to plain recommendations). */
function entryFor(q: Question, key: string | undefined): Advice | undefined {
  if (key === NOT_MEASURED) return q.advice?.find((a) => a.for?.includes(NOT_MEASURED));
  return (key !== undefined ? q.advice?.find((a) => a.for?.includes(key)) : undefined) ?? q.advice?.find((a) => !a.for);
}

/**
 * The bank-level advice check: every weak answer level (credit < 1, and "not measured" for a
 * number) of every scored question (predictions excepted) resolves to advice with a first step, an owner and a check.
 * Returns every gap; an empty list means the bank passes. Pure.
 */
export function adviceGaps(bank: Bank): AdviceGap[] {
  const out: AdviceGap[] = [];
  // A prediction is never scored, so it has no weak answer to advise on.
  for (const a of bank.areas)
    for (const e of a.elements)
      for (const q of e.questions)
        for (const level of q.predicts === undefined ? weakLevels(q) : []) {
          const entry = entryFor(q, level.key);
          const missing: AdviceGap['missing'] = entry
            ? (['firstStep', 'owner', 'check'] as const).filter((k) => entry[k] === undefined)
            : ['advice'];
          if (missing.length > 0) out.push({ questionId: q.id, level, missing });
        }
  return out;
}

/** One line per gap, for a test's failure message: "delivery.chat-reply t2 (> 10 minutes): no owner, check". */
export function describeGap(g: AdviceGap): string {
  const what = g.missing.includes('advice') ? 'no advice entry' : `no ${g.missing.join(', ')}`;
  return `${g.questionId} ${g.level.key ?? '(any)'} (${g.level.label}): ${what}`;
}
