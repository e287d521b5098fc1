import { z } from 'zod';

// The report model is a versioned contract: `report --format json` prints exactly this.
// Only types are imported from here at run time, so rendering never loads zod.

const score = z.number().min(0).max(100).nullable().describe('0-100 with one decimal; null when nothing was answered.');
const band = z.string().nullable().describe('The id of the band the score falls in.');

const weaknessSchema = z.strictObject({
  questionId: z.string(),
  element: z.string(),
  text: z.string(),
  answer: z.union([z.string(), z.number()]),
  credit: z.number().min(0).max(1),
  pointsToGain: z.number().min(0).describe('Overall points gained by bringing this answer to full credit.'),
  recommendation: z.string(),
  note: z.string().optional(),
});

export const reportSchema = z.strictObject({
  schemaVersion: z.literal(1),
  tool: z.strictObject({ name: z.literal('service-audit'), version: z.string() }),
  bank: z.strictObject({ id: z.string(), version: z.number(), title: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
  answers: z.strictObject({
    file: z.string(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    date: z.string().nullable(),
    organization: z.string().nullable(),
    respondent: z.string().nullable(),
  }),
  bands: z.array(z.strictObject({ id: z.string(), label: z.string(), min: z.number() })),
  overall: z.strictObject({ score, band }),
  completeness: z.strictObject({ questions: z.number(), answered: z.number(), notApplicable: z.number(), unanswered: z.number() }),
  areas: z.array(z.strictObject({ id: z.string(), title: z.string(), score, band })),
  elements: z.array(
    z.strictObject({
      id: z.string(),
      title: z.string(),
      concept: z.string().optional(),
      area: z.string(),
      weight: z.number(),
      score,
      band,
      answered: z.number().int(),
      unanswered: z.number().int(),
      notApplicable: z.number().int(),
      benchmark: z
        .strictObject({
          value: z.number(),
          yours: z.number().nullable(),
          delta: z.number().nullable(),
          statement: z.string(),
          question: z.string(),
          source: z.string(),
        })
        .optional(),
      weaknesses: z.array(weaknessSchema),
      notes: z.array(z.strictObject({ questionId: z.string(), note: z.string() })),
      explain: z
        .array(
          z.strictObject({
            questionId: z.string(),
            status: z.enum(['answered', 'na', 'unanswered']),
            answer: z.union([z.string(), z.number()]).nullable(),
            weight: z.number(),
            credit: z.number().nullable(),
          }),
        )
        .optional()
        .describe('Present with --explain: every question behind the score.'),
    }),
  ),
  priorities: z.array(weaknessSchema),
  unanswered: z.array(z.string()),
  notApplicable: z.array(z.strictObject({ questionId: z.string(), reason: z.string() })),
});

export type ReportModel = z.output<typeof reportSchema>;
export type ReportWeakness = z.output<typeof weaknessSchema>;
export type ReportElement = ReportModel['elements'][number];
