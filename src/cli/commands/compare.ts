import { COMPARE_FORMATS, compareAudits } from '../../compare/compare.js';
import { EXIT } from '../../errors.js';
import { buildReport } from '../../report/model.js';
import { scoreAudit } from '../../score/score.js';
import type { Io } from '../io.js';
import { loadAnswers, loadBank } from '../load.js';
import type { Opts } from '../main.js';

export default function compareCommand(io: Io, opts: Opts, args: string[]): number {
  const loaded = loadBank(io, opts.bank as string | undefined);
  const [older, newer] = args.map((file) => {
    const a = loadAnswers(io, file, loaded.bank);
    const report = buildReport(scoreAudit(loaded.bank, a.answers), {
      toolVersion: io.version,
      bank: loaded.bank,
      bankSha256: loaded.sha256,
      answers: a.answers,
      answersFile: a.file,
      answersSha256: a.sha256,
    });
    return { report, answers: a.answers };
  });
  if (!older || !newer) return EXIT.input;
  io.stdout.write(COMPARE_FORMATS[opts.format as keyof typeof COMPARE_FORMATS](compareAudits(loaded.bank, older, newer)));
  return EXIT.ok;
}
