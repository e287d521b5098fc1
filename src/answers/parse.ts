import type { Problem } from '../errors.js';
import type { RuleProblem } from '../validation/rules.js';
import type { Bank, Migration, Question } from '../bank/schema.js';
import { allQuestionsOf, bankRef } from '../bank/queries.js';
import { closest, didYouMean } from '../validation/closest.js';
import { validateYaml } from '../validation/validate.js';
import { numberFromText } from '../bank/number.js';
import { percentFromText } from './percent.js';
import { answersFileSchema, type Answer, type Answers, type AnswersInput } from './schema.js';

/** A validated answers file with the line of each answer (for annotations that point at it). */
export interface ParsedAnswers {
  answers: Answers;
  /** Line and column of each answered question's key, by question id. */
  positions: Record<string, { line: number; col: number }>;
  /** Where the `answers:` key stands (for findings about missing answers). */
  anchor: { line: number; col: number };
  /** Set when the file was given against an earlier version of the bank and mapped to this one. */
  upgrade?: Upgrade;
}

/** The values a question accepts, as shown in errors and templates. */
export function allowedValues(q: Question): string {
  if (q.type === 'number') return numberRange(q);
  return q.type === 'percent' ? 'a number from 0 to 100' : q.options!.map((o) => o.value).join(', ');
}

/** What a number question accepts, in words: "a number of minutes, 0 or more" or "…, from 0 to 600". */
function numberRange(q: Question): string {
  const of = q.unit && q.unit !== '%' ? ` of ${q.unit}` : q.unit === '%' ? ' (%)' : '';
  return `a number${of}, ${q.max === undefined ? '0 or more' : `from 0 to ${q.max}`}`;
}

/** A number answer (a count, a time, a rate), or why it is not one. */
function numberAnswer(q: Question, value: unknown): { value?: number; message?: string; fix?: string } {
  const n = typeof value === 'string' ? (numberFromText(value) ?? value) : value;
  const fix = `write ${numberRange(q)}, e.g. ${q.max === undefined ? 12 : Math.min(12, q.max)}; or { na: "we don't measure this" }`;
  if (typeof n !== 'number' || !Number.isFinite(n))
    return { message: `${q.id} is a number question; ${JSON.stringify(value)} is not a number`, fix };
  if (n < 0) return { message: `${q.id}: ${n} is below 0`, fix };
  if (q.max !== undefined && n > q.max)
    return { message: `${q.id}: ${n} is more than the largest plausible value, ${q.max}`, fix };
  return { value: n };
}

/** Turns one raw answer into an Answer, or says why it is not one (shared with the fast pool path). */
export function normaliseAnswer(
  q: Question,
  raw: unknown,
): { answer?: Answer; error?: { path: PropertyKey[]; message: string; fix: string } } {
  if (raw === null || raw === undefined) return {};
  // Evidence and the day the answer was given travel with it, whatever its kind.
  const kept = keptOf(raw);
  if (typeof raw === 'object' && 'na' in raw) {
    const { na, note } = raw as { na: string | null; note?: string };
    if (!na || na.trim() === '')
      return {
        error: {
          path: ['na'],
          message: `${q.id} is marked not applicable without a reason`,
          fix: 'say why it does not apply, e.g. { na: "we have no premises" }',
        },
      };
    return { answer: { na: na.trim(), ...(note ? { note } : {}), ...kept } };
  }
  const { value, note } =
    typeof raw === 'object' ? (raw as { value: unknown; note?: string }) : { value: raw, note: undefined };
  const sub = typeof raw === 'object' ? ['value'] : [];
  const withNote = (v: string | number): Answer => ({ value: v, ...(note ? { note } : {}), ...kept });
  if (q.type === 'number') {
    const n = numberAnswer(q, value);
    return n.value === undefined
      ? { error: { path: sub, message: n.message!, fix: n.fix! } }
      : { answer: withNote(n.value) };
  }
  if (q.type === 'percent') {
    // "45%" as the prompt accepts it; a number stays as it is.
    const pct = typeof value === 'string' ? (percentFromText(value) ?? value) : value;
    if (typeof pct !== 'number' || !Number.isFinite(pct))
      return {
        error: {
          path: sub,
          message: `${q.id} is a percent question; ${JSON.stringify(value)} is not a number`,
          fix: 'write a number from 0 to 100, e.g. 45',
        },
      };
    if (pct < 0 || pct > 100)
      return { error: { path: sub, message: `${q.id}: ${pct} is outside 0-100`, fix: 'write a number from 0 to 100' } };
    return { answer: withNote(pct) };
  }
  const v = q.type === 'yesno' && typeof value === 'boolean' ? (value ? 'yes' : 'no') : value;
  const values = q.options!.map((o) => o.value);
  if (typeof v === 'string' && values.includes(v)) return { answer: withNote(v) };
  const near = typeof v === 'string' ? closest(v, values) : undefined;
  return {
    error: {
      path: sub,
      message: `${JSON.stringify(v)} is not an answer to ${q.id}`,
      fix: near
        ? `${didYouMean(near)} (allowed: ${values.join(', ')}, or { na: reason })`
        : `use one of ${values.join(', ')}, or { na: reason }`,
    },
  };
}

