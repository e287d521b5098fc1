import { answerOf, type Answer, type Answers } from '../answers/schema.js';
import { skipLookup } from '../bank/conditions.js';
import { allQuestionsOf } from '../bank/load.js';
import { referenceLine } from '../bank/sources.js';
import type { Bank } from '../bank/schema.js';
import type { AskContext, Asker } from './asker.js';

export interface AuditOptions {
  bank: Bank;
  /** Answers saved so far (empty for a new audit). */
  answers: Answers;
  /** Limit to these area ids. */
  areas?: readonly string[];
  /** Ask every question again, with saved answers as defaults. */
  review?: boolean;
  asker: Asker;
  /** Called with all answers after every single answer, so nothing is ever lost. */
  save(answers: Answers): void;
}

/** The questions an audit covers, in order: the profile (always), then the chosen areas. */
export function auditQuestions(bank: Bank, areas?: readonly string[]) {
  return allQuestionsOf(bank).filter((x) => !areas || x.question.profile || areas.includes(x.area.id));
}

/**
 * Runs the audit: asks each question (only unanswered ones unless reviewing), saving after
 * every answer. Returns the final answers. Knows nothing of terminals or files.
 */
export async function runAudit(o: AuditOptions): Promise<Answers> {
  const list = auditQuestions(o.bank, o.areas);
  let answers = o.answers;
  const isAnswered = (i: number) => answerOf(answers, list[i]!.question.id) !== undefined;
  /** A question whose `when` condition is false on the answers so far is not asked. */
  const isSkipped = (i: number) => skipLookup(o.bank, answers.answers)(list[i]!.question.id) !== undefined;
  /** The next question to ask after index i: the next one, or when not reviewing the next unanswered one. */
  const after = (i: number) => {
    let j = i + 1;
    while (j < list.length && ((!o.review && isAnswered(j)) || isSkipped(j))) j++;
    return j;
  };
  /** The question to go back to from index i: the previous one that is asked. */
  const before = (i: number) => {
    let j = i - 1;
    while (j > 0 && isSkipped(j)) j--;
    return Math.max(0, j);
  };
  let i = after(-1);

  if (i >= list.length) {
    o.asker.say(`All ${list.length} questions are answered. Use --review to change answers, or --restart to start over.`);
    return answers;
  }
  const already = list.filter((_, k) => isAnswered(k)).length;
  if (o.review) o.asker.say(`Reviewing all ${list.length} questions; press Enter to keep a saved answer.`);
  else if (already > 0) o.asker.say(`${already} of ${list.length} answered — continuing at question ${i + 1}.`);

  while (i < list.length) {
    const item = list[i]!;
    const id = item.question.id;
    const previous = answerOf(answers, id);
    const reference = referenceLine(o.bank, item.question);
    const ctx: AskContext = { ...item, index: i + 1, total: list.length, canGoBack: i > 0, ...(previous && { previous }), ...(reference && { reference }) };
    const reply = await o.asker.ask(ctx);
    if (reply.kind === 'back') {
      // Back one question, answered or not, with its saved answer as the default.
      i = before(i);
      continue;
    }
    const answer: Answer = reply.kind === 'na' ? { na: await o.asker.reason(ctx) } : { value: reply.value };
    // Save before asking for the note: the answer itself must never wait on anything.
    answers = { ...answers, answers: { ...answers.answers, [id]: answer } };
    o.save(answers);
    const note = (await o.asker.note(ctx)).trim();
    if (note) {
      answers = { ...answers, answers: { ...answers.answers, [id]: { ...answer, note } } };
      o.save(answers);
    }
    i = after(i);
  }
  return answers;
}
