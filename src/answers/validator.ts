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
      data = parse(source, { maxAliasCount: MAX_ALIAS_COUNT, logLevel: 'error' });
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
