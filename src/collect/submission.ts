import { parseAnswers } from '../answers/parse.js';
import type { Answer } from '../answers/schema.js';
import { bankRef, questionsOf } from '../bank/queries.js';
import type { Area, Bank, Element, Question } from '../bank/schema.js';
import { yamlQuoted, yamlString } from '../text/escape.js';

/** One question the form asks, with where it stands in the bank. */
export interface FormItem {
  area: Area;
  element: Element;
  question: Question;
}

/** The value of the "not applicable" choice; option values are ids, so it cannot clash with one. */
export const NOT_APPLICABLE = 'n/a';
export const REASON_MAX = 500;
export const NOTE_MAX = 1000;

/** What the person entered, kept as typed so an invalid form comes back with every value in it. */
export interface FormState {
  values: Record<string, string>;
  reasons: Record<string, string>;
  notes: Record<string, string>;
}

export const emptyState = (): FormState => ({
  values: Object.create(null),
  reasons: Object.create(null),
  notes: Object.create(null),
});

/** The questions a collect session asks: one audience (default team), optionally some areas. */
export function formItems(bank: Bank, o: { audience: 'team' | 'lead' | 'all'; areas?: readonly string[] }): FormItem[] {
  return questionsOf(bank).filter(
    (x) => (o.audience === 'all' || x.question.audience === o.audience) && (!o.areas || o.areas.includes(x.area.id)),
  );
}

/** Free text from a form field: one line (reasons) or several (notes), at most `max` characters; controls dropped. */
function clean(text: string, multiline: boolean, max: number): string {
  const t = text.replace(/\r\n?/g, '\n');
  const kept = multiline ? t.replace(/[^\S\n]+/g, ' ').replace(/\n{3,}/g, '\n\n') : t.replace(/\s+/g, ' ');
  // Control characters (C0 but newline, DEL, C1), zero-width and direction marks, bidi overrides,
  // separators and lone surrogates have no place in an answer.
  const plain = kept.replace(
    /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u061C\u180E\u200B-\u200F\u2028-\u202E\u2060-\u2069\uFEFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    '',
  );
  // Cut by code points (never inside a surrogate pair), then trim, so what is stored reads back the same.
  return Array.from(plain.trim()).slice(0, max).join('').trim();
}

/** A number as typed ("12", "2.5", "2,5"), or undefined when it is not one from 0 to `max`. */
export function numberOf(text: string, max: number | undefined): number | undefined {
  const m = /^(\d{1,15}(?:[.,]\d+)?)$/.exec(text.trim());
  if (!m) return undefined;
  const n = Number(m[1]!.replace(',', '.'));
  return Number.isFinite(n) && (max === undefined || n <= max) ? n : undefined;
}

/** What a number question asks for, in words: "a number of minutes, from 0 to 1440". */
export function numberWords(q: Question): string {
  const unit = q.unit && q.unit !== '%' ? ` of ${q.unit}` : q.unit === '%' ? ' (%)' : '';
  return `a number${unit}, ${q.max === undefined ? '0 or more' : `from 0 to ${q.max}`}`;
}

/** A percent as typed ("45", "45.5", "45 %"), or undefined when it is not one from 0 to 100. */
export function percentOf(text: string): number | undefined {
  const m = /^(\d{1,3}(?:[.,]\d+)?)\s*%?$/.exec(text.trim());
  if (!m) return undefined;
  const n = Number(m[1]!.replace(',', '.'));
  return n >= 0 && n <= 100 ? n : undefined;
}

export interface Submission {
  state: FormState;
  /** By question id; present only when the whole form is valid. */
  answers?: Record<string, Answer>;
  /** Problems by question id, in the person's words. */
  errors: Record<string, string>;
  /** A problem with the form as a whole. */
  formError?: string;
}

/**
 * Reads a submitted form against the questions it showed: every problem by question, every
 * value kept. Fields for questions the form did not show are ignored. Pure.
 */
