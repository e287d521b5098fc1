import type { Bank } from '../bank/schema.js';
import { UsageError } from '../errors.js';
import { buildReport } from '../report/model.js';
import type { ReportModel } from '../report/schema.js';
import { scoreAudit } from '../score/score.js';
import { expiredAnswers } from '../plan/facts.js';
import { withLoop } from '../plan/report.js';
import type { Plan } from '../plan/schema.js';
import { terminalLine } from '../text/escape.js';
import { closest, didYouMean } from '../validation/closest.js';
import type { Io } from './io.js';
import type { LoadedAnswers, LoadedBank } from './load.js';

// Between reading and rendering: loaded answers scored into the report model, and --area checked
// against the bank. Nothing here reads or writes a file.

/** Scores loaded answers and builds the report model (single reports; the team report is built by src/cli/team.ts). */
export function reportOf(
  io: Io,
  bank: LoadedBank,
  answers: Pick<LoadedAnswers, 'answers' | 'file' | 'sha256' | 'upgrade'>,
  o: {
    explain?: boolean;
    priorities?: number;
    areas?: readonly string[];
    /** The plan whose actions each weakness shows (report --plan, or the config's). */
    plan?: { plan: Plan; file: string };
  } = {},
): ReportModel {
  const scores = scoreAudit(bank.bank, answers.answers, {
    ...(o.priorities !== undefined && { priorities: o.priorities }),
    ...(o.areas && { areas: o.areas }),
  });
  const today = io.today();
  return withLoop(buildModel(io, bank, answers, scores, o), {
    ...(o.plan && { plan: o.plan }),
    expired: expiredAnswers(bank.bank, answers.answers, today),
    today,
  });
}

/** The report model of scored answers, before the plan is put in. */
function buildModel(
  io: Io,
  bank: LoadedBank,
  answers: Pick<LoadedAnswers, 'answers' | 'file' | 'sha256' | 'upgrade'>,
  scores: ReturnType<typeof scoreAudit>,
  o: { explain?: boolean },
): ReportModel {
  return buildReport(scores, {
    toolVersion: io.version,
    bank: bank.bank,
    bankSha256: bank.sha256,
    answers: answers.answers,
    answersFile: answers.file,
    answersSha256: answers.sha256,
    explain: o.explain === true,
    ...(answers.upgrade && { upgrade: { from: answers.upgrade.from, newQuestions: answers.upgrade.newQuestions } }),
  });
}

/** Refuses an --area that is not an area of the bank, with a did-you-mean and the list. */
export function checkAreas(bank: Bank, areas: readonly string[] | undefined): void {
  const ids = bank.areas.map((x) => x.id);
  for (const a of areas ?? []) {
    if (ids.includes(a)) continue;
    const near = closest(a, ids);
    throw new UsageError(
      `--area ${terminalLine(a)}: no such area${near ? ` (${didYouMean(near)})` : ''}; the areas are ${ids.join(', ')}`,
    );
  }
}
