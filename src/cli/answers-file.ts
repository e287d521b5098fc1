import { mergeAnswers } from '../answers/merge.js';
import { parseAnswers } from '../answers/parse.js';
import type { Answers } from '../answers/schema.js';
import { renderAnswersFile, type SchemaLink } from '../answers/write.js';
import type { Bank } from '../bank/schema.js';
import { InputError } from '../errors.js';
import { terminalLine } from '../text/escape.js';
import type { GuardedKind } from './guarded.js';

/** How a conflict's side is shown: the bare value when that is all the answer is. */
function shown(v: unknown): string {
  if (v === undefined) return 'no answer';
  return JSON.stringify(
    typeof v === 'object' && v && 'value' in v && Object.keys(v).length === 1 ? (v as { value: unknown }).value : v,
  );
}

/**
 * The answers file of an audit as a guarded file: written whole after every answer, read back
 * against the bank, merged answer by answer with a change made meanwhile (another audit, a hand
 * edit). A file changed into something unreadable, or a question both sides answered
 * differently, stops the audit with the file's problems; the last answer is then not saved.
 */
export function answersKind(file: string, bank: Bank, schema: string | SchemaLink): GuardedKind<Answers> {
  let positions: Record<string, { line: number; col: number }> = {};
  return {
    what: 'answers file',
    hint: 'run the audit again',
    render: (a) => renderAnswersFile(bank, a, schema),
    read(text) {
      const { parsed, problems } = parseAnswers(file, text, bank);
      if (!parsed)
        throw new InputError([
          ...problems,
          {
            file,
            line: 1,
            col: 1,
            message:
              'the answers file was changed while the audit ran and cannot be read now; your last answer was not saved',
            fix: 'fix the file (or undo the change), then run the audit again',
          },
        ]);
      positions = parsed.positions;
      return parsed.answers;
    },
    merge(base, ours, theirs) {
      const { merged, conflicts } = mergeAnswers(base, ours, theirs);
      if (conflicts.length === 0) return merged;
      throw new InputError(
        conflicts.map((c) => {
          const at = c.path[0] === 'answers' ? positions[c.key] : undefined;
          return {
            file,
            line: at?.line ?? 1,
            col: at?.col ?? 1,
            message: `${terminalLine(c.key)} was changed in this file while the audit ran (the file says ${terminalLine(shown(c.theirs))}; your ${terminalLine(shown(c.ours))} was not saved)`,
            fix: 'run the audit again: it continues from the file as it is now',
          };
        }),
      );
    },
    empty: (ours) => ({ bank: ours.bank, answers: {} }),
  };
}
