import { allQuestionsOf, bankRef } from '../bank/queries.js';
import type { Bank, Question } from '../bank/schema.js';
import { allowedValues } from './parse.js';

type JsonSchema = Record<string, unknown>;

/** The values one question accepts, as JSON Schema: its option values (yes/no also as booleans) or a percent. */
function valueSchema(q: Question): JsonSchema {
  if (q.type === 'percent') return { type: 'number', minimum: 0, maximum: 100 };
  if (q.type === 'number') return { type: 'number', minimum: 0, ...(q.max !== undefined && { maximum: q.max }) };
  const values = q.options!.map((o) => o.value);
  return q.type === 'yesno' ? { enum: [...values, true, false] } : { enum: values };
}

/** One question's entry: a value, a value with a note, not applicable with a reason, or empty. */
function answerSchema(q: Question): JsonSchema {
  const value = valueSchema(q);
  const note = { type: 'string' };
  return {
    description: `${q.text} (${allowedValues(q)})`,
    anyOf: [
      value,
      { type: 'null', description: 'Not answered yet.' },
      { type: 'object', properties: { value, note }, required: ['value'], additionalProperties: false },
      {
        type: 'object',
        properties: { na: { type: 'string', minLength: 1, description: 'Why the question does not apply.' }, note },
        required: ['na'],
        additionalProperties: false,
      },
    ],
  };
}

/**
 * The answers file's JSON Schema for one bank: the generic schema with `answers` narrowed to the
 * bank's question ids, each with its allowed values, so an editor completes ids and flags a wrong
 * value or an unknown id. Pure.
 */
export function answersSchemaForBank(generic: JsonSchema, bank: Bank): JsonSchema {
  const properties = Object.fromEntries(allQuestionsOf(bank).map(({ question: q }) => [q.id, answerSchema(q)]));
  const base = generic.properties as Record<string, JsonSchema>;
  return {
    ...generic,
    title: `service-audit answers file for ${bank.title} (${bankRef(bank)})`,
    properties: {
      ...base,
      bank: { ...base.bank, description: `The bank id@version the answers were given against: ${bankRef(bank)}.` },
      answers: { default: {}, anyOf: [{ type: 'object', properties, additionalProperties: false }, { type: 'null' }] },
    },
  };
}
