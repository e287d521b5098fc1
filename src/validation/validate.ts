import type * as z from 'zod/mini';
import type { Problem } from '../errors.js';
import type { RuleProblem } from './rules.js';
import { parseYaml, type PositionedDoc } from './document.js';
import { issuesToProblems, valueAt } from './issues.js';

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
  if (!result.success) {
    const problems = issuesToProblems(doc, schema, result.error.issues);
    // One bad value (a date, say) must not hide the rest of the file's problems: the rules
    // still run over the file without the values the schema refused, when that much is valid.
    const rest = withoutIssues(doc.data, result.error.issues);
    const again = rest === undefined ? undefined : schema.safeParse(rest);
    if (again?.success)
      problems.push(
        ...placeProblems(
          doc,
          rules.flatMap((rule) => rule(again.data)),
        ),
      );
    return { doc, problems: sortProblems(problems) };
  }
  const problems = sortProblems(
    placeProblems(
      doc,
      rules.flatMap((rule) => rule(result.data)),
    ),
  );
  return problems.length > 0 ? { doc, problems } : { doc, data: result.data, problems };
}

/** Problems in file order, so the first line printed is the first thing to fix. */
export function sortProblems(problems: Problem[]): Problem[] {
  return [...problems].sort((a, b) => a.line - b.line || a.col - b.col);
}

/**
 * A copy of the data without the mapping keys the schema refused, or undefined when a refused
 * value cannot simply be left out (an item of a list, or the whole file).
 */
function withoutIssues(
  data: unknown,
  issues: readonly { code: string; path: PropertyKey[]; keys?: string[] }[],
): unknown {
  const copy = structuredClone(data);
  for (const issue of issues) {
    const paths = issue.code === 'unrecognized_keys' ? (issue.keys ?? []).map((k) => [...issue.path, k]) : [issue.path];
    for (const path of paths) {
      const parent = valueAt(copy, path.slice(0, -1));
      const last = path[path.length - 1];
      if (typeof last !== 'string' || parent === null || typeof parent !== 'object' || Array.isArray(parent))
        return undefined;
      delete (parent as Record<string, unknown>)[last];
    }
  }
  return copy;
}
