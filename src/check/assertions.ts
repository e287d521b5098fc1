import type { ReportModel, ReportWeakness } from '../report/schema.js';
import type { Assertion, Level } from './config.js';

/** The outcome of one assertion, as every check format reports it. */
export interface AssertionResult {
  name: string;
  subject: string;
  operator: '>=' | '<=';
  expected: number;
  actual: number | null;
  passed: boolean;
  level: Level;
  message: string;
  /** The weakest answers behind a failed score, with their recommendations. */
  weaknesses: ReportWeakness[];
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

/** What a check can see of a team pool besides the scores: its size and engagement shares. */
export interface PoolFacts {
  respondents: number;
  /** Why the pool's results are hidden (under the floor); null when shown. */
  suppressed: string | null;
  shares: { element: string; share: number | null }[];
}

interface Subject {
  subject: string;
  actual: number | null;
  /** Why a null actual is acceptable (e.g. every question not applicable). */
  nullPasses?: string;
  /** Why there is no value, when that fails (default: nothing answered). */
  nullFails?: string;
  weaknesses: ReportWeakness[];
  questions: string[];
}

/** What an assertion measures in the report: one subject, or one per area/element. */
function subjectsOf(a: Assertion, m: ReportModel, pool?: PoolFacts): Subject[] {
  const hidden = pool?.suppressed ? { nullFails: `hidden: ${pool.suppressed}` } : {};
  const element = (e: ReportModel['elements'][number]): Subject => ({
    subject: `element ${e.id}`,
    actual: e.score,
    ...hidden,
    ...(e.score === null && e.unanswered === 0 && !pool && { nullPasses: 'every question not applicable' }),
    // In a pool, an element no team member answered is the lead's to answer, not the team's.
    ...(e.score === null && pool && !pool.suppressed && { nullPasses: 'no team answers (a question for the lead)' }),
    weaknesses: e.weaknesses,
    questions: e.weaknesses.map((w) => w.questionId),
  });
  const area = (ar: ReportModel['areas'][number]): Subject => {
    const weaknesses = m.elements
      .filter((e) => e.area === ar.id)
      .flatMap((e) => e.weaknesses)
      .sort((x, y) => y.pointsToGain - x.pointsToGain);
    return {
      subject: `area ${ar.id}`,
      actual: ar.score,
      ...hidden,
      ...(ar.score === null && pool && !pool.suppressed && { nullPasses: 'no team answers (questions for the lead)' }),
      weaknesses,
      questions: weaknesses.map((w) => w.questionId),
    };
  };
  switch (a.kind) {
    case 'overall':
      return [
        {
          subject: 'overall',
          actual: m.overall.score,
          ...hidden,
          weaknesses: m.priorities,
          questions: m.priorities.map((w) => w.questionId),
        },
      ];
    case 'areas':
      return m.areas.map(area);
    case 'area':
      return m.areas.filter((x) => x.id === a.target).map(area);
    case 'elements':
      return m.elements.map(element);
    case 'element':
      return m.elements.filter((x) => x.id === a.target).map(element);
    case 'unanswered':
      return [
        { subject: 'unanswered questions', actual: m.unanswered.length, weaknesses: [], questions: m.unanswered },
      ];
    case 'notApplicable':
      return [
        {
          subject: 'not-applicable answers',
          actual: m.notApplicable.length,
          weaknesses: [],
          questions: m.notApplicable.map((n) => n.questionId),
        },
      ];
    case 'respondents':
      return [{ subject: 'team respondents', actual: pool ? pool.respondents : 1, weaknesses: [], questions: [] }];
    case 'benchmark': {
      const id = a.target!;
      const share = pool?.shares.find((x) => x.element === id || x.element.split('.').slice(1).join('.') === id);
      const nullFails = !pool
        ? 'measured only on a team pool (give several answers files, a folder or a CSV)'
        : pool.suppressed
          ? `hidden: ${pool.suppressed}`
          : 'nobody answered the statement';
      return [
        {
          subject: `share holding ${share?.element ?? id} fully`,
          actual: share?.share ?? null,
          nullFails,
          weaknesses: [],
          questions: [],
        },
      ];
    }
  }
}

/** Evaluates assertions against a report model. Pure: data in, results out. */
export function evaluate(assertions: readonly Assertion[], m: ReportModel, pool?: PoolFacts): AssertionResult[] {
  return assertions.flatMap((a) => {
    const key = (['minScore', 'max', 'min', 'minShare'] as const).find((k) => a[k] !== undefined)!;
    const op = OPERATORS[key];
    const expected = a[key]!;
    return subjectsOf(a, m, pool).map((s): AssertionResult => {
      const passed = s.actual === null ? s.nullPasses !== undefined : op.test(s.actual, expected);
      const actualText =
        s.actual === null
          ? (s.nullPasses ?? s.nullFails ?? 'nothing answered')
          : `${op.what} ${s.actual}${key === 'minShare' ? '%' : ''}`;
      const message =
        s.actual === null
          ? `${s.subject}: ${actualText}`
          : `${s.subject}: ${actualText} ${passed ? op.pass : op.fail} ${expected}`;
      return {
        name: a.name,
        subject: s.subject,
        operator: op.operator,
        expected,
        actual: s.actual,
        passed,
        level: a.level,
        message: passed ? message : `${message} (${a.level})`,
        weaknesses: passed ? [] : s.weaknesses.slice(0, 3),
        questions: passed ? [] : s.questions,
      };
    });
  });
}

/** Counts failures by level; only errors fail the check. */
export function summarise(results: readonly AssertionResult[]) {
  const errors = results.filter((r) => !r.passed && r.level === 'error').length;
  const warnings = results.filter((r) => !r.passed && r.level === 'warn').length;
  return { passed: errors === 0, errors, warnings, ok: results.filter((r) => r.passed).length };
}
