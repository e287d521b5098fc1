import type { Problem } from '../errors.js';
import type { RuleProblem } from '../validation/rules.js';
import type { Bank, Question } from '../bank/schema.js';
import { allQuestionsOf, bankRef } from '../bank/load.js';
import { closest } from '../validation/closest.js';
import { validateYaml } from '../validation/validate.js';
import { percentFromText } from './percent.js';
import { answersFileSchema, type Answer, type Answers, type AnswersInput } from './schema.js';

/** A validated answers file with the line of each answer (for annotations that point at it). */
export interface ParsedAnswers {
  answers: Answers;
  /** Line and column of each answered question's key, by question id. */
  positions: Record<string, { line: number; col: number }>;
  /** Where the `answers:` key stands (for findings about missing answers). */
  anchor: { line: number; col: number };
}

/** The values a question accepts, as shown in errors and templates. */
export function allowedValues(q: Question): string {
  return q.type === 'percent' ? 'a number from 0 to 100' : q.options!.map((o) => o.value).join(', ');
}

/** Turns one raw answer into an Answer, or says why it is not one (shared with the fast pool path). */
export function normaliseAnswer(q: Question, raw: unknown): { answer?: Answer; error?: { path: PropertyKey[]; message: string; fix: string } } {
  if (raw === null || raw === undefined) return {};
  if (typeof raw === 'object' && 'na' in raw) {
    const { na, note } = raw as { na: string | null; note?: string };
    if (!na || na.trim() === '') return { error: { path: ['na'], message: `${q.id} is marked not applicable without a reason`, fix: 'say why it does not apply, e.g. { na: "we have no premises" }' } };
    return { answer: { na: na.trim(), ...(note ? { note } : {}) } };
  }
  const { value, note } = typeof raw === 'object' ? (raw as { value: unknown; note?: string }) : { value: raw, note: undefined };
  const sub = typeof raw === 'object' ? ['value'] : [];
  const withNote = (v: string | number): Answer => ({ value: v, ...(note ? { note } : {}) });
  if (q.type === 'percent') {
    // "45%" as the prompt accepts it; a number stays as it is.
    const pct = typeof value === 'string' ? (percentFromText(value) ?? value) : value;
    if (typeof pct !== 'number' || !Number.isFinite(pct))
      return { error: { path: sub, message: `${q.id} is a percent question; ${JSON.stringify(value)} is not a number`, fix: 'write a number from 0 to 100, e.g. 45' } };
    if (pct < 0 || pct > 100) return { error: { path: sub, message: `${q.id}: ${pct} is outside 0-100`, fix: 'write a number from 0 to 100' } };
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
      fix: near ? `did you mean "${near}"? (allowed: ${values.join(', ')}, or { na: reason })` : `use one of ${values.join(', ')}, or { na: reason }`,
    },
  };
}

/** Validates an answers file's text against a bank; returns the answers or every problem. Pure. */
export function parseAnswers(file: string, source: string, bank: Bank): { parsed?: ParsedAnswers; problems: Problem[] } {
  const byId = new Map(allQuestionsOf(bank).map((x) => [x.question.id, x.question]));
  // No prototype: a question may be called "constructor" or "toString".
  const result: Record<string, Answer> = Object.create(null) as Record<string, Answer>;
  const againstBank = (data: AnswersInput): RuleProblem[] => {
    const out: RuleProblem[] = [];
    if (data.bank !== bankRef(bank))
      out.push({
        path: ['bank'],
        message: `these answers were given against "${data.bank}" but the bank is "${bankRef(bank)}"`,
        fix: data.bank.split('@')[0] === bank.id ? `check the answers still fit version ${bank.version}, then change "bank:" to "${bankRef(bank)}"` : 'pass --bank with the bank these answers were given against',
      });
    for (const [id, raw] of Object.entries(data.answers ?? {})) {
      const q = byId.get(id);
      if (!q) {
        const near = closest(id, [...byId.keys()]);
        out.push({ path: ['answers', id], key: true, message: `unknown question id "${id}"`, fix: near ? `did you mean "${near}"?` : 'remove it, or run `service-audit bank` to list the question ids' });
        continue;
      }
      const { answer, error } = normaliseAnswer(q, raw);
      if (error) out.push({ path: ['answers', id, ...error.path], message: error.message, fix: error.fix });
      else if (answer) result[id] = answer;
    }
    return out;
  };
  const { data, doc, problems } = validateYaml(file, source, answersFileSchema(), [againstBank]);
  if (!data || !doc) return { problems };
  const positions: ParsedAnswers['positions'] = {};
  for (const id of Object.keys(result)) positions[id] = doc.keyPositionOf(['answers', id]);
  const answers: Answers = {
    bank: data.bank,
    ...(data.organization !== undefined && { organization: data.organization }),
    ...(data.respondent !== undefined && { respondent: data.respondent }),
    ...(data.group !== undefined && { group: data.group }),
    ...(data.role !== undefined && { role: data.role }),
    ...(data.date !== undefined && { date: data.date }),
    answers: result,
  };
  return { parsed: { answers, positions, anchor: doc.keyPositionOf(['answers']) }, problems };
}
