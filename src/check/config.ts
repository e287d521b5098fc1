import * as z from 'zod/mini';
import type { RuleProblem } from '../validation/rules.js';
import type { Bank } from '../bank/schema.js';
import { described } from '../validation/describe.js';
import type { Problem } from '../errors.js';
import { closest, didYouMean } from '../validation/closest.js';
import { validateYaml } from '../validation/validate.js';

function buildConfigSchema() {
  const level = described(
    z._default(z.enum(['error', 'warn']), 'error'),
    'error fails the check (exit 1); warn is only printed.',
  );
  const scoreAssertion = z.strictObject({ minScore: z.number().check(z.gte(0), z.lte(100)), level });
  const countAssertion = z.strictObject({ max: z.int().check(z.gte(0)), level });
  const respondentsAssertion = z.strictObject({
    min: described(z.int().check(z.gte(1)), 'The fewest team respondents the pool must have.'),
    level,
  });
  const shareAssertion = z.strictObject({
    minShare: described(
      z.number().check(z.gte(0), z.lte(100)),
      'The lowest share (0-100) of respondents who hold the statement fully.',
    ),
    level,
  });
  return z.strictObject({
    bank: z.optional(
      described(
        z.string().check(z.minLength(1)),
        'The question bank to use (default: the built-in bank), relative to this file.',
      ),
    ),
    answers: z.optional(
      described(z.string().check(z.minLength(1)), 'The default answers file for --answers, relative to this file.'),
    ),
    plan: z.optional(
      described(
        z.string().check(z.minLength(1)),
        "The action plan (service-audit plan), relative to this file: reports show each weakness's action, and check may assert overdue, noOwner and unplanned.",
      ),
    ),
    teamSize: z.optional(
      described(
        z.int().check(z.gte(1)),
        'How many people the team has: team reports show the participation rate (respondents / team size).',
      ),
    ),
    assertions: z._default(
      z.catchall(
        z.object({
          overall: z.optional(described(scoreAssertion, 'The overall score.')),
          areas: z.optional(described(scoreAssertion, 'Every area.')),
          elements: z.optional(described(scoreAssertion, 'Every element.')),
          unanswered: z.optional(described(countAssertion, 'How many questions may be left unanswered.')),
          notApplicable: z.optional(described(countAssertion, 'How many questions may be marked not applicable.')),
          respondents: z.optional(
            described(respondentsAssertion, 'Team report: how many team respondents the pool must have.'),
          ),
          overdue: z.optional(described(countAssertion, "How many of the plan's actions may be overdue.")),
          noOwner: z.optional(described(countAssertion, 'How many open actions of the plan may have no owner.')),
          unplanned: z.optional(
            described(
              z.strictObject({
                max: z.int().check(z.gte(0)),
                top: z._default(
                  described(z.int().check(z.gte(1)), 'How many of Fix first are looked at (default 5).'),
                  5,
                ),
                level,
              }),
              'How many of the top weaknesses of Fix first may have no action in the plan.',
            ),
          ),
          expired: z.optional(
            described(countAssertion, "How many answers may be past their review date (the bank's review days)."),
          ),
        }),
        described(
          z.union([scoreAssertion, shareAssertion]),
          '"area:<id>" or "element:<area>.<element>" with minScore: one area or element. "benchmark:<element>" with minShare: the share of a team pool who hold that engagement statement fully.',
        ),
      ),
      {},
    ),
  });
}

let configSchemaCache: ReturnType<typeof buildConfigSchema> | undefined;
/** Built on first use. */
export const configSchema = () => (configSchemaCache ??= buildConfigSchema());

export type Config = z.output<ReturnType<typeof configSchema>>;
export type Level = 'error' | 'warn';

/** One assertion to evaluate: a target, an operator from the table, the expected value and a level. */
export interface Assertion {
  name: string;
  kind:
    | 'overall'
    | 'areas'
    | 'elements'
    | 'area'
    | 'element'
    | 'unanswered'
    | 'notApplicable'
    | 'respondents'
    | 'benchmark'
    /** The plan (issue 21): overdue actions, open actions without an owner, top weaknesses with no action. */
    | 'overdue'
    | 'noOwner'
    | 'unplanned'
    /** Answers past their review date. */
    | 'expired'
    /** Implied on every audit: no essential element may be missing. */
    | 'essential';
  target?: string;
  minScore?: number;
  max?: number;
  /** respondents: the fewest team respondents. */
  min?: number;
  /** benchmark: the lowest share (0-100) who hold the statement fully. */
  minShare?: number;
  /** unplanned: how many of Fix first are looked at. */
  top?: number;
  level: Level;
}

const FIXED = [
  'overall',
  'areas',
  'elements',
  'unanswered',
  'notApplicable',
  'respondents',
  'overdue',
  'noOwner',
  'unplanned',
  'expired',
];

/**
 * The element a `benchmark:<id>` key names: its full id (`engagement.trust`) or, when that is
 * unambiguous, the element's own id (`trust`). Only elements whose benchmark has a pulse statement.
 */
export function benchmarkElement(bank: Bank, id: string): string | undefined {
  const pulsed = bank.areas.flatMap((a) => a.elements.filter((e) => e.benchmark?.pulse).map((e) => e.id));
  if (pulsed.includes(id)) return id;
  const short = pulsed.filter((e) => e.split('.').slice(1).join('.') === id);
  return short.length === 1 ? short[0] : undefined;
}

