import * as z from 'zod/mini';

/** Attaches a description that ends up in the JSON Schema (and so in editors). */
export const described = <T extends z.ZodMiniType>(schema: T, description: string): T =>
  schema.check(z.describe(description)) as T;
