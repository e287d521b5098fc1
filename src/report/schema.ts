import * as z from 'zod/mini';
import { share, statement } from '../team/schema.js';

// The report model is a versioned contract: `report --format json` prints exactly this.
// Only types are imported from here at run time, so rendering never loads zod.

const score = z
  .nullable(z.number().check(z.gte(0), z.lte(100)))
  .check(z.describe('0-100 with one decimal; null when nothing was answered.'));
const band = z.nullable(z.string()).check(z.describe('The id of the band the score falls in.'));

const weaknessSchema = z.strictObject({
  questionId: z.string(),
  element: z.string(),
  area: z.string(),
  text: z.string(),
  answer: z.union([z.string(), z.number()]).check(z.describe('The value as written in the answers file.')),
  answerLabel: z.string().check(z.describe('The answer as the person saw it: the option label, or "45%".')),
  credit: z.number().check(z.gte(0), z.lte(1)),
  critical: z
    .boolean()
    .check(z.describe('The bank marks this answer critical: it leads Fix first whatever its points.')),
  importance: z
    .number()
    .check(z.describe('What the bank says the question matters: question weight × element weight × area weight.')),
  pointsToGain: z.number().check(z.gte(0), z.describe('Overall points gained by bringing this answer to full credit.')),
  recommendation: z.string().check(z.describe("The advice's text: what to do.")),
  firstStep: z.optional(z.string().check(z.describe('The first concrete step, where the bank gives one.'))),
  owner: z.optional(z.string().check(z.describe('Who usually does it: the label of a role of the bank.'))),
  check: z.optional(z.string().check(z.describe('How to check that the fix worked.'))),
  note: z.optional(z.string()),
  action: z.optional(
    z
      .strictObject({
        id: z.string(),
        title: z.string(),
        status: z.enum(['planned', 'doing', 'done', 'dropped']),
        owner: z.nullable(z.string()),
        due: z.nullable(z.string()),
        overdue: z.boolean(),
      })
      .check(z.describe('The action of the plan (report --plan) that addresses this weakness.')),
  ),
  why: z.optional(
    z
      .enum(['critical', 'importance', 'element'])
      .check(
        z.describe(
          'In Fix first: a critical answer, its importance × shortfall, or the best item of the weakest element.',
        ),
      ),
  ),
});

const reasonList = z.array(z.strictObject({ questionId: z.string(), reason: z.string() }));

const unmeasuredSchema = z
  .strictObject({
    questionId: z.string(),
    element: z.string(),
    text: z.string(),
    unit: z.string(),
    target: z.optional(
      z.string().check(z.describe('The target the measure would be compared with, e.g. "target ≤ 2".')),
    ),
    reason: z.string().check(z.describe('The N/A reason given, e.g. "we don\'t measure this".')),
    recommendation: z.string(),
    firstStep: z.optional(z.string()),
    owner: z.optional(z.string()),
    check: z.optional(z.string()),
  })
  .check(z.describe('A number question answered N/A: advice to start measuring it.'));