export function readSubmission(items: readonly FormItem[], fields: URLSearchParams): Submission {
  const state = emptyState();
  const errors: Record<string, string> = Object.create(null);
  const answers: Record<string, Answer> = Object.create(null);
  for (const { question: q } of items) {
    const chosen = fields.getAll(`q:${q.id}`).map((v) => v.trim());
    const value = chosen.includes(NOT_APPLICABLE) ? NOT_APPLICABLE : (chosen.find((v) => v !== '') ?? '');
    const reason = clean(fields.get(`na:${q.id}`) ?? '', false, REASON_MAX);
    const note = clean(fields.get(`note:${q.id}`) ?? '', true, NOTE_MAX);
    if (value) state.values[q.id] = value.slice(0, 200);
    if (reason) state.reasons[q.id] = reason;
    if (note) state.notes[q.id] = note;
    const withNote = (a: Answer): Answer => (note ? { ...a, note } : a);
    if (value === '') {
      if (note) errors[q.id] = 'You wrote a comment but chose no answer: choose one, or clear the comment.';
      continue;
    }
    if (value === NOT_APPLICABLE) {
      if (!reason) errors[q.id] = 'Say briefly why it does not apply to you, or choose an answer.';
      else answers[q.id] = withNote({ na: reason });
      continue;
    }
    if (q.type === 'number') {
      const n = numberOf(value, q.max);
      if (n === undefined) errors[q.id] = `Write ${numberWords(q)}.`;
      else answers[q.id] = withNote({ value: n });
      continue;
    }
    if (q.type === 'percent') {
      const n = percentOf(value);
      if (n === undefined) errors[q.id] = 'Write a number from 0 to 100.';
      else answers[q.id] = withNote({ value: n });
      continue;
    }
    if (!q.options!.some((o) => o.value === value)) errors[q.id] = 'Choose one of the answers.';
    else answers[q.id] = withNote({ value });
  }
  const formError =
    Object.keys(errors).length === 0 && Object.keys(answers).length === 0
      ? 'Answer at least one question before you send.'
      : undefined;
  return {
    state,
    errors,
    ...(formError && { formError }),
    ...(!formError && Object.keys(errors).length === 0 && { answers }),
  };
}

/** What a stored response says: its random id, the bank, the day, the group and the answers. Nothing else. */
export interface Response {
  /** Random (see store.ts): a pool counts a response once however many copies of it it is given. */
  id: string;
  date: string;
  group?: string;
  answers: Record<string, Answer>;
}

const scalar = (v: string | number) => (typeof v === 'number' ? String(v) : yamlString(v));

/** The answers file of one response, in the order the form asked. Pure. */
export function responseText(bank: Bank, items: readonly FormItem[], r: Response): string {
  const lines = [
    '# One response to a team pulse, collected by service-audit.',
    '# Stored: the bank, the day, the group and the answers. No name, no address, no time of day.',
    `# response id: ${r.id}`,
    `bank: ${yamlString(bankRef(bank))}`,
    `date: ${r.date}`,
    ...(r.group !== undefined ? [`group: ${yamlQuoted(r.group)}`] : []),
    'answers:',
  ];
  for (const { question: q } of items) {
    const a = r.answers[q.id];
    if (!a) continue;
    const note = a.note !== undefined ? `, note: ${yamlQuoted(a.note)}` : '';
    const body =
      a.na !== undefined
        ? `{ na: ${yamlQuoted(a.na)}${note} }`
        : note
          ? `{ value: ${scalar(a.value!)}${note} }`
          : scalar(a.value!);
    lines.push(`  ${yamlQuoted(q.id)}: ${body}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The response as the text of an answers file, checked by the same parser that reads answers
 * files, so that what is stored is exactly what `report` will read back. Throws on a mismatch,
 * which would be a bug here, never the person's fault.
 */
export function responseFile(bank: Bank, items: readonly FormItem[], r: Response): string {
  const text = responseText(bank, items, r);
  const { parsed, problems } = parseAnswers('response.yaml', text, bank);
  const back = parsed?.answers.answers ?? {};
  const same =
    parsed &&
    Object.keys(r.answers).every((id) => JSON.stringify(back[id]) === JSON.stringify(r.answers[id])) &&
    Object.keys(back).length === Object.keys(r.answers).length;
  if (!same)
    throw new Error(
      `a collected response does not read back as written: ${problems.map((p) => p.message).join('; ') || 'answers differ'}`,
    );
  return text;
}
