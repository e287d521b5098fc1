import * as z from 'zod/mini';
import { described } from '../validation/describe.js';

// zod/mini: the same validation as zod's classic API, tree-shaken to a few kilobytes, so that
// commands that validate files start fast.

const ID = /^[a-z0-9]+(?:[-_][a-z0-9]+)*$/;
const QUESTION_ID = /^[a-z0-9]+(?:[-_.][a-z0-9]+)*$/;

export const questionTypes = ['scale', 'yesno', 'choice', 'percent'] as const;
/** Who answers a question: the lead, once, about how the organization works; or each team member about themselves. */
export const audiences = ['lead', 'team'] as const;

function buildBankSchema() {
  const id = z.string().check(z.regex(ID, { message: 'this id is not valid — use lower-case letters, digits and dashes, e.g. "lens-of-the-customer"' }));
  const questionId = z
    .string()
    .check(z.regex(QUESTION_ID, { message: 'this question id is not valid — use lower-case letters, digits, dots and dashes, e.g. "customer.convenience"' }));
  const text = z.string().check(z.trim(), z.minLength(1));
  const weight = z._default(z.number().check(z.gt(0)), 1);

  const option = z.strictObject({
    value: z.string().check(z.regex(ID, { message: 'an option value must be a short word — use lower-case letters, digits and dashes, e.g. "agree"' })),
    label: text,
    credit: z.number().check(z.gte(0), z.lte(1)),
  });
  const question = z.strictObject({
    id: questionId,
    text,
    type: z.enum(questionTypes),
    scale: z.optional(described(id, 'For type scale: the name of a scale defined under `scales`.')),
    options: z.optional(described(z.array(option).check(z.minLength(2)), 'For type choice (or a scale of its own): the answer options.')),
    weight,
    audience: z._default(described(z.enum(audiences), 'lead (default): answered once, about how the organization works. team: a statement each team member rates about themselves, pooled in the team report.'), 'lead'),
    help: described(text, 'Why the question matters; shown on demand during the audit.'),
    recommendation: described(text, 'What to do when the answer is weak.'),
    source: described(z.strictObject({ file: text, concept: text }), 'The seed article and the concept the question comes from.'),
  });
  const benchmark = z.strictObject({
    value: described(z.number().check(z.gte(0), z.lte(100)), 'The benchmark on 0-100, e.g. 37 for 37%.'),
    statement: described(text, 'The poll item, as the respondents were asked it.'),
    question: described(questionId, 'The percent question in this element whose answer is compared with the benchmark.'),
    source: text,
    pulse: z.optional(
      described(
        z.strictObject({
          question: described(questionId, 'The team statement of this element that mirrors the poll item.'),
          values: described(z.array(z.string()).check(z.minLength(1)), 'The option values that count as holding the statement fully (as the poll counted: the top answer).'),
        }),
        'In a team report: the share of respondents who hold this statement fully is compared with the benchmark.',
      ),
    ),
  });
  const element = z.strictObject({
    id,
    title: text,
    concept: z.optional(described(text, 'The named concept behind the element, e.g. "Lens of the Customer".')),
    weight,
    benchmark: z.optional(benchmark),
    questions: z.array(question).check(z.minLength(1)),
  });
  const area = z.strictObject({ id, title: text, description: z.optional(text), elements: z.array(element).check(z.minLength(1)) });
  const band = z.strictObject({ id, label: text, min: z.number().check(z.gte(0), z.lte(100)) });

  return z.strictObject({
    id,
    version: z.int().check(z.gte(1)),
    title: text,
    description: z.optional(text),
    bands: z.array(band).check(z.minLength(1)),
    scales: z.optional(z.record(z.string(), z.array(option).check(z.minLength(2)))),
    areas: z.array(area).check(z.minLength(1)),
  });
}

let bankSchemaCache: ReturnType<typeof buildBankSchema> | undefined;
/** Built on first use: commands that never validate a bank (the built-in one is compiled) never pay for it. */
export const bankSchema = () => (bankSchemaCache ??= buildBankSchema());

export type BankParsed = z.output<ReturnType<typeof bankSchema>>;

/** One answer option of a scale, choice or yes/no question. */
export interface Option {
  value: string;
  label: string;
  credit: number;
}

/** A question as every command sees it: options resolved, defaults applied. */
export interface Question {
  id: string;
  text: string;
  type: (typeof questionTypes)[number];
  weight: number;
  audience: (typeof audiences)[number];
  options?: Option[];
  min?: number;
  max?: number;
  help: string;
  recommendation: string;
  source: { file: string; concept: string };
}

export interface Benchmark {
  value: number;
  statement: string;
  question: string;
  source: string;
  /** The team statement whose top answers count as holding the benchmark fully. */
  pulse?: { question: string; values: string[] };
}

export interface Element {
  /** Qualified id: `area.element`, e.g. `dna.processes`. */
  id: string;
  title: string;
  concept?: string;
  weight: number;
  benchmark?: Benchmark;
  questions: Question[];
}

export interface Area {
  id: string;
  title: string;
  description?: string;
  elements: Element[];
}

export interface Band {
  id: string;
  label: string;
  min: number;
}

/** The normalised bank: the stable shape `bank --format json` prints. */
export interface Bank {
  id: string;
  version: number;
  title: string;
  description?: string;
  bands: Band[];
  areas: Area[];
}

/** The options every yes/no question has. */
export const YES_NO: Option[] = [
  { value: 'yes', label: 'Yes', credit: 1 },
  { value: 'no', label: 'No', credit: 0 },
];
