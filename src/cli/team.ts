import { extname, resolve } from 'node:path';
import { statSync } from 'node:fs';
import { answersValidator } from '../answers/validator.js';
import { InputError, formatProblem, type Problem } from '../errors.js';
import { csvRespondents, parseCsvMap, type CsvMap } from '../team/csv.js';
import type { LeftOut, TeamReport } from '../team/model.js';
import { buildReport } from '../report/model.js';
import type { ReportModel } from '../report/schema.js';
import { resultsOfAnswers, scoreResults } from '../score/score.js';
import { createPool, perceptionGaps, type Pool } from '../team/pool.js';
import { combinedResults, pooledResults } from '../team/pooled.js';
import { readUserFile } from './files.js';
import { createDuplicateCheck, expandPoolInputs, isCi, leadRefused, unsealedNotice } from './inputs.js';
import type { Io } from './io.js';
import type { LoadedAnswers, LoadedBank } from './load.js';

const GLOB_CHARS = /[*?[]/;

/**
 * Whether the answers named make a pool (a team report) rather than one person's report: more
 * than one input, or a folder, a glob or a CSV. A folder holding a single file still gives a team
 * report, on purpose: a pulse of one person must show nothing, not that person's answers.
 */
export function isPool(io: Io, inputs: readonly string[]): boolean {
  if (inputs.length > 1) return true;
  const [only] = inputs;
  if (only === undefined) return false;
  if (/\.csv$/i.test(only)) return true;
  try {
    return statSync(resolve(io.cwd, only)).isDirectory();
  } catch {
    return GLOB_CHARS.test(only);
  }
}

/** The options report and check share for pools (see POOL_OPTIONS in commands.ts). */
export interface PoolCommandOptions {
  minGroup: number;
  strict?: boolean;
  map?: string;
  /** The lead's answers file: the combined audit. */
  lead?: string;
  /** The team's size: the participation rate. */
  teamSize?: number;
}

export interface PoolOptions {
  minGroup: number;
  strict: boolean;
  map?: string;
  priorities?: number;
  teamSize?: number;
}

const leftOutOf = (source: string, problems: readonly Problem[]): LeftOut => ({
  source,
  problems: problems.map(formatProblem),
});

/**
 * Reads every answers file and CSV named (files, folders, globs), validates each against the
 * bank and adds it to the pool as it goes: one document in memory at a time. Bad files are left
 * out and listed; with --strict any bad file stops with exit 2, and so does a pool in which no
 * file could be read at all. An unknown CSV column always
 * stops (every row of that file would be misread).
 */
export function poolReport(io: Io, loaded: LoadedBank, inputs: readonly string[], o: PoolOptions): TeamReport {
  const { pool, count, leftOut } = fillPool(io, loaded, inputs, o);
  return pool.finish({
    toolVersion: io.version,
    bankSha256: loaded.sha256,
    inputs: count,
    leftOut,
    minGroup: o.minGroup,
    ...(o.priorities !== undefined && { priorities: o.priorities }),
    ...(o.teamSize !== undefined && { teamSize: o.teamSize }),
  });
}

/** Reads every input into a new pool; bad inputs are left out and listed (with --strict, exit 2). */
export function fillPool(
  io: Io,
  loaded: LoadedBank,
  inputs: readonly string[],
  o: PoolOptions,
): { pool: Pool; count: number; leftOut: LeftOut[] } {
  const { bank } = loaded;
  let map: CsvMap | undefined;
  if (o.map !== undefined) {
    const { text } = readUserFile(io.cwd, o.map, 'map file', 'check the path given to --map');
    const parsed = parseCsvMap(o.map, text, bank);
    if (!parsed.map) throw new InputError(parsed.problems);
    map = parsed.map;
  }
  const { files, problems: missing, fatal: sealBroken, notices, unsealed } = expandPoolInputs(io.cwd, inputs);
  if (sealBroken.length > 0) throw new InputError(sealBroken);
  for (const n of notices) io.stderr.write(`warning: ${n}\n`);
  // A CI job runs on every push: two runs a file apart show that one person's answers by difference.
  if (unsealed.length > 0 && isCi(io.env)) io.stderr.write(unsealedNotice(unsealed));
  const leftOut: LeftOut[] = missing.map((p) => leftOutOf(p.file, [p]));
  const strictProblems: Problem[] = [...missing];
  const duplicateOf = createDuplicateCheck();
  /** Left out and listed; with --strict an error. */
  const refuse = (source: string, problems: Problem[]) => {
    leftOut.push(leftOutOf(source, problems));
    strictProblems.push(...problems);
  };
  const validate = answersValidator(bank);
  const pool = createPool(bank);
  let count = missing.length;
  let read = 0;
  for (const f of files) {
    let text: string;
    try {
      text = readUserFile(io.cwd, f.real, 'answers file', 'check the path').text;
      read++;
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      const problems = e.problems.map((p) => ({ ...p, file: f.shown }));
      count++;
      leftOut.push(leftOutOf(f.shown, problems));
      strictProblems.push(...problems);
      continue;
    }
    if (extname(f.shown).toLowerCase() === '.csv') {
      const { rows, fatal } = csvRespondents(f.shown, text, bank, map);
      if (fatal.length > 0) throw new InputError(fatal);
      for (const row of rows) {
        count++;
        if (row.answers?.role === 'lead') refuse(row.source, [leadRefused(row.source, 'a CSV row')]);
        else if (row.answers) pool.add(row.answers, row.comments);
        else {
          leftOut.push(leftOutOf(row.source, row.problems));
          strictProblems.push(...row.problems);
        }
      }
      continue;
    }
    count++;
    const copyOf = duplicateOf(f.shown, text);
    if (copyOf !== undefined) {
      refuse(f.shown, [
        {
          file: f.shown,
          line: 1,
          col: 1,
          message: `is the same response as ${copyOf}, so it is counted once`,
          fix: 'remove the copy: each response is one file, and a copy cannot count as another person',
        },
      ]);
      continue;
    }
    const { answers, problems } = validate(f.shown, text);
    if (answers?.role === 'lead' && f.found)
      refuse(f.shown, [leadRefused(f.shown, 'a file found in a folder or by a pattern')]);
    else if (answers) pool.add(answers);
    else {
      leftOut.push(leftOutOf(f.shown, problems));
      strictProblems.push(...problems);
    }
  }
  // Nothing could be read at all (every file missing, every glob and folder empty): that is a
  // mistake on the command line, not an empty team, as ESLint exits 2 when no file matches.
  if (read === 0 || (o.strict && strictProblems.length > 0)) throw new InputError(strictProblems);
  return { pool, count, leftOut };
}

/**
 * The combined audit (`report --lead lead.yaml pulse/`): one readiness report, lead questions
 * scored from the lead's answers and team statements from the pooled pulse, through the one
 * engine. A pulse under the floor leaves every team statement not measured.
 */
export function combinedReport(
  io: Io,
  loaded: LoadedBank,
  lead: LoadedAnswers,
  inputs: readonly string[],
  o: PoolOptions & { explain?: boolean },
): { model: ReportModel; team: TeamReport } {
  const { pool, count, leftOut } = fillPool(io, loaded, inputs, o);
  const team = pool.finish({
    toolVersion: io.version,
    bankSha256: loaded.sha256,
    inputs: count,
    leftOut,
    minGroup: o.minGroup,
    ...(o.priorities !== undefined && { priorities: o.priorities }),
    ...(o.teamSize !== undefined && { teamSize: o.teamSize }),
  });
  const { bank } = loaded;
  const answers = { ...lead.answers, role: 'lead' as const };
  const shown = team.results !== null;
  const pooled = shown ? pooledResults(pool.layout, pool.tally, o.minGroup).byQuestion : undefined;
  const results = pooled
    ? combinedResults(pool.layout, answers, pooled)
    : resultsOfAnswers(bank, answers, 'not-measured');
  if (!shown)
    for (const [id, r] of results)
      if (r.status === 'not-measured') results.set(id, { ...r, reason: `not measured — ${team.suppressed}` });
  const scores = scoreResults(bank, results, { ...(o.priorities !== undefined && { priorities: o.priorities }) });
  const model = buildReport(scores, {
    toolVersion: io.version,
    bank,
    bankSha256: loaded.sha256,
    answers,
    answersFile: lead.file,
    answersSha256: lead.sha256,
    explain: o.explain === true,
    ...(lead.upgrade && { upgrade: { from: lead.upgrade.from, newQuestions: lead.upgrade.newQuestions } }),
    team: {
      respondents: team.pool.respondents,
      minGroup: team.pool.minGroup,
      teamSize: team.pool.teamSize,
      participation: team.pool.participation,
      suppressed: team.suppressed,
      leftOutByFloor: team.results?.leftOutByFloor ?? 0,
      statements: team.results?.statements ?? [],
      engagement: team.results?.engagement ?? [],
      predictions: team.results ? (perceptionGaps(pool.layout, [answers], team.results)[0]?.predictions ?? []) : [],
    },
  });
  return { model, team };
}

/** The one line a pooled command prints on stderr when files were left out (the report lists them). */
export function leftOutNotice(m: TeamReport): string | undefined {
  const n = m.pool.leftOut.length;
  if (n === 0) return undefined;
  return `${n} ${n === 1 ? 'input was' : 'inputs were'} left out of the pool (listed at the end of the report); --strict makes that an error.\n`;
}
