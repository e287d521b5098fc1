import * as z from 'zod/mini';
import { answersFileSchema } from '../../answers/schema.js';
import { bankSchema } from '../../bank/schema.js';
import { configSchema } from '../../check/config.js';
import { EXIT } from '../../errors.js';
import { reportSchema } from '../../report/schema.js';
import type { Io } from '../io.js';
import type { GlobalOptions } from '../spec.js';

const SCHEMAS = {
  bank: { schema: bankSchema, title: 'service-audit question bank', io: 'input' },
  answers: { schema: answersFileSchema, title: 'service-audit answers file', io: 'input' },
  config: { schema: configSchema, title: 'service-audit check config (.service-audit.yaml)', io: 'input' },
  report: { schema: () => reportSchema, title: 'service-audit report (report --format json)', io: 'output' },
} as const;

export type SchemaKind = keyof typeof SCHEMAS;

/** The JSON Schema (draft-07) of a file format, generated from its zod schema so it cannot drift. */
export function jsonSchema(kind: SchemaKind): string {
  const { schema, title, io } = SCHEMAS[kind];
  const generated = z.toJSONSchema(schema(), { target: 'draft-07', io }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return `${JSON.stringify({ $schema, title, ...rest }, null, 2)}\n`;
}

export interface SchemaOptions {
  kind: SchemaKind;
}

export default function schemaCommand(io: Io, opts: SchemaOptions & GlobalOptions): number {
  io.stdout.write(jsonSchema(opts.kind));
  return EXIT.ok;
}
