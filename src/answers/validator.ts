import { parse } from 'yaml';
import { bankRef, questionsOf } from '../bank/queries.js';
import type { Bank } from '../bank/schema.js';
import type { Problem } from '../errors.js';
import { hasControlCharacters } from '../validation/document.js';
import { normaliseAnswer, parseAnswers } from './parse.js';
import { answersFileSchema, type Answer, type Answers, type AnswersInput } from './schema.js';

/** As in src/validation/document.ts: far more than any answers file needs, far less than an alias bomb. */
const MAX_ALIAS_COUNT = 100;

/**
 * A validator for many answers files against one bank, for pooling: the question map and the
 * schema are built once, and a file is read with the plain `yaml` parser (no node positions).
 * Only a file that fails is read again by `parseAnswers`, which finds every problem with its
 * line and column; so a good file costs little more than YAML.parse, and a bad one is reported
 * exactly as `validate` would report it. Pure.
 */
export function answersValidator(
  bank: Bank,
): (file: string, source: string) => { answers?: Answers; problems: Problem[] } {
  const byId = new Map(questionsOf(bank).map((x) => [x.question.id, x.question]));
  const ref = bankRef(bank);
  const schema = answersFileSchema();
  const slow = (file: string, source: string) => {
    const { parsed, problems } = parseAnswers(file, source, bank);
    return parsed ? { answers: parsed.answers, problems } : { problems };
  };
  return (file, source) => {
    // The plain parser lets raw control characters through; the full one refuses them, located.
    if (hasControlCharacters(source)) return slow(file, source);
    let data: unknown;
    try {
      // uniqueKeys (the default) throws on a duplicate key, as the full parser reports one.
      data = plainYaml(source) ?? parse(source, { maxAliasCount: MAX_ALIAS_COUNT, logLevel: 'error' });
    } catch {
      return slow(file, source);
    }
    let d: AnswersInput;
    if (plainShape(data, ref)) d = data;
    else {
      // Anything unusual (a date to check against the calendar, an unknown key…): the schema decides.
      const checked = schema.safeParse(data);
      if (!checked.success || checked.data.bank !== ref) return slow(file, source);
      d = checked.data;
    }
    const answers: Record<string, Answer> = {};
    for (const [id, raw] of Object.entries(d.answers ?? {})) {
      const q = byId.get(id);
      if (!q) return slow(file, source);
      const { answer, error } = normaliseAnswer(q, raw);
      if (error) return slow(file, source);
      if (answer) answers[id] = answer;
    }
    return {
      answers: {
        bank: d.bank,
        ...(d.organization !== undefined && { organization: d.organization }),
        ...(d.respondent !== undefined && { respondent: d.respondent }),
        ...(d.group !== undefined && { group: d.group }),
        ...(d.role !== undefined && { role: d.role }),
        ...(d.date !== undefined && { date: d.date }),
        answers,
      },
      problems: [],
    };
  };
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isScalar = (x: unknown) => typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean';
const PLAIN_KEYS = new Set(['bank', 'organization', 'respondent', 'group', 'role', 'answers']);

/**
 * The common shape of a pulse file, checked by hand because it is most of the cost of pooling many
 * small files: only keys the schema allows, each of the type the schema wants (group already
 * trimmed and 1-100 characters). Accepts a strict subset of what the schema accepts, so anything
 * else (a date, an unknown key, a value of another type) goes to the schema, which decides and
 * words the problem; a unit test holds the two paths to the same answers.
 */
function plainShape(d: unknown, ref: string): d is AnswersInput {
  if (!isObject(d) || d.bank !== ref) return false;
  for (const k of Object.keys(d)) if (!PLAIN_KEYS.has(k)) return false;
  if (d.organization !== undefined && typeof d.organization !== 'string') return false;
  if (d.respondent !== undefined && typeof d.respondent !== 'string') return false;
  if (
    d.group !== undefined &&
    (typeof d.group !== 'string' || d.group !== d.group.trim() || d.group.length < 1 || d.group.length > 100)
  )
    return false;
  if (d.role !== undefined && d.role !== 'lead') return false;
  const answers = d.answers;
  if (answers === undefined || answers === null) return true;
  if (!isObject(answers)) return false;
  for (const a of Object.values(answers)) {
    if (a === null || isScalar(a)) continue;
    if (!isObject(a)) return false;
    for (const k of Object.keys(a)) if (k !== 'value' && k !== 'na' && k !== 'note') return false;
    if (a.note !== undefined && typeof a.note !== 'string') return false;
    if ('value' in a === 'na' in a) return false;
    if ('value' in a && !isScalar(a.value)) return false;
    if ('na' in a && a.na !== null && typeof a.na !== 'string') return false;
  }
  return true;
}

/** A plain scalar that YAML reads as text whatever its letters, but for the words below. */
const PLAIN_WORD = /^[A-Za-z][A-Za-z0-9._@-]*$/;
/** Words YAML's core schema reads as null or a boolean (in any case, to be safe). */
const NOT_TEXT = /^(?:null|true|false)$/i;
const TOP = /^([a-z][a-z0-9._-]*):(?: (.*))?$/;
const ENTRY = /^( +)([a-z][a-z0-9._-]*):(?: (.*))?$/;
/** An answer with a note, as service-audit writes it: `{ value: agree, note: "text without escapes" }`. */
const WITH_NOTE = /^\{ value: ([^\s,{}[\]]+), note: "([^"\\]*)" \}$/;

