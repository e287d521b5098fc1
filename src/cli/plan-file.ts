import { bankRef } from '../bank/queries.js';
import type { Bank } from '../bank/schema.js';
import { InputError } from '../errors.js';
import { mergePlans } from '../plan/merge.js';
import { parsePlan, type ParsedPlan } from '../plan/parse.js';
import type { Plan } from '../plan/schema.js';
import { renderPlanFile } from '../plan/write.js';
import { terminalLine } from '../text/escape.js';
import { fileExists, readUserFile } from './files.js';
import { GuardedFile, NO_FILE, type GuardedKind } from './guarded.js';
import type { Io } from './io.js';
import { schemaLinkFor } from './schema-path.js';

/** The plan file's name when none is given. */
export const DEFAULT_PLAN = 'service-audit-plan.yaml';

/** The plan file as a guarded file: written atomically, a change made meanwhile merged action by action. */
export function planKind(io: Io, file: string, bank: Bank): GuardedKind<Plan> {
  let positions: ParsedPlan['positions'] = {};
  const schema = schemaLinkFor(io, 'plan', file);
  return {
    what: 'plan file',
    hint: 'run service-audit plan again',
    render: (p) => renderPlanFile(p, schema, bank.title),
    read(text) {
      const { parsed, problems } = parsePlan(file, text, bank);
      if (!parsed)
        throw new InputError([
          ...problems,
          {
            file,
            line: 1,
            col: 1,
            message: 'the plan file was changed meanwhile and cannot be read now; the last change was not saved',
            fix: 'fix the file (or undo the change), then run service-audit plan again',
          },
        ]);
      positions = parsed.positions;
      return parsed.plan;
    },
    merge(base, ours, theirs) {
      const { merged, conflicts } = mergePlans(base, ours, theirs);
      if (conflicts.length === 0) return merged;
      throw new InputError(
        conflicts.map((c) => ({
          file,
          line: positions[c.action]?.line ?? 1,
          col: positions[c.action]?.col ?? 1,
          message: `${terminalLine(c.action)}${c.field === 'action' ? '' : ` ${c.field}`} was changed in this file meanwhile (the file says ${terminalLine(JSON.stringify(c.theirs ?? null))}; yours, ${terminalLine(JSON.stringify(c.ours ?? null))}, was not saved)`,
          fix: 'run service-audit plan again: it starts from the file as it is now',
        })),
      );
    },
    empty: (ours) => ({ bank: ours.bank, actions: [] }),
  };
}

/** Reads a plan file; throws InputError with every problem. */
export function loadPlan(io: Io, file: string, bank: Bank): ParsedPlan & { sha256: string } {
  const { text, sha256 } = readUserFile(io.cwd, file, 'plan file', 'check the path given to --plan');
  const { parsed, problems } = parsePlan(file, text, bank);
  if (!parsed) throw new InputError(problems);
  return { ...parsed, sha256 };
}

/** The plan a report or check was pointed at (--plan, or the config's `plan:`), read; undefined when none was named. */
export function namedPlan(io: Io, file: string | undefined, bank: Bank): { plan: Plan; file: string } | undefined {
  return file === undefined ? undefined : { plan: loadPlan(io, file, bank).plan, file };
}

/** The plan file opened for writing: as it is on disk, or a new empty plan when there is none. */
export function openPlan(io: Io, file: string, bank: Bank): GuardedFile<Plan> {
  const kind = planKind(io, file, bank);
  if (!fileExists(io.cwd, file))
    return new GuardedFile(io.cwd, file, kind, { stamp: NO_FILE, value: { bank: bankRef(bank), actions: [] } });
  const { plan, sha256 } = loadPlan(io, file, bank);
  return new GuardedFile(io.cwd, file, kind, { stamp: { sha256, mtimeMs: null }, value: plan });
}