/** The evidence and date an answer in the file carries (both optional). */
function keptOf(raw: unknown): Pick<Answer, 'evidence' | 'date'> {
  if (typeof raw !== 'object' || raw === null) return {};
  const { evidence, date } = raw as { evidence?: unknown; date?: unknown };
  return {
    ...(typeof evidence === 'string' && evidence.trim() !== '' && { evidence: evidence.trim() }),
    ...(typeof date === 'string' && { date }),
  };
}

/** What mapping an answers file from an earlier version of its bank did (in memory). */
export interface Upgrade {
  /** The bank id@version the file was given against. */
  from: string;
  to: string;
  renamed: { from: string; to: string }[];
  split: { from: string; to: string[] }[];
  /** Answers to questions the new version no longer asks, as written in the file. */
  removed: { id: string; answer: Answer }[];
  /** Answers whose value the migration translated to the new scale or options. */
  values: { id: string; from: string; to: string }[];
  /** Questions of the new version that are new and unanswered: no answer carried over, and not listed in the old file. */
  newQuestions: string[];
}

/** The migration that maps answers given against `ref` to this bank, if the bank declares one. */
export function migrationFor(bank: Bank, ref: string): Migration | undefined {
  const [id, version] = ref.split('@');
  if (id !== bank.id || Number(version) >= bank.version) return undefined;
  return bank.migrations?.find((m) => m.from === Number(version));
}

/** Where an old id's answer goes: a renamed or split id, nowhere (removed), or the same id. */
export function targetsOf(m: Migration | undefined, id: string): string[] {
  if (!m) return [id];
  if (Object.hasOwn(m.renamed, id)) return [m.renamed[id]!];
  if (Object.hasOwn(m.split, id)) return m.split[id]!;
  if (m.removed.includes(id)) return [];
  return [id];
}

/** A removed answer kept as written, loosely (it is no longer checked against any question). */
function looseAnswer(raw: unknown): Answer | undefined {
  if (raw === null || raw === undefined) return undefined;
  if (typeof raw !== 'object')
    return { value: typeof raw === 'boolean' ? (raw ? 'yes' : 'no') : (raw as string | number) };
  const r = raw as { value?: unknown; na?: unknown; note?: unknown };
  const note = typeof r.note === 'string' && r.note !== '' ? { note: r.note } : {};
  if (typeof r.na === 'string') return { na: r.na, ...note };
  return r.value === undefined || r.value === null
    ? undefined
    : { value: typeof r.value === 'boolean' ? (r.value ? 'yes' : 'no') : (r.value as string | number), ...note };
}

/**
 * Validates an answers file's text against a bank; returns the answers or every problem. A file
 * given against an earlier version of the same bank is mapped by the bank's migration from that
 * version (renamed, split, removed, values) and its `upgrade` says what changed; problems still
 * point at the line of the old answer. Pure.
 */
