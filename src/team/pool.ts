import { answerOf, type Answers } from '../answers/schema.js';
import type { Bank } from '../bank/schema.js';
import { creditOf, labelOf, round1, scoreResults, type Scores } from '../score/score.js';
import { DEFAULT_MIN_GROUP, MIN_POOL_FOR_NOTES, notesShown, planGroups, planItem } from './anonymity.js';
import type {
  LeftOut,
  PerceptionGap,
  TeamElement,
  TeamGroup,
  TeamQuestion,
  TeamReport,
  TeamResults,
  TeamWeakness,
} from './model.js';
import { pooledResults } from './pooled.js';
import { engagementOf, statementsOf } from './shares.js';
import { contentShuffle, meanSorted, quantileSorted, sortNumbers } from './stats.js';
import { addMarks, answeredOf, isTyped, layoutOf, memoMarks, newTally, type Layout, type Tally } from './tally.js';

/** Points of interquartile range from which an element counts as a disagreement. */
export const DISAGREEMENT_SPREAD = 40;

const round2 = (x: number) => Math.round(x * 100) / 100;

export interface FinishOptions {
  toolVersion: string;
  bankSha256: string;
  /** Files and CSV rows read, good or bad. */
  inputs: number;
  leftOut: LeftOut[];
  minGroup?: number;
  priorities?: number;
  /** The team's size, when known: the participation rate is shown. */
  teamSize?: number;
}

/** A pool being filled one respondent at a time; holds counts and scores, never whole documents. */
export interface Pool {
  /**
   * Adds one respondent's validated answers, and the general comments they wrote (a CSV's
   * free-text column); a lead's comments are not kept, like a lead's notes.
   */
  add(answers: Answers, comments?: readonly string[]): void;
  /** How many respondents were added (team and leads). */
  readonly size: number;
  /** The pool's tally and layout, for the combined report (the lead's audit with this pulse). */
  readonly tally: Tally;
  readonly layout: Layout;
  /** The team report. Pure in the respondents added: the same set in any order gives the same model. */
  finish(o: FinishOptions): TeamReport;
}

/** Starts an empty pool for answers given against `bank`. */
export function createPool(bank: Bank): Pool {
  const layout = layoutOf(bank);
  const total = newTally(layout);
  const groups = new Map<string, Tally>();
  let ungrouped = 0;
  const leads: Answers[] = [];
  const notes: { questionId: string; note: string }[] = [];
  const comments: string[] = [];
  let size = 0;
  const marksOf = memoMarks(layout);
  return {
    get size() {
      return size;
    },
    tally: total,
    layout,
    add(answers, generalComments = []) {
      size++;
      if (answers.role === 'lead') {
        leads.push(answers);
        return;
      }
      const m = marksOf(answers);
      addMarks(total, m);
      if (answers.group !== undefined) {
        let g = groups.get(answers.group);
        if (!g) {
          g = newTally(layout);
          groups.set(answers.group, g);
        }
        addMarks(g, m);
      } else ungrouped++;
      for (const [questionId, a] of Object.entries(answers.answers))
        if (a.note && a.note.trim() !== '' && layout.questionIndex.has(questionId))
          notes.push({ questionId, note: a.note.trim() });
      for (const c of generalComments) if (c.trim() !== '') comments.push(c.trim());
    },
    finish(o) {
      return finishPool(layout, { total, groups, ungrouped, leads, notes, comments, size }, o);
    },
  };
}

interface PoolState {
  total: Tally;
  groups: Map<string, Tally>;
  ungrouped: number;
  leads: Answers[];
  notes: { questionId: string; note: string }[];
  comments: string[];
  size: number;
}

