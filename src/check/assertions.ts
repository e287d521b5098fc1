import type { ScoredView, ViewWeakness } from '../score/view.js';
import type { Assertion, Level } from './config.js';
import type { PlanFacts } from '../plan/facts.js';

/**
 * What a check sees besides the scores (issue 21): the plan's facts, and the answers past their
 * review date. A subject it lacks (no plan named, a pool that has no answer dates) is not measured.
 */
export interface LoopFacts {
  plan?: PlanFacts;
  /** Question ids of answers past their review date; absent when this view has no dated answers. */
  expired?: string[];
}

const NO_PLAN = 'no plan: name one with `plan:` in the config or --plan';

/** The outcome of one assertion, as every check format reports it. */
export interface AssertionResult {
  name: string;
  subject: string;
  operator: '>=' | '<=';
  expected: number;
  actual: number | null;
  passed: boolean;
  /** The view cannot measure this subject (e.g. the lead's questions on a pulse-only pool): neither pass nor fail. */
  notMeasured?: true;
  level: Level;
  message: string;
  /** The weakest answers behind a failed score, with their recommendations. */
  weaknesses: ViewWeakness[];
  /** Question ids behind the result, e.g. the unanswered ones. */
  questions: string[];
}

/** Operators are a table, not branches: what they compare, and the words for pass and fail. */
const OPERATORS = {
  minScore: { operator: '>=', pass: '≥', fail: '<', what: 'score', test: (a: number, e: number) => a >= e },
  max: { operator: '<=', pass: '≤', fail: '>', what: 'count', test: (a: number, e: number) => a <= e },
  min: { operator: '>=', pass: '≥', fail: '<', what: 'respondents', test: (a: number, e: number) => a >= e },
  minShare: { operator: '>=', pass: '≥', fail: '<', what: 'share', test: (a: number, e: number) => a >= e },
} as const;

interface Subject {
  subject: string;
  actual: number | null;
  /** Why there is no value (not scored, hidden, not measured). */
  why?: string;
  /** The subject cannot be measured on this view: reported, and neither passes nor fails. */
  notMeasured?: true;
  weaknesses: ViewWeakness[];
  questions: string[];
}

/** A count the view may not be able to give. */
function counted(subject: string, c: { ids: string[] } | { notMeasured: string }): Subject {
  if ('notMeasured' in c)
    return { subject, actual: null, why: c.notMeasured, notMeasured: true, weaknesses: [], questions: [] };
  return { subject, actual: c.ids.length, weaknesses: [], questions: c.ids };
}