/** One value on a line: a word, a whole number or a double-quoted text without escapes; else undefined. */
function plainScalar(v: string | undefined): string | number | null | undefined {
  if (v === undefined) return null;
  if (PLAIN_WORD.test(v)) return NOT_TEXT.test(v) ? undefined : v;
  if (/^(?:0|[1-9][0-9]{0,14})$/.test(v)) return Number(v);
  if (v.length >= 2 && v.startsWith('"') && v.endsWith('"')) {
    const inner = v.slice(1, -1);
    return /["\\]/.test(inner) ? undefined : inner;
  }
  return undefined;
}

/**
 * The data of a file in the plainest form answers files take (the form service-audit writes:
 * top-level `key: value` lines, comments, and an `answers:` block of `  id: value` lines, a note
 * as `{ value: v, note: "text" }`), read
 * line by line, about ten times faster than a YAML parser builds a document. Anything else
 * (a flow mapping, a quoted text with escapes, a tab, CRLF, a number with a sign or a point, a
 * repeated key, a word YAML reads as a boolean or null) gives undefined, and the file goes to the
 * YAML parser; what this returns is what YAML.parse returns for the same text, which the
 * differential property test holds it to (tests/unit/answers-validator.property.test.ts).
 */
export function plainYaml(source: string): Record<string, unknown> | undefined {
  if (source.includes('\r') || source.includes('\t') || source.charCodeAt(0) === 0xfeff) return undefined;
  const out: Record<string, unknown> = {};
  // The entries of `answers:` (a block of them), the block open now, and how far entries are indented.
  let answers: Record<string, unknown> | undefined;
  let block: Record<string, unknown> | undefined;
  let indent = '';
  for (const line of source.split('\n')) {
    if (line === '' || /^ *#/.test(line)) continue;
    if (line.startsWith(' ')) {
      const m = block && ENTRY.exec(line);
      if (!m || !block || (indent !== '' && m[1] !== indent)) return undefined;
      indent = m[1]!;
      const [, , key, raw] = m as unknown as [string, string, string, string | undefined];
      if (NOT_TEXT.test(key) || Object.hasOwn(block, key)) return undefined;
      const noted = raw === undefined ? null : WITH_NOTE.exec(raw);
      const value = plainScalar(noted ? noted[1] : raw);
      if (value === undefined) return undefined;
      block[key] = noted ? { value, note: noted[2]! } : value;
      continue;
    }
    const m = TOP.exec(line);
    if (!m) return undefined;
    const [, key, raw] = m as unknown as [string, string, string | undefined];
    if (NOT_TEXT.test(key) || Object.hasOwn(out, key)) return undefined;
    block = undefined;
    if (key === 'answers' && raw === undefined) {
      answers = block = {};
      out.answers = null;
      continue;
    }
    if (key === 'answers' && raw === '{}') {
      out.answers = {};
      continue;
    }
    const value = plainScalar(raw);
    if (value === undefined || value === null) return undefined;
    out[key] = value;
  }
  // An `answers:` block with entries is a mapping; with none, YAML reads null.
  if (answers && Object.keys(answers).length > 0) out.answers = answers;
  // A file of comments alone is no mapping at all.
  return Object.keys(out).length > 0 ? out : undefined;
}
