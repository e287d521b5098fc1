import * as z from 'zod/mini';
import { described } from '../validation/describe.js';

// zod/mini: the same validation as zod's classic API, tree-shaken to a few kilobytes, so that
// commands that validate files start fast.

const ID = /^[a-z0-9]+(?:[-_][a-z0-9]+)*$/;
const QUESTION_ID = /^[a-z0-9]+(?:[-_.][a-z0-9]+)*$/;

/** How long an answer stays current when neither its question nor its element declares `review` (days). */
export const DEFAULT_REVIEW_DAYS = 365;

/** The largest weight a question or element may have. */
export const MAX_WEIGHT = 1000;

export const questionTypes = ['scale', 'yesno', 'choice', 'percent', 'number'] as const;
/** For a number question: whether lower values (a response time) or higher ones (CSAT) are better. */
export const betterDirections = ['lower', 'higher'] as const;
/** Who answers a question: the lead, once, about how the organization works; or each team member about themselves. */
export const audiences = ['lead', 'team'] as const;
export type Audience = (typeof audiences)[number];
/** How an area combines its element scores. */
export const combineRules = ['mean', 'weakest-link'] as const;
/** How question weights add up across an area (see the README, "How scores are computed"). */
export const questionWeightRules = ['by-element', 'flat'] as const;

/** The building blocks every part of the bank schema shares. */
function primitives() {
  const id = z.string().check(
    z.regex(ID, {
      message: 'this id is not valid — use lower-case letters, digits and dashes, e.g. "lens-of-the-customer"',
    }),
  );
  const questionId = z.string().check(
    z.regex(QUESTION_ID, {
      message:
        'this question id is not valid — use lower-case letters, digits, dots and dashes, e.g. "customer.convenience"',
    }),
  );
  const text = z.string().check(z.trim(), z.minLength(1));
  // Bounded, so that sums of weights × credits stay finite (1e308 made the overall score NaN).
  const weight = z._default(
    described(
      z.number().check(z.gt(0), z.lte(MAX_WEIGHT)),
      `How much this counts relative to its siblings: above 0, at most ${MAX_WEIGHT}.`,
    ),
    1,
  );
  /** `review:` on a question or element (issue 21): how long an answer stays current. */
  const review = z.optional(
    described(
      z.int().check(z.gte(1), z.lte(3650)),
      `Days an answer stays current before a re-check (service-audit --recheck) asks it again (default ${DEFAULT_REVIEW_DAYS}); a question's own review wins over its element's.`,
    ),
  );
  const option = z.strictObject({
    value: z.string().check(
      z.regex(ID, {
        message: 'an option value must be a short word — use lower-case letters, digits and dashes, e.g. "agree"',
      }),
    ),
    label: text,
    credit: z.number().check(z.gte(0), z.lte(1)),
    critical: z.optional(
      described(
        z.boolean(),
        'true: this answer is critical (e.g. callers cannot reach a person): it leads Fix first whatever its points.',
      ),
    ),
  });
  return { id, questionId, text, weight, review, option, ...conditionSchemas(questionId, text) };
}
type Primitives = ReturnType<typeof primitives>;

/** `when:` and `skipReason:`, shared by questions and elements. */
function conditionSchemas(questionId: z.ZodMiniString, text: z.ZodMiniString) {
  /** `when:` on a question or element: question id → the value (or values) that let it be asked. */
  const conditionScalar = z.union([z.string(), z.boolean(), z.number()]);
  const conditionValue = z.union([conditionScalar, z.array(conditionScalar).check(z.minLength(1))], {
    error:
      'a condition takes an answer value or a list of them — write e.g. "profile.sells: yes" or "customer.channels: [agree, strongly-agree]"',
  });
  const when = described(
    z.record(questionId, conditionValue),
    'Ask this only when each listed question (asked earlier) has one of the listed values; otherwise it is not applicable, with skipReason shown.',
  );
  const skipReason = described(
    text,
    'Why it was not asked, shown in reports when the `when` condition is false, e.g. "No brochure, so not asked."',
  );
  return { when, skipReason };
}