/** Rules that need the bank: `area:` and `element:` keys must name real areas and elements. */
function assertionKeys(bank: Bank) {
  const areas = bank.areas.map((a) => a.id);
  const elements = bank.areas.flatMap((a) => a.elements.map((e) => e.id));
  return (config: Config): RuleProblem[] => {
    const out: RuleProblem[] = [];
    for (const key of Object.keys(config.assertions)) {
      if (FIXED.includes(key)) continue;
      const [kind, id] = key.split(/:(.*)/s) as [string, string | undefined];
      const path = ['assertions', key];
      if (kind === 'area' && id !== undefined) {
        if (!areas.includes(id))
          out.push({
            path,
            key: true,
            message: `unknown area "${id}"`,
            fix: closest(id, areas)
              ? didYouMean(`area:${closest(id, areas)}`)
              : `use one of: ${areas.map((a) => `area:${a}`).join(', ')}`,
          });
      } else if (kind === 'benchmark' && id !== undefined) {
        const pulsed = bank.areas.flatMap((a) =>
          a.elements.filter((e) => e.benchmark?.pulse).map((e) => e.id.split('.').slice(1).join('.')),
        );
        const value = config.assertions[key] as { minShare?: number };
        if (!benchmarkElement(bank, id))
          out.push({
            path,
            key: true,
            message: `no engagement statement "${id}" with a team pulse`,
            fix: closest(id, pulsed)
              ? didYouMean(`benchmark:${closest(id, pulsed)}`)
              : pulsed.length
                ? `use one of: ${pulsed.map((p) => `benchmark:${p}`).join(', ')}`
                : 'this bank has no benchmark with a pulse statement',
          });
        else if (value.minShare === undefined)
          out.push({
            path: [...path],
            key: true,
            message: `${key} takes minShare, not minScore`,
            fix: `write ${key}: { minShare: 37 } (the share of respondents, 0-100)`,
          });
      } else if (
        (kind === 'area' || kind === 'element') &&
        (config.assertions[key] as { minScore?: number }).minScore === undefined
      ) {
        out.push({
          path,
          key: true,
          message: `${key} takes minScore, not minShare`,
          fix: `write ${key}: { minScore: 60 }`,
        });
      } else if (kind === 'element' && id !== undefined) {
        if (!elements.includes(id))
          out.push({
            path,
            key: true,
            message: `unknown element "${id}"`,
            fix: closest(id, elements)
              ? didYouMean(`element:${closest(id, elements)}`)
              : `name an element as area.element, e.g. element:${elements[0]} (\`service-audit bank\` lists them)`,
          });
      } else {
        const near = closest(key, FIXED);
        out.push({
          path,
          key: true,
          message: `unknown assertion "${key}"`,
          fix: near
            ? didYouMean(near)
            : `use ${FIXED.join(', ')}, area:<id>, element:<area>.<element> or benchmark:<element>`,
        });
      }
    }
    return out;
  };
}

/** Validates a config file's text (against the bank it will be used with). Pure. */
export function parseConfig(file: string, source: string, bank?: Bank): { config?: Config; problems: Problem[] } {
  const { data, problems } = validateYaml(file, source, configSchema(), bank ? [assertionKeys(bank)] : []);
  return data ? { config: data, problems } : { problems };
}

/** The config's assertions plus command-line flags (flags win), as a flat list. */
export function assertionsFrom(
  config: Config | undefined,
  flags: { minScore?: number; minElementScore?: number },
  team?: { minGroup: number },
): Assertion[] {
  const entries = { ...(config?.assertions ?? {}) } as Record<
    string,
    { minScore?: number; max?: number; min?: number; minShare?: number; top?: number; level: Level }
  >;
  if (flags.minScore !== undefined) entries.overall = { minScore: flags.minScore, level: 'error' };
  if (flags.minElementScore !== undefined) entries.elements = { minScore: flags.minElementScore, level: 'error' };
  // With nothing asserted, `check` asserts that the answers are complete. When scores are
  // asserted but completeness is not, missing answers are still worth a warning: a score over
  // half the questions can pass a gate the whole audit would fail.
  // A team pool answers the team's statements, not the lead's questions, so completeness means
  // nothing there; with nothing asserted, a pool must be large enough to show its results.
  if (team) {
    if (Object.keys(entries).length === 0) entries.respondents = { min: team.minGroup, level: 'error' };
  } else {
    if (!('unanswered' in entries))
      entries.unanswered = { max: 0, level: Object.keys(entries).length === 0 ? 'error' : 'warn' };
    // An essential element with no applicable answer leaves the audit without a verdict: always an error.
    entries.essential = { max: 0, level: 'error' };
  }
  return Object.entries(entries).map(([name, a]) => {
    const [kind, target] = name.includes(':')
      ? (name.split(/:(.*)/s) as [Assertion['kind'], string])
      : [name as Assertion['kind'], undefined];
    return {
      name,
      kind,
      ...(target !== undefined && { target }),
      ...(a.minScore !== undefined && { minScore: a.minScore }),
      ...(a.max !== undefined && { max: a.max }),
      ...(a.min !== undefined && { min: a.min }),
      ...(a.minShare !== undefined && { minShare: a.minShare }),
      ...(a.top !== undefined && { top: a.top }),
      level: a.level,
    };
  });
}
