import { answerOf, type Answers } from '../answers/schema.js';
import { questionsOf } from '../bank/queries.js';
import type { Bank, Question } from '../bank/schema.js';
import { bandFor, creditOf, labelOf, round1, scoreAudit, type Scores } from '../score/score.js';
import { DEFAULT_MIN_GROUP, MIN_POOL_FOR_NOTES, planGroups } from './anonymity.js';
import type {
  LeftOut,
  PerceptionGap,
  TeamElement,
  TeamGroup,
  TeamQuestion,
  TeamReport,
  TeamResults,
  TeamShare,
  TeamWeakness,
} from './model.js';
import { contentShuffle, meanSorted, quantileSorted, sortNumbers, wilson } from './stats.js';

/** A question whose answer is typed (a percent or a number), pooled by its credits, not by option counts. */
const isTyped = (q: Question) => q.type === 'percent' || q.type === 'number';

/** Points of interquartile range from which an element counts as a disagreement. */
export const DISAGREEMENT_SPREAD = 40;

const round2 = (x: number) => Math.round(x * 100) / 100;

/** What one set of respondents (the pool, or a group) adds up to, kept as counts and score lists. */
interface Acc {
  n: number;
  overall: number[];
  areas: number[][];
  elements: number[][];
  /** Per question (bank order): count per option (option order), N/A count, percent values and credits. */
  questions: { counts: number[]; na: number; percents: number[]; credits: number[] }[];
}

export interface FinishOptions {
  toolVersion: string;
  bankSha256: string;
  /** Files and CSV rows read, good or bad. */
  inputs: number;
  leftOut: LeftOut[];
  minGroup?: number;
  priorities?: number;
}

/** A pool being filled one respondent at a time; holds counts and scores, never whole documents. */
export interface Pool {
  /** Adds one respondent's validated answers. */
  add(answers: Answers): void;
  /** How many respondents were added (team and leads). */
  readonly size: number;
  /** The team report. Pure in the respondents added: the same set in any order gives the same model. */
  finish(o: FinishOptions): TeamReport;
}

