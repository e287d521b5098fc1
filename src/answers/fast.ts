import { parse } from 'yaml';
import { bankRef, questionsOf } from '../bank/load.js';
import type { Bank } from '../bank/schema.js';
import type { Problem } from '../errors.js';
import { normaliseAnswer, parseAnswers } from './parse.js';
import { answersFileSchema, type Answer, type Answers } from './schema.js';

/** As in src/yaml/document.ts: far more than any answers file needs, far less than an alias bomb. */
const MAX_ALIAS_COUNT = 100;

/**
 * A validator for many answers files against one bank, for pooling: the question map and the
 * schema are built once, and a file is read with the plain `yaml` parser (no node positions).
 * Only a file that fails is read again by `parseAnswers`, which finds every problem with its
 * line and column; so a good file costs little more than YAML.parse, and a bad one is reported
 * exactly as `validate` would report it. Pure.
 */
export function answersValidator(bank: Bank): (file: string, source: string) => { answers?: Answers; problems: Problem[] } {
  const byId = new Map(questionsOf(bank).map((x) => [x.question.id, x.question]));
  const ref = bankRef(bank);
  const schema = answersFileSchema();
  const slow = (file: string, source: string) => {
    const { parsed, problems } = parseAnswers(file, source, bank);
    return parsed ? { answers: parsed.answers, problems } : { problems };
  };
  return (file, source) => {
    let data: unknown;
    try {
      // uniqueKeys (the default) throws on a duplicate key, as the full parser reports one.
      data = parse(source, { maxAliasCount: MAX_ALIAS_COUNT, logLevel: 'error' });
    } catch {
      return slow(file, source);
    }
    const checked = schema.safeParse(data);
    if (!checked.success || checked.data.bank !== ref) return slow(file, source);
    const d = checked.data;
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