/** The fields of a `number` question: a measured fact with a unit, credited by threshold. */
function numberFields({ text }: Primitives) {
  const threshold = z.strictObject({
    to: z.optional(
      described(
        z.number().check(z.gte(0)),
        'The bound of this threshold, in the unit: for better=lower a value matches when it is <= to, for higher when >= to. The last threshold has no `to` (it takes every other value).',
      ),
    ),
    credit: described(z.number().check(z.gte(0), z.lte(1)), 'The credit (0..1) a value in this threshold earns.'),
    critical: z.optional(
      described(z.boolean(), 'true: a value in this threshold is critical: it leads Fix first whatever its points.'),
    ),
  });
  return {
    unit: z.optional(described(text, 'For type number: the unit of the value, e.g. "minutes" or "%".')),
    better: z.optional(
      described(z.enum(betterDirections), 'For type number: whether lower or higher values are better.'),
    ),
    thresholds: z.optional(
      described(
        z.array(threshold).check(z.minLength(2)),
        'For type number: checked in order, the first that the value reaches gives its credit; the last has no `to`. The target shown beside the value is the `to` of the first threshold with credit 1.',
      ),
    ),
    max: z.optional(
      described(z.number().check(z.gt(0)), 'For type number: the largest plausible value; larger answers are refused.'),
    ),
  };
}

/** `advice:` on a question: what to do about a weak answer, who usually does it, and how to check it worked. */
function adviceSchema({ id, text }: Primitives) {
  const entry = z.strictObject({
    for: z.optional(
      described(
        z.array(z.string()).check(z.minLength(1)),
        'The answers this advice is for: option values, or threshold indexes "t0", "t1"... of a number question ("na" on a number question: not measured). Omit for any weak answer.',
      ),
    ),
    text: described(text, 'What to do.'),
    firstStep: z.optional(described(text, 'The first concrete step, small enough to start this week.')),
    owner: z.optional(described(id, 'Who usually does it: a role id of the top-level `roles` table.')),
    check: z.optional(described(text, 'How to check that the fix worked.')),
  });
  return described(
    z.array(entry).check(z.minLength(1)),
    'Advice by answer: the first entry whose `for` lists the answer, else the entry without `for`, else `recommendations`, else `recommendation`.',
  );
}

/** A scored question of an element. */
function questionSchema(p: Primitives) {
  const { questionId, text, weight, option, id, when, skipReason, review } = p;
  const sourceRef = z.strictObject({
    ref: described(id, 'The id of an entry of the top-level `sources` table.'),
    concept: described(text, 'The concept of that article the question comes from.'),
  });
  return z.strictObject({
    id: questionId,
    text,
    type: z.enum(questionTypes),
    scale: z.optional(described(id, 'For type scale: the name of a scale defined under `scales`.')),
    options: z.optional(
      described(z.array(option).check(z.minLength(2)), 'For type choice (or a scale of its own): the answer options.'),
    ),
    ...numberFields(p),
    weight,
    audience: z._default(
      described(
        z.enum(audiences),
        'lead (default): answered once, about how the organization works. team: a statement each team member rates about themselves, pooled in the team report.',
      ),
      'lead',
    ),
    favourable: z.optional(
      described(
        z.array(z.string()).check(z.minLength(1)),
        'For a team statement: the answers counted as favourable in "% favourable", e.g. [agree, strongly-agree].',
      ),
    ),
    predicts: z.optional(
      described(
        questionId,
        'For a lead percent question: the id of the team statement whose share of favourable answers the lead predicts. Never scored; shown in the perception gap beside the measured share.',
      ),
    ),
    when: z.optional(when),
    skipReason: z.optional(skipReason),
    review,
    help: described(text, 'Why the question matters; shown on demand during the audit.'),
    recommendation: z.optional(
      described(text, 'What to do when the answer is weak (the default advice, where `advice` has none).'),
    ),
    recommendations: z.optional(
      described(
        z.record(z.string(), text),
        'Advice by answer value, where a weak answer needs other advice than the default, e.g. never: ..., usually: ...',
      ),
    ),
    advice: z.optional(adviceSchema(p)),
    sources: z.optional(
      described(z.array(sourceRef).check(z.minLength(1)), 'The articles and concepts the question comes from.'),
    ),
    source: z.optional(
      described(
        z.strictObject({ file: text, concept: text }),
        'Deprecated (use `sources`): the article file and the concept the question comes from.',
      ),
    ),
  });
}

