import { z } from 'zod';

const ID = /^[a-z0-9]+(?:[-_][a-z0-9]+)*$/;
const QUESTION_ID = /^[a-z0-9]+(?:[-_.][a-z0-9]+)*$/;

const id = z
  .string()
  .regex(ID, { message: 'this id is not valid — use lower-case letters, digits and dashes, e.g. "lens-of-the-customer"' });
const questionId = z
  .string()
  .regex(QUESTION_ID, { message: 'this question id is not valid — use lower-case letters, digits, dots and dashes, e.g. "customer.convenience"' });
const text = z.string().trim().min(1);

export const optionSchema = z.strictObject({
  value: z.string().regex(ID, { message: 'an option value must be a short word — use lower-case letters, digits and dashes, e.g. "agree"' }),
  label: text,
  credit: z.number().min(0).max(1),
});

export const questionTypes = ['scale', 'yesno', 'choice', 'percent'] as const;

export const questionSchema = z.strictObject({
  id: questionId,
  text,
  type: z.enum(questionTypes),
  scale: id.optional().describe('For type scale: the name of a scale defined under `scales`.'),
  options: z.array(optionSchema).min(2).optional().describe('For type choice (or a scale of its own): the answer options.'),
  weight: z.number().gt(0).default(1),
  help: text.describe('Why the question matters; shown on demand during the audit.'),
  recommendation: text.describe('What to do when the answer is weak.'),
  source: z.strictObject({ file: text, concept: text }).describe('The seed article and the concept the question comes from.'),
});

export const benchmarkSchema = z.strictObject({
  value: z.number().min(0).max(100).describe('The benchmark on 0-100, e.g. 37 for 37%.'),
  statement: text.describe('The poll item, as the respondents were asked it.'),
  question: questionId.describe('The percent question in this element whose answer is compared with the benchmark.'),
  source: text,
});

export const elementSchema = z.strictObject({
  id,
  title: text,
  concept: text.optional().describe('The named concept behind the element, e.g. "Lens of the Customer".'),
  weight: z.number().gt(0).default(1),
  benchmark: benchmarkSchema.optional(),
  questions: z.array(questionSchema).min(1),
});

export const areaSchema = z.strictObject({
  id,
  title: text,
  description: text.optional(),
  elements: z.array(elementSchema).min(1),
});

export const bandSchema = z.strictObject({ id, label: text, min: z.number().min(0).max(100) });

export const bankSchema = z.strictObject({
  id,
  version: z.number().int().min(1),
  title: text,
  description: text.optional(),
  bands: z.array(bandSchema).min(1),
  scales: z.record(z.string(), z.array(optionSchema).min(2)).optional(),
  areas: z.array(areaSchema).min(1),
});

export type BankInput = z.input<typeof bankSchema>;
export type BankParsed = z.output<typeof bankSchema>;

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