/** Starts an empty pool for answers given against `bank`. */
export function createPool(bank: Bank): Pool {
  const list = questionsOf(bank);
  const elements = bank.areas.flatMap((a) => a.elements.map((e) => ({ area: a, element: e })));
  const questionIndex = new Map(list.map((x, i) => [x.question.id, i]));
  const optionIndex = list.map((x) => new Map((x.question.options ?? []).map((o, i) => [o.value, i])));
  const newAcc = (): Acc => ({
    n: 0,
    overall: [],
    areas: bank.areas.map(() => []),
    elements: elements.map(() => []),
    questions: list.map((x) => ({ counts: (x.question.options ?? []).map(() => 0), na: 0, percents: [], credits: [] })),
  });
  const total = newAcc();
  const groups = new Map<string, Acc>();
  let ungrouped = 0;
  const leads: Answers[] = [];
  const notes: { questionId: string; note: string }[] = [];
  let size = 0;

  /** One respondent's scores as the pool needs them: element/area/overall scores and each answer's place. */
  interface Scored {
    overall: number | null;
    areas: (number | null)[];
    elements: (number | null)[];
    /** Per answered or N/A question: its index, and the option index (-1 for N/A, -2 for a percent or number). */
    marks: number[];
    /** Per percent or number answer: question index, value, credit. */
    percents: number[];
  }
  // Each respondent is scored as their own single report would score them (one decimal), so a
  // pooled element score is the mean of the scores the respondents would each have seen.
  const compact = (s: Scores): Scored => {
    const marks: number[] = [];
    const percents: number[] = [];
    for (const e of s.elements)
      for (const r of e.results) {
        if (r.status === 'unanswered') continue;
        const qi = questionIndex.get(r.question.id)!;
        if (r.status === 'na') marks.push(qi, -1);
        else if (isTyped(r.question)) {
          marks.push(qi, -2);
          percents.push(qi, Number(r.value), r.credit!);
        } else marks.push(qi, optionIndex[qi]!.get(String(r.value))!);
      }
    return {
      overall: s.overall.score,
      areas: s.areas.map((a) => a.score),
      elements: s.elements.map((e) => e.score),
      marks,
      percents,
    };
  };
  // Scoring is pure, so respondents who gave the same answers are scored once: in a pulse of a
  // few statements most respondents share their answers with someone, and this is what keeps
  // pooling ten thousand files close to the cost of reading them. Bounded, so memory stays flat.
  const MEMO_LIMIT = 65_536;
  const memo = new Map<string, Scored>();
  const scoredOf = (answers: Answers): Scored => {
    let key = '';
    for (const id in answers.answers) {
      const a = answers.answers[id]!;
      key += `${id}\u0000${a.na !== undefined ? '\u0001' : typeof a.value === 'number' ? `#${a.value}` : a.value}\u0000`;
    }
    let hit = memo.get(key);
    if (!hit) {
      hit = compact(scoreAudit(bank, answers, { priorities: 0 }));
      if (memo.size < MEMO_LIMIT) memo.set(key, hit);
    }
    return hit;
  };
  const addScores = (acc: Acc, s: Scored) => {
    acc.n++;
    if (s.overall !== null) acc.overall.push(s.overall);
    s.areas.forEach((x, i) => {
      x !== null && acc.areas[i]!.push(x);
    });
    s.elements.forEach((x, i) => {
      x !== null && acc.elements[i]!.push(x);
    });
    for (let k = 0; k < s.marks.length; k += 2) {
      const q = acc.questions[s.marks[k]!]!;
      const o = s.marks[k + 1]!;
      if (o === -1) q.na++;
      else if (o >= 0) q.counts[o]!++;
    }
    for (let k = 0; k < s.percents.length; k += 3) {
      const q = acc.questions[s.percents[k]!]!;
      q.percents.push(s.percents[k + 1]!);
      q.credits.push(s.percents[k + 2]!);
    }
  };

  return {
    get size() {
      return size;
    },
    add(answers) {
      size++;
      if (answers.role === 'lead') {
        leads.push(answers);
        return;
      }
      const s = scoredOf(answers);
      addScores(total, s);
      if (answers.group !== undefined) {
        let g = groups.get(answers.group);
        if (!g) {
          g = newAcc();
          groups.set(answers.group, g);
        }
        addScores(g, s);
      } else ungrouped++;
      for (const [questionId, a] of Object.entries(answers.answers))
        if (a.note && a.note.trim() !== '' && questionIndex.has(questionId))
          notes.push({ questionId, note: a.note.trim() });
    },
    finish(o) {
      const minGroup = o.minGroup ?? DEFAULT_MIN_GROUP;
      const leftOut = [...o.leftOut].sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
      const base = {
        schema: 'team-report' as const,
        schemaVersion: 1 as const,
        tool: { name: 'service-audit' as const, version: o.toolVersion },
        bank: { id: bank.id, version: bank.version, title: bank.title, sha256: o.bankSha256 },
        pool: { inputs: o.inputs, used: size, respondents: total.n, leads: leads.length, leftOut, minGroup },
        bands: bank.bands.map(({ id, label, min }) => ({ id, label, min })),
      };
      if (total.n < minGroup) {
        const who = total.n === 1 ? '1 team respondent' : `${total.n} team respondents`;
        return {
          ...base,
          suppressed: `only ${who} in the pool; results are shown from ${minGroup}, so that no one's answers can be read from them`,
          results: null,
          groups: [],
          priorities: [],
          perceptionGap: [],
          notes: { shown: false, reason: 'the pool is under the floor', items: [] },
        };
      }
      const results = resultsOf(total);
      const sizes = new Map([...groups].map(([name, acc]) => [name, acc.n]));
      const plan = planGroups(sizes, ungrouped, minGroup);
      const teamGroups: TeamGroup[] = [...plan].map(([name, hidden]) => ({
        name,
        respondents: hidden === null ? sizes.get(name)! : null,
        hidden,
        results: hidden === null ? resultsOf(groups.get(name)!) : null,
      }));
      const notesShown = total.n >= MIN_POOL_FOR_NOTES;
      return {
        ...base,
        suppressed: null,
        results,
        groups: teamGroups,
        priorities: prioritiesOf(total, o.priorities ?? 5),
        perceptionGap: perceptionGaps(results),
        notes: notesShown
          ? { shown: true, reason: null, items: contentShuffle(notes, (x) => `${x.questionId}\u0000${x.note}`) }
          : {
              shown: false,
              reason: `notes are shown from ${MIN_POOL_FOR_NOTES} team respondents, so that the way a note is written cannot point to its writer`,
              items: [],
            },
      };
    },
  };

  function resultsOf(acc: Acc): TeamResults {
    const stat = (xs: number[]) => (xs.length === 0 ? null : meanSorted(sortNumbers(xs)));
    const overall = stat(acc.overall);
    const teamElements: TeamElement[] = elements.map(({ area, element }, i) => {
      const xs = sortNumbers(acc.elements[i]!);
      const mean = xs.length ? round1(meanSorted(xs)) : null;
      const q1 = xs.length ? quantileSorted(xs, 0.25) : null;
      const q3 = xs.length ? quantileSorted(xs, 0.75) : null;
      const spread = q1 === null || q3 === null ? null : q3 - q1;
      return {
        id: element.id,
        title: element.title,
        area: area.id,
        score: mean,
        band: bandFor(bank.bands, mean)?.id ?? null,
        respondents: xs.length,
        q1: q1 === null ? null : round1(q1),
        q3: q3 === null ? null : round1(q3),
        spread: spread === null ? null : round1(spread),
        disagreement: spread !== null && spread >= DISAGREEMENT_SPREAD - 1e-9,
      };
    });
    const questions: TeamQuestion[] = [];
    list.forEach(({ question: q, element }, i) => {
      const qa = acc.questions[i]!;
      const answered = isTyped(q) ? qa.percents.length : qa.counts.reduce((s, c) => s + c, 0);
      if (answered + qa.na === 0) return;
      questions.push({
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
        meanCredit: answered === 0 ? null : round2(meanCreditOf(q, qa)),
        ...(q.type === 'percent' && {
          meanPercent: answered === 0 ? null : round1(meanSorted(sortNumbers(qa.percents))),
        }),
      });
    });
    const engagement: TeamShare[] = [];
    for (const { element } of elements) {
      const bm = element.benchmark;
      if (!bm?.pulse) continue;
      const qi = questionIndex.get(bm.pulse.question);
      if (qi === undefined) continue;
      const q = list[qi]!.question;
      const counts = acc.questions[qi]!.counts;
      const answered = counts.reduce((s, c) => s + c, 0);
      const holders = (q.options ?? []).reduce(
        (s, opt, k) => s + (bm.pulse!.values.includes(opt.value) ? counts[k]! : 0),
        0,
      );
      const w = answered > 0 ? wilson(holders, answered) : null;
      engagement.push({
        element: element.id,
        statement: bm.statement,
        question: q.id,
        values: [...bm.pulse.values],
        poll: bm.value,
        holders,
        answered,
        share: answered > 0 ? round1((100 * holders) / answered) : null,
        low: w ? round1(w.low) : null,
        high: w ? round1(w.high) : null,
        verdict: w === null ? null : w.low > bm.value ? 'above' : w.high < bm.value ? 'below' : 'in line',
      });
    }
    const overallScore = overall === null ? null : round1(overall);
    return {
      respondents: acc.n,
      overall: { score: overallScore, band: bandFor(bank.bands, overallScore)?.id ?? null },
      areas: bank.areas.map((a, i) => {
        const m = stat(acc.areas[i]!);
        const score = m === null ? null : round1(m);
        return { id: a.id, title: a.title, score, band: bandFor(bank.bands, score)?.id ?? null };
      }),
      elements: teamElements,
      questions,
      engagement,
    };
  }

  /** Mean credit from counts (options in bank order) or sorted credits: independent of file order. */
  function meanCreditOf(q: Question, qa: Acc['questions'][number]): number {
    if (isTyped(q)) return meanSorted(sortNumbers(qa.credits));
    const n = qa.counts.reduce((s, c) => s + c, 0);
    return q.options!.reduce((s, opt, k) => s + opt.credit * qa.counts[k]!, 0) / n;
  }

  /**
   * Weaknesses on pooled scores, with the single report's arithmetic: a question's pooled mean
   * credit stands in for one person's credit, so "points to gain" is what the overall score
   * would gain if everyone gave that question full credit.
   */
  function prioritiesOf(acc: Acc, count: number): TeamWeakness[] {
    const perElement = elements.map(({ element }) =>
      element.questions
        .map((q) => ({ q, qa: acc.questions[questionIndex.get(q.id)!]! }))
        .filter(({ q, qa }) => (isTyped(q) ? qa.percents.length : qa.counts.reduce((s, c) => s + c, 0)) > 0),
    );
    const totalWeight = elements.reduce((s, { element }, i) => s + (perElement[i]!.length > 0 ? element.weight : 0), 0);
    const out: TeamWeakness[] = [];
    elements.forEach(({ element }, i) => {
      const answered = perElement[i]!;
      const W = answered.reduce((s, x) => s + x.q.weight, 0);
      for (const { q, qa } of answered) {
        const credit = meanCreditOf(q, qa);
        if (credit >= 1 - 1e-9) continue;
        out.push({
          questionId: q.id,
          element: element.id,
          text: q.text,
          meanCredit: round2(credit),
          pointsToGain: round1((element.weight / totalWeight) * ((100 * q.weight * (1 - credit)) / W)),
          recommendation: q.recommendation,
        });
      }
    });
    return out.sort((a, b) => b.pointsToGain - a.pointsToGain).slice(0, count);
  }

  /** Each lead's answers beside the team's; leads are ordered by their answers, labelled by number. */
  function perceptionGaps(team: TeamResults): PerceptionGap[] {
    const canonical = (a: Answers) =>
      JSON.stringify(
        Object.keys(a.answers)
          .sort()
          .map((k) => [k, a.answers[k]!.value ?? null, a.answers[k]!.na === undefined ? 0 : 1]),
      );
    const sorted = leads
      .map((a) => ({ a, key: canonical(a) }))
      .sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
    return sorted.map(({ a }, i): PerceptionGap => {
      const s = scoreAudit(bank, a, { priorities: 0 });
      const gap = (x: number | null, y: number | null) => (x === null || y === null ? null : round1(x - y));
      const elementRows = s.elements
        .map((e, k) => ({ id: e.element.id, title: e.element.title, lead: e.score, team: team.elements[k]!.score }))
        .filter((r) => r.lead !== null || r.team !== null)
        .map((r) => ({ ...r, gap: gap(r.lead, r.team) }));
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
      return { label: `Lead ${i + 1}`, elements: elementRows, guesses, answers };
    });
  }
}
