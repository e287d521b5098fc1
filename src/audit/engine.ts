import { answerOf, type Answer, type Answers } from '../answers/schema.js';
import { skipLookup } from '../bank/conditions.js';
import { allQuestionsOf } from '../bank/queries.js';
import { referenceLine } from '../bank/sources.js';
import type { Audience, Bank } from '../bank/schema.js';
import type { Answered, AskContext, Asker } from './asker.js';

export interface AuditOptions {
  bank: Bank;
  /** Answers saved so far (empty for a new audit). */
  answers: Answers;
  /** Limit to these area ids. */
  areas?: readonly string[];
  /** Ask only the questions meant for this audience (team: the short staff pulse). */
  audience?: Audience;
  /** Ask every question again, with saved answers as defaults. */
  review?: boolean;
  /**
   * Start at this question, or at the first question of this element or area, and from there
   * ask every question again (as --review does) with saved answers as defaults.
   */
  from?: string;
  /** Ask only these question ids (a re-check); the position line counts only them. */
  only?: ReadonlySet<string>;
  /** Answers offered as the default of an unanswered question (a re-check: last quarter's). */
  defaults?: Answers['answers'];
  asker: Asker;
  /**
   * Called with all answers after every single answer, so nothing is ever lost. May return the
   * answers as they now stand in the file (merged with answers given elsewhere meanwhile).
   */
  // biome-ignore lint/suspicious/noConfusingVoidType: most savers return nothing; `void` lets them say so
  save(answers: Answers): Answers | void;
}

/**
 * The questions an audit covers, in order. The lead's audit (the default) asks the profile and
 * the lead's questions of the chosen areas, never the team statements: those are the team's to
 * answer in a pulse, and a lead's own rating of them would stand in for the team's. The team
 * pulse asks only the team statements.
 */
export function auditQuestions(bank: Bank, areas?: readonly string[], audience: Audience = 'lead') {
  return allQuestionsOf(bank).filter(
    (x) =>
      (!areas || x.question.profile || areas.includes(x.area.id)) &&
      (x.question.profile ? audience === 'lead' : x.question.audience === audience),
  );
}

/**
 * Where the audit stands, counting only what will really be asked: questions a `when` condition
 * now leaves out are not counted, so the total shrinks when the profile skips a block.
 */
export function progressOf(
  bank: Bank,
  list: ReturnType<typeof auditQuestions>,
  answers: Answers,
  i: number,
): { index: number; total: number } {
  const skip = skipLookup(bank, answers.answers);
  let index = 0;
  let total = 0;
  list.forEach((x, k) => {
    if (k !== i && skip(x.question.id) !== undefined) return;
    total++;
    if (k <= i) index++;
  });
  return { index, total };
}

/** The index of the first question `id` names: a question id, else an element or area id; -1 if none. */
export function startIndex(list: ReturnType<typeof auditQuestions>, id: string): number {
  const q = list.findIndex((x) => x.question.id === id);
  return q !== -1 ? q : list.findIndex((x) => x.element.id === id || x.area.id === id);
}

const toAnswer = (r: Answered): Answer => ({
  ...(r.kind === 'na' ? { na: r.reason } : { value: r.value }),
  ...(r.note && { note: r.note }),
});

/**
 * Runs the audit: asks each question (only unanswered ones unless reviewing), saving after
 * every answer. Returns the final answers. Knows nothing of terminals or files.
 */
export async function runAudit(o: AuditOptions): Promise<Answers> {
  const only = o.only;
  const list = auditQuestions(o.bank, o.areas, o.audience).filter((x) => !only || only.has(x.question.id));
  let answers = o.answers;
  const review = o.review === true || o.from !== undefined;
  const isAnswered = (i: number) => answerOf(answers, list[i]!.question.id) !== undefined;
  /** Whether a question is not asked: its `when` condition is false on the answers so far. */
  const skippedNow = () => {
    const lookup = skipLookup(o.bank, answers.answers);
    return (k: number) => lookup(list[k]!.question.id) !== undefined;
  };
  /** The furthest question asked: after going back, every question up to it is asked again in order. */
  let reached = -1;
  /** The next question after index i: the next one asked, or (past `reached`, when not reviewing) the next unanswered one. */
  const after = (i: number) => {
    const isSkipped = skippedNow();
    let j = i + 1;
    while (j < list.length && (isSkipped(j) || (!review && j > reached && isAnswered(j)))) j++;
    return j;
  };
  /** The question to go back to from index i: the previous one that is asked. */
  const before = (i: number) => {
    const isSkipped = skippedNow();
    let j = i - 1;
    while (j > 0 && isSkipped(j)) j--;
    return Math.max(0, j);
  };
  const from = o.from === undefined ? -1 : startIndex(list, o.from);
  let i = from !== -1 ? from : after(-1);

  if (i >= list.length) {
    o.asker.say(
      `All ${list.length} questions are answered. Use --review to change answers, --from ID to go to one, or --restart to start over.`,
    );
    return answers;
  }
  const already = list.filter((_, k) => isAnswered(k)).length;
  const at = progressOf(o.bank, list, answers, i);
  if (from !== -1) o.asker.say(`Starting at question ${at.index} of ${at.total}; Enter keeps a saved answer.`);
  else if (o.review) o.asker.say(`Reviewing all ${at.total} questions; press Enter to keep a saved answer.`);
  else if (already > 0) o.asker.say(`${already} of ${at.total} answered — continuing at question ${at.index}.`);

  /** Notes typed at a question the person then went back from, offered again when it comes round. */
  const drafts = new Map<string, string>();
  while (i < list.length) {
    const item = list[i]!;
    const id = item.question.id;
    reached = Math.max(reached, i);
    const previous = answerOf(answers, id) ?? (o.defaults && answerOf({ answers: o.defaults }, id));
    const draftNote = drafts.get(id);
    let committed = false;
    const commit = (r: Answered) => {
      const given = toAnswer(r);
      // Evidence stays with an answer given again unchanged; a changed answer needs its own.
      if (previous?.evidence && previous.value === given.value && previous.na === given.na)
        given.evidence = previous.evidence;
      answers = { ...answers, answers: { ...answers.answers, [id]: given } };
      answers = o.save(answers) ?? answers;
      committed = true;
    };
    const reference = referenceLine(o.bank, item.question);
    const ctx: AskContext = {
      ...item,
      ...progressOf(o.bank, list, answers, i),
      canGoBack: i > 0,
      commit,
      ...(previous && { previous }),
      ...(draftNote !== undefined && { draftNote }),
      ...(reference && { reference }),
    };
    const reply = await o.asker.ask(ctx);
    if (reply.kind === 'back') {
      // Back one question, answered or not, with its saved answer as the default.
      if (reply.note !== undefined) drafts.set(id, reply.note);
      i = before(i);
      continue;
    }
    drafts.delete(id);
    if (!committed) commit(reply);
    i = after(i);
  }
  return answers;
}