/** The team report from a filled pool. Pure. */
function finishPool(layout: Layout, st: PoolState, o: FinishOptions): TeamReport {
  const { bank } = layout;
  const minGroup = o.minGroup ?? DEFAULT_MIN_GROUP;
  const leftOut = [...o.leftOut].sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
  const teamSize = o.teamSize ?? null;
  const base = {
    schema: 'team-report' as const,
    schemaVersion: 3 as const,
    tool: { name: 'service-audit' as const, version: o.toolVersion },
    bank: { id: bank.id, version: bank.version, title: bank.title, sha256: o.bankSha256 },
    pool: {
      inputs: o.inputs,
      used: st.size,
      respondents: st.total.n,
      leads: st.leads.length,
      leftOut,
      minGroup,
      teamSize,
      participation: teamSize === null || teamSize <= 0 ? null : round1((100 * st.total.n) / teamSize),
    },
    bands: bank.bands.map(({ id, label, min }) => ({ id, label, min })),
  };
  if (st.total.n < minGroup) {
    const who = st.total.n === 1 ? '1 team respondent' : `${st.total.n} team respondents`;
    return {
      ...base,
      suppressed: `only ${who} in the pool; results are shown from ${minGroup}, so that no one's answers can be read from them`,
      results: null,
      groups: [],
      priorities: [],
      perceptionGap: [],
      notes: { shown: false, reason: 'the pool is under the floor', items: [], comments: [] },
    };
  }
  const { results, scores } = teamResultsOf(layout, st.total, minGroup, o.priorities ?? 5);
  const sizes = new Map([...st.groups].map(([name, t]) => [name, t.n]));
  const plan = planGroups(sizes, st.ungrouped, minGroup);
  const shown = new Set([...plan].filter(([, hidden]) => hidden === null).map(([name]) => name));
  const masks = itemMasks(layout, st, shown, minGroup);
  const teamGroups: TeamGroup[] = [...plan].map(([name, hidden]) => ({
    name,
    respondents: hidden === null ? sizes.get(name)! : null,
    hidden,
    results:
      hidden === null
        ? teamResultsOf(layout, masked(st.groups.get(name)!, masks.get(name)!), minGroup, 0).results
        : null,
  }));
  // Notes per item: only where at least MIN_POOL_FOR_NOTES people answered that item.
  const noteItems = new Set(
    layout.list
      .filter(({ question: q }, i) => notesShown(answeredOf(q, st.total.questions[i]!), st.total.n))
      .map(({ question: q }) => q.id),
  );
  const poolNotes = st.notes.filter((x) => noteItems.has(x.questionId));
  return {
    ...base,
    suppressed: null,
    results,
    groups: teamGroups,
    priorities: teamPriorities(scores),
    perceptionGap: perceptionGaps(layout, st.leads, results),
    notes:
      st.total.n >= MIN_POOL_FOR_NOTES
        ? {
            shown: true,
            reason: null,
            items: contentShuffle(poolNotes, (x) => `${x.questionId}\u0000${x.note}`),
            // A general comment answers no item: the pool itself is its item (every team respondent).
            comments: notesShown(st.total.n, st.total.n) ? contentShuffle(st.comments, (x) => x) : [],
          }
        : {
            shown: false,
            reason: `notes are shown from ${MIN_POOL_FOR_NOTES} team respondents, so that the way a note is written cannot point to its writer`,
            items: [],
            comments: [],
          },
  };
}

/**
 * Per shown group, the items (question indexes) it may not show: complementary suppression per
 * item (planItem), so that no item's figure of a group rests on fewer than the floor, nor lets
 * the pool minus the shown groups be fewer than the floor for that item. Pure.
 */
function itemMasks(l: Layout, st: PoolState, shown: ReadonlySet<string>, floor: number): Map<string, Set<number>> {
  const masks = new Map([...shown].map((g) => [g, new Set<number>()]));
  l.list.forEach(({ question: q }, i) => {
    const byGroup = new Map([...shown].map((g) => [g, answeredOf(q, st.groups.get(g)!.questions[i]!)]));
    const plan = planItem(byGroup, answeredOf(q, st.total.questions[i]!), shown, floor);
    for (const g of shown) if (!plan.groups.has(g)) masks.get(g)!.add(i);
  });
  return masks;
}

/** A tally with some items emptied: what a group shows when those items are suppressed for it. Pure. */
function masked(t: Tally, items: ReadonlySet<number>): Tally {
  if (items.size === 0) return t;
  return {
    ...t,
    questions: t.questions.map((qt, i) =>
      items.has(i) ? { counts: qt.counts.map(() => 0), na: 0, percents: [], credits: [] } : qt,
    ),
  };
}

/** Fix first of a pool, from the one engine's ranking. */
export function teamPriorities(scores: Scores): TeamWeakness[] {
  return scores.priorities.map((w) => {
    const r = scores.elements
      .find((e) => e.element.id === w.elementId)!
      .results.find((x) => x.question.id === w.questionId)!;
    return {
      questionId: w.questionId,
      element: w.elementId,
      text: w.text,
      meanCredit: round2(w.credit),
      answered: r.n ?? 1,
      critical: w.critical,
      importance: w.importance,
      pointsToGain: round1(w.pointsToGain),
      recommendation: w.recommendation,
      why: w.why!,
    };
  });
}

/**
 * Everything measured over one set of respondents: scores from the one engine on pooled credits
 * (items under the floor left out), each element's spread from its respondents' own scores.
 */
