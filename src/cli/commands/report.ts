import { EXIT } from '../../errors.js';
import { buildReport } from '../../report/model.js';
import { REPORT_FORMATS, type ReportFormat } from '../../report/index.js';
import { scoreAudit } from '../../score/score.js';
import type { Io } from '../io.js';
import { loadAnswers, loadBank } from '../load.js';
import type { Opts } from '../main.js';
import { emit, styleFor } from '../output.js';

export default function reportCommand(io: Io, opts: Opts): number {
  const loaded = loadBank(io, opts.bank as string | undefined);
  const answers = loadAnswers(io, opts.answers as string, loaded.bank);
  const scores = scoreAudit(loaded.bank, answers.answers, { priorities: opts.priorities as number });
  const model = buildReport(scores, {
    toolVersion: io.version,
    bank: loaded.bank,
    bankSha256: loaded.sha256,
    answers: answers.answers,
    answersFile: answers.file,
    answersSha256: answers.sha256,
    explain: opts.explain === true,
  });
  const format = opts.format as ReportFormat;
  const out = opts.out as string | undefined;
  const text = REPORT_FORMATS[format](model, { style: styleFor(io, opts, out !== undefined), width: 80 });
  emit(io, text, out, `${format} report`);
  return EXIT.ok;
}
