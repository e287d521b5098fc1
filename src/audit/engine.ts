import type { Answer, Answers } from '../answers/schema.js';
import { questionsOf } from '../bank/load.js';
import type { Bank } from '../bank/schema.js';
import type { Asker } from './asker.js';

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

/** The questions an audit covers, in order, limited to the chosen areas. */
export function auditQuestions(bank: Bank, areas?: readonly string[]) {
  return questionsOf(bank).filter((x) => !areas || areas.includes(x.area.id));
}

/**
 * Runs the audit: asks each question (only unanswered ones unless reviewing), saving after
 * every answer. Returns the final answers. Knows nothing of terminals or files.
 */
export async function runAudit(o: AuditOptions): Promise<Answers> {
  const list = auditQuestions(o.bank, o.areas);
  let answers = o.answers;
  const answeredCount = () => list.filter((x) => answers.answers[x.question.id]).length;
  const todo = o.review ? list : list.filter((x) => !answers.answers[x.question.id]);
  const already = answeredCount();

  if (todo.length === 0) {
    o.asker.say(`All ${list.length} questions are answered. Use --review to change answers, or --restart to start over.`);
    return answers;
  }
  if (o.review) o.asker.say(`Reviewing all ${list.length} questions; press Enter to keep a saved answer.`);
  else if (already > 0) o.asker.say(`${already} of ${list.length} answered — continuing at question ${list.indexOf(todo[0]!) + 1}.`);

  for (const item of todo) {
    const id = item.question.id;
    const previous = answers.answers[id];
    const ctx = { ...item, index: list.indexOf(item) + 1, total: list.length, ...(previous && { previous }) };
    const reply = await o.asker.ask(ctx);
    let answer: Answer;
    if (reply.kind === 'na') answer = { na: await o.asker.reason(ctx) };
    else answer = { value: reply.value };
    // Save before asking for the note: the answer itself must never wait on anything.
    answers = { ...answers, answers: { ...answers.answers, [id]: answer } };
    o.save(answers);
    const note = (await o.asker.note(ctx)).trim();
    if (note) {
      answers = { ...answers, answers: { ...answers.answers, [id]: { ...answer, note } } };
      o.save(answers);
    }
  }
  return answers;
}