export const reportSchema = z.strictObject({
  schemaVersion: z
    .literal(5)
    .check(
      z.describe(
        "5 since the plan (each weakness its action, the plan's progress) and answers past their review date; 4 since essential elements (missing), critical answers and Fix-first reasons, notAsked and notMeasured apart from notApplicable, the summary, --explain arithmetic and the combined audit (team); 3 since advice carries a first step, an owner and a check, and unmeasured numbers are listed; 2 since sources, upgrade and area rules were added.",
      ),
    ),
  tool: z.strictObject({ name: z.literal('service-audit'), version: z.string() }),
  bank: z.strictObject({
    id: z.string(),
    version: z.number(),
    title: z.string(),
    sha256: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
  }),
  answers: z.strictObject({
    file: z.string(),
    sha256: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
    date: z.nullable(z.string()),
    organization: z.nullable(z.string()),
    respondent: z.nullable(z.string()),
  }),
  bands: z.array(z.strictObject({ id: z.string(), label: z.string(), min: z.number() })),
  overall: z.strictObject({
    score,
    band,
    missing: z
      .array(z.string())
      .check(z.describe('Essential elements with no applicable answer; while any is listed the overall has no score.')),
  }),
  summary: z
    .strictObject({
      weakest: z.nullable(
        z.strictObject({ id: z.string(), title: z.string(), score: z.number(), band: z.nullable(z.string()) }),
      ),
      actions: z.array(weaknessSchema),
    })
    .check(z.describe('What a manager reads first: the weakest scored element and the top three of Fix first.')),
  completeness: z.strictObject({
    questions: z.number(),
    answered: z.number(),
    notApplicable: z.number().check(z.describe('Answers a person marked N/A.')),
    notAsked: z.number().check(z.describe('Questions a `when` condition (the profile) left out.')),
    notMeasured: z.number().check(z.describe('Team statements with no pulse behind them, or under the floor.')),
    unanswered: z.number(),
  }),
  upgrade: z.optional(
    z
      .strictObject({
        from: z.string().check(z.describe('The bank id@version the answers file was given against.')),
        newQuestions: z.array(z.string()).check(z.describe('Questions of this version with no answer carried over.')),
      })
      .check(
        z.describe(
          'Present when the answers were given against an earlier version of the bank and mapped to this one in memory.',
        ),
      ),
  ),
  areas: z.array(
    z.strictObject({
      id: z.string(),
      title: z.string(),
      score,
      band,
      weight: z.optional(
        z.number().check(z.describe('The area weight the bank declares (overall = weighted mean of areas).')),
      ),
      combine: z.optional(z.enum(['mean', 'weakest-link'])),
      missing: z
        .array(z.string())
        .check(z.describe('Essential elements of the area with no applicable answer: the area is incomplete.')),
    }),
  ),
  elements: z.array(
    z.strictObject({
      id: z.string(),
      title: z.string(),
      concept: z.optional(z.string()),
      area: z.string(),
      weight: z.number(),
      score,
      band,
      essential: z.boolean(),
      missing: z.boolean().check(z.describe('Essential, with no applicable answer.')),
      answered: z.int(),
      unanswered: z.int(),
      notApplicable: z.int(),
      notAsked: z.int(),
      notMeasured: z.int(),
      benchmark: z.optional(
        z.strictObject({
          value: z.number(),
          target: z.optional(z.number().check(z.describe('The share that earns full credit.'))),
          yours: z.nullable(z.number()),
          delta: z.nullable(z.number()),
          statement: z.string(),
          question: z.optional(z.string()),
          source: z.string(),
        }),
      ),
      sources: z
        .array(z.strictObject({ ref: z.string(), title: z.string(), concept: z.string() }))
        .check(z.describe("What the element's questions cite: the article title and the concept.")),
      weaknesses: z.array(weaknessSchema),
      notes: z.array(z.strictObject({ questionId: z.string(), note: z.string() })),
      explain: z.optional(
        z
          .array(
            z.strictObject({
              questionId: z.string(),
              status: z.enum(['answered', 'na', 'unanswered', 'not-measured']),
              answer: z.nullable(z.union([z.string(), z.number()])),
              weight: z.number(),
              credit: z.nullable(z.number()),
            }),
          )
          .check(z.describe('Present with --explain: every question behind the score.')),
      ),
    }),
  ),
  priorities: z.array(weaknessSchema),
  unmeasured: z
    .array(unmeasuredSchema)
    .check(
      z.describe('Number questions answered N/A ("we don\'t measure this"), each with advice to start measuring.'),
    ),
  unanswered: z.array(z.string()),
  notApplicable: reasonList.check(z.describe('Answers a person marked N/A, with their reason.')),
  notAsked: reasonList.check(z.describe('Questions a `when` condition left out, with the reason.')),
  notMeasured: reasonList.check(z.describe('Questions with no figure here, with the reason.')),
  arithmetic: z.optional(
    z
      .strictObject({
        areas: z.array(
          z.strictObject({
            id: z.string(),
            parts: z.array(z.strictObject({ element: z.string(), countsAs: z.number(), score: z.number() })),
            mean: z.nullable(z.number()),
            cap: z.nullable(z.number().check(z.describe('Weakest-link: the weakest element + 15.'))),
            score: z.nullable(z.number()),
          }),
        ),
        overall: z.strictObject({
          by: z.enum(['areas', 'elements']),
          parts: z.array(z.strictObject({ id: z.string(), weight: z.number(), score: z.number() })),
          score: z.nullable(z.number()),
        }),
      })
      .check(
        z.describe(
          'Present with --explain: how elements make areas (weights, weakest-link cap) and areas the overall.',
        ),
      ),
  ),
  team: z.optional(
    z
      .strictObject({
        respondents: z.number().check(z.describe('Team respondents in the pulse: the n of every team figure.')),
        minGroup: z.number(),
        teamSize: z.nullable(z.number()),
        participation: z.nullable(z.number().check(z.describe('respondents / team size on 0-100.'))),
        suppressed: z.nullable(
          z.string().check(z.describe('Why no team figure is shown (the pulse is under the floor).')),
        ),
        leftOutByFloor: z
          .number()
          .check(z.describe('Team items answered by fewer than the floor: left out of every figure.')),
        statements: z.array(statement),
        engagement: z.array(share),
        predictions: z.array(
          z.strictObject({
            questionId: z.string(),
            statement: z.string(),
            text: z.string(),
            predicted: z.number(),
            team: z.nullable(z.number()),
            gap: z.nullable(z.number()),
          }),
        ),
      })
      .check(
        z.describe(
          "The combined audit (report --lead): team statements are scored from this pulse; the lead's predictions beside the measured shares.",
        ),
      ),
  ),
  plan: z.optional(
    z
      .strictObject({
        file: z.string(),
        today: z.string().check(z.describe('The day overdue was judged on.')),
        total: z.number().check(z.describe('Actions not dropped.')),
        planned: z.number(),
        doing: z.number(),
        done: z.number(),
        dropped: z.number(),
        overdue: z.number(),
        noOwner: z.number().check(z.describe('Open actions without an owner.')),
        summary: z.string().check(z.describe('"3 of 5 done, 1 overdue".')),
      })
      .check(z.describe("The plan's progress (report --plan, or the plan the config names).")),
  ),
  expired: z.optional(
    z
      .array(
        z.strictObject({
          questionId: z.string(),
          answered: z.nullable(z.string()),
          due: z.nullable(z.string()),
        }),
      )
      .check(z.describe("Answers past their review date (the bank's review days, 365 by default).")),
  ),
  sources: z
    .array(
      z.strictObject({
        id: z.string(),
        title: z.string(),
        author: z.optional(z.string()),
        publisher: z.optional(z.string()),
        date: z.optional(z.string()),
        note: z.optional(z.string()),
        url: z.optional(z.string()),
      }),
    )
    .check(z.describe("The articles the report's questions cite.")),
});

export type ReportModel = z.output<typeof reportSchema>;
export type ReportWeakness = z.output<typeof weaknessSchema>;
export type ReportUnmeasured = z.output<typeof unmeasuredSchema>;
export type ReportElement = ReportModel['elements'][number];
