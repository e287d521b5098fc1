import * as z from 'zod/mini';
import { answersFileSchema } from '../../answers/schema.js';
import { bankSchema } from '../../bank/schema.js';
import { configSchema } from '../../check/config.js';
import { EXIT, UsageError } from '../../errors.js';
import { answersSchemaForBank } from '../../answers/bank-schema.js';
import type { Bank } from '../../bank/schema.js';
import { loadBank } from '../load.js';
import { guardOutput } from '../files.js';
import { emit } from '../output.js';
import { reportSchema } from '../../report/schema.js';
import { teamReportSchema } from '../../team/schema.js';
import { planFileSchema } from '../../plan/schema.js';
import type { Io } from '../io.js';
import type { GlobalOptions } from '../spec.js';

const SCHEMAS = {
  bank: { schema: bankSchema, title: 'service-audit question bank', io: 'input' },
  answers: { schema: answersFileSchema, title: 'service-audit answers file', io: 'input' },
  config: { schema: configSchema, title: 'service-audit check config (.service-audit.yaml)', io: 'input' },
  report: { schema: () => reportSchema, title: 'service-audit report (report --format json)', io: 'output' },
  'team-report': {
    schema: () => teamReportSchema,
    title: 'service-audit team report (report FOLDER --format json)',
    io: 'output',
  },
  plan: { schema: planFileSchema, title: 'service-audit action plan (service-audit-plan.yaml)', io: 'input' },
} as const;

export type SchemaKind = keyof typeof SCHEMAS;

/** The JSON Schema (draft-07) of a file format, generated from its zod schema so it cannot drift. */
export function jsonSchema(kind: SchemaKind, bank?: Bank): string {
  const { schema, title, io } = SCHEMAS[kind];
  const generated = z.toJSONSchema(schema(), { target: 'draft-07', io }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  const full = { $schema, title, ...rest };
  return `${JSON.stringify(kind === 'answers' && bank ? answersSchemaForBank(full, bank) : full, null, 2)}\n`;
}

export interface SchemaOptions {
  kind: SchemaKind;
  bank?: string;
  out?: string;
}

export default function schemaCommand(io: Io, opts: SchemaOptions & GlobalOptions): number {
  if (opts.bank !== undefined && opts.kind !== 'answers')
    throw new UsageError(
      `--bank is for \`schema answers\` (the answers file of that bank); the ${opts.kind} schema is the same for every bank`,
    );
  guardOutput(io, opts.out, [opts.bank]);
  emit(
    io,
    jsonSchema(opts.kind, opts.bank !== undefined ? loadBank(io, opts.bank).bank : undefined),
    opts.out,
    `${opts.kind} schema`,
  );
  return EXIT.ok;
}
