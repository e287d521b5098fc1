import type * as z from 'zod/mini';
import type { Problem } from '../errors.js';
import type { RuleProblem } from './rules.js';
import { parseYaml, type PositionedDoc } from './document.js';
import { issuesToProblems } from './issues.js';

/** Places rule problems (data paths) at their line and column in the document. */
export function placeProblems(doc: PositionedDoc, found: readonly RuleProblem[]): Problem[] {
  return found.map((r) => {
    const pos = r.key ? doc.keyPositionOf(r.path) : doc.positionOf(r.path);
    return { file: doc.file, line: pos.line, col: pos.col, message: r.message, fix: r.fix };
  });
}

/**
 * The pipeline shared by banks, answers files and configs: parse YAML with positions,
 * check the zod schema, then run cross-field rules. Collects every problem; pure.
 */
export function validateYaml<S extends z.ZodMiniType>(
  file: string,
  source: string,
  schema: S,
  rules: readonly ((data: z.output<S>) => RuleProblem[])[],
): { data?: z.output<S>; doc?: PositionedDoc; problems: Problem[] } {
  const parsed = parseYaml(file, source);
  if (!parsed.doc) return { problems: parsed.problems };
  const doc = parsed.doc;
  const result = schema.safeParse(doc.data);
  if (!result.success) return { doc, problems: sortProblems(issuesToProblems(doc, schema, result.error.issues)) };
  const problems = sortProblems(placeProblems(doc, rules.flatMap((rule) => rule(result.data))));
  return problems.length > 0 ? { doc, problems } : { doc, data: result.data, problems };
}

/** Problems in file order, so the first line printed is the first thing to fix. */
export function sortProblems(problems: Problem[]): Problem[] {
  return [...problems].sort((a, b) => a.line - b.line || a.col - b.col);
}