/** A profile question: asked first, never scored. */
function profileQuestionSchema({ questionId, text, option }: Primitives) {
  return z.strictObject({
    id: questionId,
    text,
    type: described(z.enum(['yesno', 'choice']), 'yesno, or choice with `options`.'),
    options: z.optional(
      described(
        z.array(option).check(z.minLength(2)),
        'For type choice: the answer options (credit is not used: profile answers are never scored).',
      ),
    ),
    help: z.optional(described(text, 'Why the question is asked; shown on demand during the audit.')),
  });
}

/** An entry of the bibliography. */
function sourceSchema({ id, text }: Primitives) {
  return z.strictObject({
    id,
    title: text,
    author: z.optional(text),
    publisher: z.optional(text),
    // YAML reads a bare 2004 as a number; either way it is shown as written.
    date: z.optional(described(z.union([text, z.number()]), 'As the article shows it, e.g. "2004" or "March 2014".')),
    note: z.optional(described(text, 'E.g. "as reported in ...".')),
    url: z.optional(
      described(
        z.string().check(
          z.regex(/^https?:\/\/[^\s<>"]+$/, {
            message: 'a source url must be a web address — write it as https://…',
          }),
        ),
        'Where readers can find the article (http or https).',
      ),
    ),
  });
}

/** How answers given against an earlier version map to this one. */
function migrationSchema({ questionId }: Primitives) {
  return z.strictObject({
    from: described(z.int().check(z.gte(1)), 'The earlier version of this bank whose answers files this entry maps.'),
    renamed: z.optional(
      described(
        z.record(questionId, questionId),
        'old id: new id. The answer, its note and N/A reason are carried over.',
      ),
    ),
    split: z.optional(
      described(
        z.record(questionId, z.array(questionId).check(z.minLength(1))),
        'old id: [new ids]. The old answer is copied to each new question.',
      ),
    ),
    removed: z.optional(
      described(
        z.array(questionId),
        'Old ids no longer asked; their answers are dropped (the upgrade lists them, and keeps a backup).',
      ),
    ),
    values: z.optional(
      described(
        z.record(questionId, z.record(z.string(), z.string())),
        'new id: { old value: new value }, where a scale or the options changed.',
      ),
    ),
    added: z.optional(
      described(
        z.array(questionId),
        'Optional: the questions new in this version. Without it, "new" means every question no answer was carried to and the old file does not list.',
      ),
    ),
  });
}

/** A poll figure an element is compared with. */
function benchmarkSchema({ questionId, text }: Primitives) {
  return z.strictObject({
    value: described(z.number().check(z.gte(0), z.lte(100)), 'The benchmark on 0-100, e.g. 37 for 37%.'),
    statement: described(text, 'The poll item, as the respondents were asked it.'),
    question: z.optional(
      described(
        questionId,
        "Optional: a percent question of this element whose answer (a share measured earlier) is compared with the benchmark. A bank that measures the share only in the team's pulse (`pulse`) leaves it out.",
      ),
    ),
    source: text,
    target: z.optional(
      described(
        z.number().check(z.gt(0), z.lte(100)),
        "Above 0, at most 100: the share that earns full credit; credit = min(1, value / target). The poll's value stays the reference line.",
      ),
    ),
    pulse: z.optional(
      described(
        z.strictObject({
          question: described(questionId, 'The team statement of this element that mirrors the poll item.'),
          values: described(
            z.array(z.string()).check(z.minLength(1)),
            'The option values that count as holding the statement fully (as the poll counted: the top answer).',
          ),
        }),
        'In a team report: the share of respondents who hold this statement fully is compared with the benchmark.',
      ),
    ),
  });
}