export function teamResultsOf(
  l: Layout,
  t: Tally,
  floor: number,
  priorities: number,
): { results: TeamResults; scores: Scores } {
  const { bank } = l;
  const { byQuestion, leftOutByFloor } = pooledResults(l, t, floor);
  const scores = scoreResults(bank, byQuestion, { priorities });
  const elements: TeamElement[] = l.elements.map(({ area, element }, i) => {
    const xs = sortNumbers([...t.elements[i]!]);
    const q1 = xs.length ? quantileSorted(xs, 0.25) : null;
    const q3 = xs.length ? quantileSorted(xs, 0.75) : null;
    const spread = q1 === null || q3 === null ? null : q3 - q1;
    const e = scores.elements[i]!;
    return {
      id: element.id,
      title: element.title,
      area: area.id,
      score: e.score,
      band: e.band?.id ?? null,
      missing: e.missing,
      respondents: xs.length,
      q1: q1 === null ? null : round1(q1),
      q3: q3 === null ? null : round1(q3),
      spread: spread === null ? null : round1(spread),
      disagreement: spread !== null && spread >= DISAGREEMENT_SPREAD - 1e-9,
    };
  });
  return {
    scores,
    results: {
      respondents: t.n,
      overall: {
        score: scores.overall.score,
        band: scores.overall.band?.id ?? null,
        missing: [...scores.overall.missing],
      },
      areas: scores.areas.map((a) => ({
        id: a.id,
        title: a.title,
        score: a.score,
        band: a.band?.id ?? null,
        missing: [...a.missing],
      })),
      elements,
      questions: questionsOf(l, t, floor),
      statements: statementsOf(l, t, floor),
      engagement: engagementOf(l, t, floor),
      leftOutByFloor,
    },
  };
}

/** How the set answered each question it saw: distributions and mean credit. */
function questionsOf(l: Layout, t: Tally, floor: number): TeamQuestion[] {
  const out: TeamQuestion[] = [];
  l.list.forEach(({ question: q, element }, i) => {
    const qa = t.questions[i]!;
    const answered = answeredOf(q, qa);
    // An item answered by fewer than the floor shows nothing, not even its counts (it is counted
    // in leftOutByFloor): a distribution of one is that person's answer.
    if (answered < floor) return;
    const meanCredit =
      answered === 0
        ? null
        : isTyped(q)
          ? meanSorted(sortNumbers([...qa.credits]))
          : q.options!.reduce((s, opt, k) => s + opt.credit * qa.counts[k]!, 0) / answered;
    out.push({
      id: q.id,
      element: element.id,
      text: q.text,
      type: q.type,
      audience: q.audience,
      answered,
      notApplicable: qa.na,
      distribution: isTyped(q)
        ? null
        : q.options!.map((opt, k) => ({ value: opt.value, label: opt.label, count: qa.counts[k]! })),
      meanCredit: meanCredit === null ? null : round2(meanCredit),
      ...(q.type === 'percent' && {
        meanPercent: answered === 0 ? null : round1(meanSorted(sortNumbers([...qa.percents]))),
      }),
    });
  });
  return out;
}

/**
 * Each lead beside the team, like with like only: a prediction (`predicts`) beside the measured
 * % favourable of that statement; the lead's answer to a benchmark question beside the team's
 * top-box share; the lead's answer to a statement the team answered beside the team's mean
 * credit. Leads are ordered by their answers and labelled by number.
 */
export function perceptionGaps(l: Layout, leads: readonly Answers[], team: TeamResults): PerceptionGap[] {
  const { list, elements } = l;
  const canonical = (a: Answers) =>
    JSON.stringify(
      Object.keys(a.answers)
        .sort()
        .map((k) => [k, a.answers[k]!.value ?? null, a.answers[k]!.na === undefined ? 0 : 1]),
    );
  const sorted = leads
    .map((a) => ({ a, key: canonical(a) }))
    .sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
  const gap = (x: number | null, y: number | null) => (x === null || y === null ? null : round1(x - y));
  return sorted.map(({ a }, i): PerceptionGap => {
    const predictions = list.flatMap(({ question: q }) => {
      const v = answerOf(a, q.id)?.value;
      if (q.predicts === undefined || typeof v !== 'number') return [];
      const measured = team.statements.find((s) => s.id === q.predicts)?.favourable.share ?? null;
      const statement = list.find((x) => x.question.id === q.predicts)!.question;
      return [
        {
          questionId: q.id,
          statement: statement.id,
          text: statement.text,
          predicted: v,
          team: measured,
          gap: gap(v, measured),
        },
      ];
    });
    const guesses = team.engagement.flatMap((sh) => {
      const bm = elements.find((x) => x.element.id === sh.element)!.element.benchmark!;
      // A bank that measures the share only in the pulse names no lead question to compare.
      if (bm.question === undefined) return [];
      const given = answerOf(a, bm.question);
      const guess = given?.value !== undefined && typeof given.value === 'number' ? given.value : null;
      return {
        element: sh.element,
        statement: sh.statement,
        question: bm.question,
        guess,
        team: sh.share,
        gap: gap(guess, sh.share),
      };
    });
    const answers = list
      .filter(({ question: q }) => q.audience === 'team' && answerOf(a, q.id)?.value !== undefined)
      .map(({ question: q }) => {
        const v = answerOf(a, q.id)!.value!;
        return {
          questionId: q.id,
          lead: labelOf(q, v),
          leadCredit: round2(creditOf(q, v)),
          team: team.questions.find((t) => t.id === q.id)?.meanCredit ?? null,
        };
      });
    return { label: `Lead ${i + 1}`, predictions, guesses, answers };
  });
}