export function parseAnswers(
  file: string,
  source: string,
  bank: Bank,
): { parsed?: ParsedAnswers; problems: Problem[] } {
  const byId = new Map(allQuestionsOf(bank).map((x) => [x.question.id, x.question]));
  // No prototype: a question may be called "constructor" or "toString".
  const result: Record<string, Answer> = Object.create(null) as Record<string, Answer>;
  const positionKey: Record<string, string> = Object.create(null) as Record<string, string>;
  let upgrade: Upgrade | undefined;
  const againstBank = (data: AnswersInput): RuleProblem[] => {
    const out: RuleProblem[] = [];
    const migration = migrationFor(bank, data.bank);
    if (data.bank !== bankRef(bank) && !migration) {
      const sameBank = data.bank.split('@')[0] === bank.id;
      const older = sameBank && Number(data.bank.split('@')[1]) < bank.version;
      out.push({
        path: ['bank'],
        message: `these answers were given against "${data.bank}" but the bank is "${bankRef(bank)}"${older ? `, which has no migration from version ${data.bank.split('@')[1]}` : ''}`,
        fix: sameBank
          ? `check the answers still fit version ${bank.version}, then change "bank:" to "${bankRef(bank)}"`
          : 'pass --bank with the bank these answers were given against',
      });
    }
    const up: Upgrade | undefined = migration && {
      from: data.bank,
      to: bankRef(bank),
      renamed: [],
      split: [],
      removed: [],
      values: [],
      newQuestions: [],
    };
    const listed = new Set<string>();
    for (const [id, raw] of Object.entries(data.answers ?? {})) {
      const targets = targetsOf(migration, id);
      if (up && migration) {
        if (Object.hasOwn(migration.renamed, id)) up.renamed.push({ from: id, to: migration.renamed[id]! });
        else if (Object.hasOwn(migration.split, id)) up.split.push({ from: id, to: [...migration.split[id]!] });
        else if (targets.length === 0) {
          const kept = looseAnswer(raw);
          if (kept) up.removed.push({ id, answer: kept });
        }
      }
      for (const to of targets) {
        listed.add(to);
        const q = byId.get(to);
        const mapped = to !== id ? ` (mapped from ${id} by the bank's migration from version ${migration!.from})` : '';
        if (!q) {
          // A typo of an old id is as likely as one of a new id.
          const near = closest(id, [
            ...byId.keys(),
            ...(migration
              ? [...Object.keys(migration.renamed), ...Object.keys(migration.split), ...migration.removed]
              : []),
          ]);
          out.push({
            path: ['answers', id],
            key: true,
            message: `unknown question id "${to}"${mapped}`,
            fix: near
              ? didYouMean(near)
              : migration
                ? `the bank's migration from version ${migration.from} does not say where "${id}" goes: remove it, or report this to the bank's author`
                : 'remove it, or run `service-audit bank` to list the question ids',
          });
          continue;
        }
        // A changed scale: translate the old value, as the migration says.
        let value = raw;
        const table = migration && Object.hasOwn(migration.values, to) ? migration.values[to] : undefined;
        if (table) {
          const old =
            raw !== null && typeof raw === 'object' && 'value' in raw ? (raw as { value: unknown }).value : raw;
          const now = typeof old === 'string' && Object.hasOwn(table, old) ? table[old] : undefined;
          if (now !== undefined) {
            value = raw !== null && typeof raw === 'object' ? { ...(raw as object), value: now } : now;
            up?.values.push({ id: to, from: old as string, to: now });
          }
        }
        const { answer, error } = normaliseAnswer(q, value);
        if (error)
          out.push({ path: ['answers', id, ...error.path], message: `${error.message}${mapped}`, fix: error.fix });
        else if (answer) {
          result[to] = answer;
          positionKey[to] = id;
        }
      }
    }
    if (up) {
      // The bank may say which questions are new; else: no answer carried over, and the old file does not list it.
      const added = migration!.added;
      up.newQuestions = [...byId.keys()].filter(
        (id) => !Object.hasOwn(result, id) && (added ? added.includes(id) : !listed.has(id)),
      );
      upgrade = up;
    }
    return out;
  };
  const { data, doc, problems } = validateYaml(file, source, answersFileSchema(), [againstBank]);
  if (!data || !doc) return { problems };
  const positions: ParsedAnswers['positions'] = {};
  for (const id of Object.keys(result)) positions[id] = doc.keyPositionOf(['answers', positionKey[id] ?? id]);
  const answers: Answers = {
    // Mapped answers belong to this version from now on (in memory; `upgrade` rewrites the file).
    bank: upgrade ? bankRef(bank) : data.bank,
    ...(data.organization !== undefined && { organization: data.organization }),
    ...(data.respondent !== undefined && { respondent: data.respondent }),
    ...(data.group !== undefined && { group: data.group }),
    ...(data.role !== undefined && { role: data.role }),
    ...(data.date !== undefined && { date: data.date }),
    answers: result,
  };
  return {
    parsed: { answers, positions, anchor: doc.keyPositionOf(['answers']), ...(upgrade && { upgrade }) },
    problems,
  };
}