/** What an assertion measures in the view: one subject, or one per area/element. */
function subjectsOf(a: Assertion, v: ScoredView, specific: ReadonlySet<string>, loop: LoopFacts = {}): Subject[] {
  const hidden = v.suppressed ? `hidden: ${v.suppressed}` : undefined;
  const element = (e: ScoredView['elements'][number]): Subject => ({
    subject: `element ${e.id}`,
    actual: e.score,
    ...(e.score === null && { why: hidden ?? `not scored (${e.why ?? 'nothing answered'})` }),
    // A pool that cannot measure an element (the lead's questions) says so; it is not a failure of the team.
    ...(e.score === null &&
      !hidden &&
      !e.missing &&
      e.why?.startsWith('not measured') && { notMeasured: true as const }),
    weaknesses: e.weaknesses,
    questions: e.weaknesses.map((w) => w.questionId),
  });
  const area = (ar: ScoredView['areas'][number]): Subject => {
    const inArea = v.elements.filter((e) => e.area === ar.id);
    const weaknesses = inArea.flatMap((e) => e.weaknesses).sort((x, y) => y.pointsToGain - x.pointsToGain);
    const unmeasured = inArea.every((e) => e.score === null && e.why?.startsWith('not measured'));
    return {
      subject: `area ${ar.id}`,
      actual: ar.score,
      ...(ar.score === null && {
        why:
          hidden ??
          (ar.missing.length > 0
            ? `not scored: incomplete, essential ${ar.missing.length === 1 ? 'element' : 'elements'} ${ar.missing.join(', ')} missing`
            : unmeasured
              ? 'not measured here'
              : 'not scored (nothing answered)'),
      }),
      ...(ar.score === null && !hidden && ar.missing.length === 0 && unmeasured && { notMeasured: true as const }),
      weaknesses,
      questions: weaknesses.map((w) => w.questionId),
    };
  };
  switch (a.kind) {
    case 'overall':
      return [
        {
          subject: 'overall',
          actual: v.overall.score,
          ...(v.overall.score === null && {
            why:
              hidden ??
              (v.overall.missing.length > 0
                ? `not scored: essential ${v.overall.missing.length === 1 ? 'element' : 'elements'} ${v.overall.missing.join(', ')} missing (no applicable answer)`
                : 'not scored (nothing answered)'),
          }),
          weaknesses: v.priorities,
          questions: v.priorities.map((w) => w.questionId),
        },
      ];
    case 'areas':
      return v.areas.filter((x) => !specific.has(`area ${x.id}`)).map(area);
    case 'area':
      return v.areas.filter((x) => x.id === a.target).map(area);
    case 'elements':
      return v.elements.filter((x) => !specific.has(`element ${x.id}`)).map(element);
    case 'element':
      return v.elements.filter((x) => x.id === a.target).map(element);
    case 'unanswered':
      return [counted('unanswered questions', v.unanswered)];
    case 'essential': {
      // Listed only when an element is missing: it is implied on every audit, not asked for.
      const ids = v.overall.missing;
      if (ids.length === 0) return [];
      return [
        {
          subject: `essential ${ids.length === 1 ? 'element' : 'elements'} missing (${ids.join(', ')}: no applicable answer, so no overall score)`,
          actual: ids.length,
          weaknesses: [],
          questions: ids,
        },
      ];
    }
    case 'notApplicable':
      return [counted('not-applicable answers', v.notApplicable)];
    case 'overdue':
      return [counted('overdue actions', loop.plan ? { ids: loop.plan.overdue } : { notMeasured: NO_PLAN })];
    case 'noOwner':
      return [
        counted('open actions without an owner', loop.plan ? { ids: loop.plan.noOwner } : { notMeasured: NO_PLAN }),
      ];
    case 'unplanned': {
      const top = a.top ?? 5;
      return [
        counted(
          `weaknesses of the top ${top} of Fix first with no action`,
          loop.plan ? { ids: loop.plan.unplanned(top) } : { notMeasured: NO_PLAN },
        ),
      ];
    }
    case 'expired':
      return [
        counted(
          'answers past their review date',
          loop.expired ? { ids: loop.expired } : { notMeasured: 'a pool carries no answer dates' },
        ),
      ];
    case 'respondents':
      return [
        'n' in v.respondents
          ? { subject: 'team respondents', actual: v.respondents.n, weaknesses: [], questions: [] }
          : {
              subject: 'team respondents',
              actual: null,
              why: v.respondents.notMeasured,
              notMeasured: true,
              weaknesses: [],
              questions: [],
            },
      ];
    case 'benchmark': {
      const id = a.target!;
      const shares = Array.isArray(v.shares) ? v.shares : [];
      const share = shares.find((x) => x.element === id || x.element.split('.').slice(1).join('.') === id);
      const why = !Array.isArray(v.shares)
        ? v.shares.notMeasured
        : (hidden ?? 'nobody answered the statement (or fewer than the floor)');
      return [
        {
          subject: `share holding ${share?.element ?? id} fully`,
          actual: share?.share ?? null,
          why,
          weaknesses: [],
          questions: [],
        },
      ];
    }
  }
}

/**
 * Evaluates assertions against a scored view (single, pooled or combined). Pure: data in,
 * results out. A subject with no score is "not scored" and fails; a subject this view cannot
 * measure is reported as "not measured" and neither passes nor fails. An element or area named
 * by its own assertion is not evaluated again by `elements` or `areas`.
 */
export function evaluate(assertions: readonly Assertion[], v: ScoredView, loop: LoopFacts = {}): AssertionResult[] {
  const specific = new Set(
    assertions.flatMap((a) =>
      a.kind === 'element' ? [`element ${a.target}`] : a.kind === 'area' ? [`area ${a.target}`] : [],
    ),
  );
  return assertions.flatMap((a) => {
    const key = (['minScore', 'max', 'min', 'minShare'] as const).find((k) => a[k] !== undefined)!;
    const op = OPERATORS[key];
    const expected = a[key]!;
    return subjectsOf(a, v, specific, loop).map((s): AssertionResult => {
      const passed = s.actual !== null && op.test(s.actual, expected);
      const message =
        s.actual === null
          ? `${s.subject}: ${s.why ?? 'not scored'}`
          : `${s.subject}: ${op.what} ${s.actual}${key === 'minShare' ? '%' : ''} ${passed ? op.pass : op.fail} ${expected}`;
      return {
        name: a.name,
        subject: s.subject,
        operator: op.operator,
        expected,
        actual: s.actual,
        passed,
        ...(s.notMeasured && { notMeasured: true as const }),
        level: a.level,
        message: passed || s.notMeasured ? message : `${message} (${a.level})`,
        weaknesses: passed || s.notMeasured ? [] : s.weaknesses.slice(0, 3),
        questions: passed || s.notMeasured ? [] : s.questions,
      };
    });
  });
}

/** Counts failures by level; only errors fail the check. Subjects not measured are counted apart. */
export function summarise(results: readonly AssertionResult[]) {
  const failed = (level: Level) => results.filter((r) => !r.passed && !r.notMeasured && r.level === level).length;
  const errors = failed('error');
  return {
    passed: errors === 0,
    errors,
    warnings: failed('warn'),
    ok: results.filter((r) => r.passed).length,
    notMeasured: results.filter((r) => r.notMeasured).length,
  };
}
