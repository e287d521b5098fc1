import { EXIT } from '../../errors.js';
import { REPORT_FORMATS, type ReportFormat } from '../../report/formats.js';
import type { Io } from '../io.js';
import { loadAnswers, type LoadedBank } from '../load.js';
import { guardOutput } from '../files.js';
import { reportOf } from '../report-model.js';
import { namedPlan } from '../plan-file.js';
import { expiredAnswers } from '../../plan/facts.js';
import { withLoop } from '../../plan/report.js';
import { emit, styleFor } from '../output.js';
import { loadSetup } from '../setup.js';
import type { GlobalOptions } from '../spec.js';
import type { ReportModel } from '../../report/schema.js';
import { combinedReport, isPool, leftOutNotice, poolReport, type PoolCommandOptions } from '../team.js';
import { TEAM_FORMATS, type TeamFormat } from '../../team/formats.js';

/**
 * `report` makes a single report or a team report, decided by its inputs after the command line is
 * parsed, so its `--format` choices must be the formats of both models. This fails to compile when
 * one registry gains a format the other lacks: add the renderer to both, not a run-time refusal.
 */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const REPORT_AND_TEAM_FORMATS_MATCH: Same<ReportFormat, TeamFormat> = true;

export interface ReportOptions extends PoolCommandOptions {
  /** Positional answers files, folders, globs or CSV exports (a pool when more than one, or any but a plain file). */
  inputs?: string[];
  answers?: string;
  bank?: string;
  config?: string;
  format: ReportFormat;
  out?: string;
  explain?: boolean;
  priorities: number;
  /** The plan whose actions each weakness shows (else the config's `plan:`). */
  plan?: string;
}

export default function reportCommand(io: Io, opts: ReportOptions & GlobalOptions): number {
  const inputs = opts.inputs ?? [];
  const { bank: loaded, answersFile: fromSetup, configFile, config, planFile } = loadSetup(io, opts);
  const teamSize = opts.teamSize ?? config?.teamSize;
  if (opts.lead !== undefined)
    return leadReport(
      io,
      { ...opts, ...(teamSize !== undefined && { teamSize }), ...(planFile !== undefined && { plan: planFile }) },
      loaded,
      inputs,
    );
  if (isPool(io, inputs))
    return teamReport(io, { ...opts, ...(teamSize !== undefined && { teamSize }) }, loaded, inputs);
  const answersFile = inputs[0] ?? fromSetup;
  const answers = loadAnswers(io, answersFile, loaded.bank);
  const { out, format } = opts;
  guardOutput(io, out, [answersFile, configFile, opts.bank, planFile]);
  const plan = namedPlan(io, planFile, loaded.bank);
  const model = reportOf(io, loaded, answers, {
    explain: opts.explain === true,
    priorities: opts.priorities,
    ...(plan && { plan }),
  });
  const text = REPORT_FORMATS[format](model, { style: styleFor(io, opts, out !== undefined), width: 80 });
  emit(io, text, out, `${format} report`);
  return EXIT.ok;
}

/**
 * `--lead lead.yaml [pulse...]`: one readiness report, the lead's questions from the lead's
 * answers and the team statements from the pooled pulse; without a pulse, the team statements
 * are "not measured — run a pulse".
 */
function leadReport(io: Io, opts: ReportOptions & GlobalOptions, loaded: LoadedBank, inputs: string[]): number {
  const { out, format } = opts;
  const leadFile = opts.lead!;
  guardOutput(io, out, [leadFile, ...inputs, opts.bank, opts.map]);
  const lead = loadAnswers(io, leadFile, loaded.bank);
  const plan = namedPlan(io, opts.plan, loaded.bank);
  let model: ReportModel;
  if (inputs.length === 0)
    model = reportOf(
      io,
      loaded,
      { ...lead, answers: { ...lead.answers, role: 'lead' } },
      { explain: opts.explain === true, priorities: opts.priorities, ...(plan && { plan }) },
    );
  else {
    const combined = combinedReport(io, loaded, lead, inputs, {
      minGroup: opts.minGroup,
      strict: opts.strict === true,
      ...(opts.map !== undefined && { map: opts.map }),
      priorities: opts.priorities,
      ...(opts.teamSize !== undefined && { teamSize: opts.teamSize }),
      explain: opts.explain === true,
    });
    model = withLoop(combined.model, {
      ...(plan && { plan }),
      expired: expiredAnswers(loaded.bank, lead.answers, io.today()),
      today: io.today(),
    });
    const notice = leftOutNotice(combined.team);
    if (notice) io.stderr.write(notice);
  }
  const text = REPORT_FORMATS[format](model, { style: styleFor(io, opts, out !== undefined), width: 80 });
  emit(io, text, out, `${format} report`);
  return EXIT.ok;
}

/** Several answers files, folders, globs or a CSV: the anonymous team report. */
function teamReport(io: Io, opts: ReportOptions & GlobalOptions, loaded: LoadedBank, inputs: string[]): number {
  const { out, format } = opts;
  const render = TEAM_FORMATS[format];
  guardOutput(io, out, [...inputs, opts.bank, opts.map]);
  const model = poolReport(io, loaded, inputs, {
    minGroup: opts.minGroup,
    strict: opts.strict === true,
    ...(opts.map !== undefined && { map: opts.map }),
    priorities: opts.priorities,
    ...(opts.teamSize !== undefined && { teamSize: opts.teamSize }),
  });
  emit(io, render(model, { style: styleFor(io, opts, out !== undefined), width: 80 }), out, `team ${format} report`);
  const notice = leftOutNotice(model);
  if (notice) io.stderr.write(notice);
  return EXIT.ok;
}
