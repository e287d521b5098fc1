import * as z from 'zod/mini';
import type { TeamReport } from './model.js';

// The team report's JSON Schema source (`service-audit schema team-report`). The model in
// model.ts stays the type renderers use; the checks at the bottom fail to compile if they differ.

const num = z.nullable(z.number());
const str = z.nullable(z.string());

const question = z.strictObject({
  id: z.string(),
  element: z.string(),
  text: z.string(),
  type: z.string(),
  audience: z.string(),
  answered: z.number(),
  notApplicable: z.number(),
  distribution: z.nullable(z.array(z.strictObject({ value: z.string(), label: z.string(), count: z.number() }))),
  meanCredit: num,
  meanPercent: z.optional(num),
});

const element = z.strictObject({
  id: z.string(),
  title: z.string(),
  area: z.string(),
  score: num,
  band: str,
  missing: z.boolean(),
  respondents: z.number(),
  q1: num,
  q3: num,
  spread: num,
  disagreement: z.boolean(),
});

export const share = z.strictObject({
  element: z.string(),
  statement: z.string(),
  question: z.string(),
  values: z.array(z.string()),
  poll: z.number(),
  holders: z.number(),
  answered: z.number(),
  share: num,
  low: num,
  high: num,
  verdict: z.nullable(z.enum(['above', 'below', 'in line'])),
});

const figure = z.strictObject({
  values: z.array(z.string()),
  count: z.number(),
  share: z.number(),
  low: z.number(),
  high: z.number(),
});

export const statement = z.strictObject({
  id: z.string(),
  element: z.string(),
  text: z.string(),
  answered: z.number(),
  favourable: figure.check(z.describe('% favourable (the answers the bank declares favourable), with a 95% interval.')),
  topBox: z.nullable(
    z
      .strictObject({ ...figure.shape, poll: z.number() })
      .check(z.describe('The top answer(s), compared with the poll.')),
  ),
});

const results = z.strictObject({
  respondents: z.number(),
  overall: z.strictObject({ score: num, band: str, missing: z.array(z.string()) }),
  areas: z.array(
    z.strictObject({ id: z.string(), title: z.string(), score: num, band: str, missing: z.array(z.string()) }),
  ),
  elements: z.array(element),
  questions: z.array(question),
  statements: z.array(statement),
  engagement: z.array(share),
  leftOutByFloor: z
    .number()
    .check(z.describe('Items answered by fewer people than the floor: left out of every figure.')),
});

export const teamReportSchema = z.strictObject({
  schema: z.literal('team-report'),
  schemaVersion: z
    .literal(3)
    .check(
      z.describe(
        '2 since scores come from the one engine on pooled credits, with % favourable, the floor per item and predictions.',
      ),
    ),
  tool: z.strictObject({ name: z.literal('service-audit'), version: z.string() }),
  bank: z.strictObject({ id: z.string(), version: z.number(), title: z.string(), sha256: z.string() }),
  pool: z.strictObject({
    inputs: z.number(),
    used: z.number(),
    respondents: z.number(),
    leads: z.number(),
    leftOut: z
      .array(z.strictObject({ source: z.string(), problems: z.array(z.string()) }))
      .check(z.describe('Files and CSV rows left out of the pool, each with its one-line problems.')),
    minGroup: z.number(),
    teamSize: num,
    participation: num,
  }),
  bands: z.array(z.strictObject({ id: z.string(), label: z.string(), min: z.number() })),
  suppressed: str.check(
    z.describe('Why nothing but n is shown (the pool is under the floor); null when results are shown.'),
  ),
  results: z.nullable(results),
  groups: z.array(
    z.strictObject({
      name: z.string(),
      respondents: num,
      hidden: z.nullable(z.enum(['below-floor', 'complementary'])),
      results: z.nullable(results),
    }),
  ),
  priorities: z.array(
    z.strictObject({
      questionId: z.string(),
      element: z.string(),
      text: z.string(),
      meanCredit: z.number(),
      answered: z.number(),
      critical: z.boolean(),
      importance: z.number(),
      pointsToGain: z.number(),
      recommendation: z.string(),
      why: z.enum(['critical', 'importance', 'element']),
    }),
  ),
  perceptionGap: z.array(
    z.strictObject({
      label: z.string(),
      predictions: z.array(
        z.strictObject({
          questionId: z.string(),
          statement: z.string(),
          text: z.string(),
          predicted: z.number(),
          team: num,
          gap: num,
        }),
      ),
      guesses: z.array(
        z.strictObject({
          element: z.string(),
          statement: z.string(),
          question: z.string(),
          guess: num,
          team: num,
          gap: num,
        }),
      ),
      answers: z.array(z.strictObject({ questionId: z.string(), lead: z.string(), leadCredit: z.number(), team: num })),
    }),
  ),
  notes: z.strictObject({
    shown: z.boolean(),
    reason: str,
    items: z.array(z.strictObject({ questionId: z.string(), note: z.string() })),
    comments: z.array(z.string()),
  }),
});

// Compile-time: the zod schema and the TeamReport model must describe the same type both ways.
// (The generic-function form tells optional keys and readonly apart; mutual `extends` does not.)
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Parsed = z.infer<typeof teamReportSchema>;
const agree: Same<Parsed, TeamReport> = true;
void agree;