/** An area, its elements and their questions. */
function areaSchema(p: Primitives) {
  const { id, text, weight, when, skipReason } = p;
  const element = z.strictObject({
    id,
    title: text,
    concept: z.optional(described(text, 'The named concept behind the element, e.g. "Lens of the Customer".')),
    weight,
    essential: z.optional(
      described(
        z.boolean(),
        'true: an essential element with no applicable answer is missing: its area and the overall have no score, and check fails naming it.',
      ),
    ),
    benchmark: z.optional(benchmarkSchema(p)),
    when: z.optional(when),
    skipReason: z.optional(skipReason),
    review: p.review,
    questions: z.array(questionSchema(p)).check(z.minLength(1)),
  });
  return z.strictObject({
    id,
    title: text,
    description: z.optional(text),
    weight: z.optional(
      described(
        z.number().check(z.gt(0)),
        'When any area has a weight, the overall score is the weighted mean of the area scores (a missing weight counts as 1).',
      ),
    ),
    combine: z.optional(
      described(
        z.enum(combineRules),
        'How the element scores make the area score: mean (default) or weakest-link (the mean, but never more than 15 points above the weakest element).',
      ),
    ),
    elements: z.array(element).check(z.minLength(1)),
  });
}

/** The bank's scoring options. */
function scoringSchema() {
  return z.strictObject({
    percentAgainstBenchmark: z.optional(
      described(
        z.boolean(),
        "A percent question that is a benchmark's question earns min(1, value / benchmark) instead of value / 100.",
      ),
    ),
    questionWeights: z.optional(
      described(
        z.enum(questionWeightRules),
        'by-element (default): each element counts by its weight. flat: a question counts by element weight × its own weight, so questions of small elements do not count more.',
      ),
    ),
  });
}

