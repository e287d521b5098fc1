import { EXIT } from '../../errors.js';
import { formMap, formQuestionnaire } from '../../team/form.js';
import { terminalLine } from '../../text/escape.js';
import { guardOutput } from '../files.js';
import type { Io } from '../io.js';
import { loadBank } from '../load.js';
import { emit } from '../output.js';
import type { GlobalOptions } from '../spec.js';

export interface FormOptions {
  bank?: string;
  out?: string;
  mapOut?: string;
}

/** `form`: the team questionnaire for a form tool, and the --map that reads its export back. */
export default function formCommand(io: Io, opts: FormOptions & GlobalOptions): number {
  const { bank, notices } = loadBank(io, opts.bank);
  for (const n of notices ?? []) io.stderr.write(`notice: ${terminalLine(n)}\n`);
  guardOutput(io, opts.out, [opts.bank, opts.mapOut]);
  guardOutput(io, opts.mapOut, [opts.bank, opts.out]);
  const map = formMap(bank);
  const text = formQuestionnaire(bank);
  if (opts.mapOut) {
    emit(io, text, opts.out, 'questionnaire');
    emit(io, map, opts.mapOut, '--map');
  } else emit(io, `${text}\nThe --map (save it as form-map.yaml):\n\n${map}`, opts.out, 'questionnaire');
  return EXIT.ok;
}
