// A pool's answers as the scoring engine reads them: each question's mean credit over the people
// who answered it, left out when fewer than the floor did. Pure.

import type { Answers } from '../answers/schema.js';
import { isCritical, resultsOfAnswers, type QuestionResult } from '../score/score.js';
import { meanSorted, sortNumbers } from './stats.js';
import { answeredOf, isTyped, type Layout, type Tally } from './tally.js';

/** Why a lead question has no figure in a pulse-only report. */
export const LEAD_NOT_GIVEN = "a question for the lead — give the lead's answers with --lead";

const round1 = (x: number) => Math.round(x * 10) / 10;
const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * Every question of the bank as a pooled result. An item answered by at least `floor` people
 * scores its mean credit (critical when at least half of them gave a critical answer); an item
 * answered by fewer is left out of every figure (element, area and overall included) and counted
 * in `leftOutByFloor`. A lead question nobody in the pool answered is not measured: it is the
 * lead's to answer.
 */
export function pooledResults(
  l: Layout,
  t: Tally,
  floor: number,
): { byQuestion: Map<string, QuestionResult>; leftOutByFloor: number } {
  const byQuestion = new Map<string, QuestionResult>();
  let leftOutByFloor = 0;
  const underFloor = `answered by fewer than ${floor} people, so left out of every figure`;
  l.list.forEach(({ question: q }, i) => {
    const qt = t.questions[i]!;
    const n = answeredOf(q, qt);
    let r: QuestionResult;
    if (n >= floor) {
      if (isTyped(q)) {
        // A percent or number: its mean credit; critical when at least half gave a critical value.
        const credit = meanSorted(sortNumbers([...qt.credits]));
        const mean = round1(meanSorted(sortNumbers([...qt.percents])));
        const critical = qt.percents.filter((v) => isCritical(q, v)).length;
        r = {
          question: q,
          status: 'answered',
          value: mean,
          label: `${q.type === 'percent' ? `${mean}%` : mean} (mean of ${n})`,
          credit,
          ...(2 * critical >= n && critical > 0 && { critical: true as const }),
          n,
        };
      } else {
        const credit = q.options!.reduce((s, o, k) => s + o.credit * qt.counts[k]!, 0) / n;
        const critical = q.options!.reduce((s, o, k) => s + (isCritical(q, o.value) ? qt.counts[k]! : 0), 0);
        r = {
          question: q,
          status: 'answered',
          value: round2(credit),
          label: `mean credit ${round2(credit).toFixed(2)} (n ${n})`,
          credit,
          ...(2 * critical >= n && critical > 0 && { critical: true as const }),
          n,
        };
      }
    } else if (n > 0 || (qt.na > 0 && qt.na < floor)) {
      leftOutByFloor++;
      r = { question: q, status: 'not-measured', reason: underFloor };
    } else if (qt.na > 0) r = { question: q, status: 'na', na: 'marked not applicable by everyone who answered it' };
    else if (q.audience === 'lead') r = { question: q, status: 'not-measured', reason: LEAD_NOT_GIVEN };
    else r = { question: q, status: 'unanswered' };
    byQuestion.set(q.id, r);
  });
  return { byQuestion, leftOutByFloor };
}

/**
 * The combined audit: lead questions from the lead's answers, team statements from the pool.
 * The lead's profile still decides what applies: a statement its condition leaves out is not
 * asked, whatever the pool holds.
 */
export function combinedResults(
  l: Layout,
  lead: Answers,
  pooled: ReadonlyMap<string, QuestionResult>,
): Map<string, QuestionResult> {
  const own = resultsOfAnswers(l.bank, lead, 'not-measured');
  const out = new Map<string, QuestionResult>();
  for (const { question: q } of l.list) {
    const mine = own.get(q.id)!;
    out.set(q.id, q.audience === 'team' && !mine.skipped ? pooled.get(q.id)! : mine);
  }
  return out;
}