function buildBankSchema() {
  const p = primitives();
  const { id, text, option } = p;
  const band = z.strictObject({ id, label: text, min: z.number().check(z.gte(0), z.lte(100)) });
  return z.strictObject({
    id,
    version: z.int().check(z.gte(1)),
    title: text,
    description: z.optional(text),
    bands: z.array(band).check(z.minLength(1)),
    scales: z.optional(
      z.record(
        z.string().check(
          z.regex(ID, {
            message: 'this scale name is not valid — use lower-case letters, digits and dashes, e.g. "agree"',
          }),
        ),
        z.array(option).check(z.minLength(2)),
      ),
    ),
    sources: z.optional(described(z.array(sourceSchema(p)), 'The articles questions cite, by id.')),
    roles: z.optional(
      described(
        z.record(id, text),
        'Who usually carries out advice: role id → label, e.g. lead: Team lead, it: IT. Advice names its owner by id.',
      ),
    ),
    scoring: z.optional(scoringSchema()),
    profile: z.optional(
      described(
        z.array(profileQuestionSchema(p)).check(z.minLength(1)),
        'Asked first, never scored; `when` conditions may refer to them.',
      ),
    ),
    areas: z.array(areaSchema(p)).check(z.minLength(1)),
    migrations: z.optional(
      described(
        z.array(migrationSchema(p)),
        'How answers given against earlier versions of this bank map to this one.',
      ),
    ),
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
  /** A critical answer: it leads Fix first whatever its points. */
  critical?: true;
}

/** A `when` condition, normalised: question id → the values that let the question be asked. */
export type Condition = Record<string, string[]>;

/** Where a question comes from: an entry of the bank's `sources` table and the concept in it. */
export interface SourceRef {
  ref: string;
  concept: string;
}

/** An article of the bank's bibliography. */
export interface Source {
  id: string;
  title: string;
  author?: string;
  publisher?: string;
  date?: string;
  note?: string;
  url?: string;
}

/** One threshold of a number question: values up to (or from) `to` earn `credit`; the last has no `to`. */
export interface Threshold {
  to?: number;
  credit: number;
  critical?: true;
}

/** One piece of advice: for which answers, what to do, the first step, who usually does it, how to check it worked. */
export interface Advice {
  /** Option values, threshold indexes "t0".."tn", or "na" (a number question not measured); absent: any weak answer. */
  for?: string[];
  text: string;
  firstStep?: string;
  /** A role id of the bank's `roles`. */
  owner?: string;
  check?: string;
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
  /** Percent: 100. Number: the largest plausible value, when the bank gives one. */
  max?: number;
  /** Number: the unit of the value, e.g. "minutes". */
  unit?: string;
  /** Number: whether lower or higher values are better. */
  better?: (typeof betterDirections)[number];
  /** Number: checked in order; the first the value reaches gives its credit. */
  thresholds?: Threshold[];
  help: string;
  /** The default advice; empty when the question's `advice` covers every weak answer. */
  recommendation: string;
  /** Advice by answer value, where it differs from `recommendation`. */
  recommendations?: Record<string, string>;
  /** Advice with a first step, an owner and a check (bank v3). */
  advice?: Advice[];
  /** A team statement: the answers counted as favourable in "% favourable". */
  favourable?: string[];
  /** A lead percent question: the team statement whose favourable share the lead predicts (never scored). */
  predicts?: string;
  sources: SourceRef[];
  when?: Condition;
  skipReason?: string;
  /** Days an answer stays current before a re-check asks it again (the bank's `review`, question's or element's). */
  review?: number;
  /** A profile question: asked first, never scored. */
  profile?: true;
}

export interface Benchmark {
  value: number;
  statement: string;
  /** A percent question of the element whose answer is compared with the benchmark; absent when only the pulse measures it. */
  question?: string;
  source: string;
  /** The share that earns full credit (credit = min(1, value / target)); `value` stays the reference line. */
  target?: number;
  /** The team statement whose top answers count as holding the benchmark fully. */
  pulse?: { question: string; values: string[] };
}

export interface Element {
  /** Qualified id: `area.element`, e.g. `dna.processes`. */
  id: string;
  title: string;
  concept?: string;
  weight: number;
  /** With no applicable answer, the element is missing: its area and the overall have no score. */
  essential?: true;
  benchmark?: Benchmark;
  when?: Condition;
  skipReason?: string;
  /** Days an answer to its questions stays current (a question's own `review` wins). */
  review?: number;
  questions: Question[];
}

export interface Area {
  id: string;
  title: string;
  description?: string;
  /** Declared weight; when any area has one, overall = weighted mean of areas. */
  weight?: number;
  combine?: (typeof combineRules)[number];
  elements: Element[];
}

export interface Band {
  id: string;
  label: string;
  min: number;
}

/** Optional scoring rules a bank opts into; absent means today's rules. */
export interface ScoringRules {
  percentAgainstBenchmark?: boolean;
  questionWeights?: (typeof questionWeightRules)[number];
}

/** How answers given against an earlier version map to this one. */
export interface Migration {
  from: number;
  renamed: Record<string, string>;
  split: Record<string, string[]>;
  removed: string[];
  values: Record<string, Record<string, string>>;
  /** The questions new in this version, when the bank says so. */
  added?: string[];
}

/** The normalised bank: the stable shape `bank --format json` prints. */
export interface Bank {
  id: string;
  version: number;
  title: string;
  description?: string;
  bands: Band[];
  /** The bibliography; every question's `sources` refer to it. */
  sources: Source[];
  /** Asked before everything else, never scored. */
  profile: Question[];
  /** Who carries out advice: role id → label. */
  roles?: Record<string, string>;
  scoring?: ScoringRules;
  areas: Area[];
  migrations?: Migration[];
}

/** The options every yes/no question has. */
export const YES_NO: Option[] = [
  { value: 'yes', label: 'Yes', credit: 1 },
  { value: 'no', label: 'No', credit: 0 },
];
