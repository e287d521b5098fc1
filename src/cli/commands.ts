import { InvalidArgumentError } from 'commander';
import { BANK_FORMATS } from '../bank/formats.js';
import { CHECK_FORMATS } from '../check/formats.js';
import { COMPARE_FORMATS } from '../compare/formats.js';
import { HISTORY_FORMATS } from '../history/formats.js';
import { REPORT_FORMATS } from '../report/formats.js';
import type { BankOptions } from './commands/bank.js';
import type { CheckOptions } from './commands/check.js';
import type { CollectOptions } from './commands/collect.js';
import type { CompareOptions } from './commands/compare.js';
import type { FormOptions } from './commands/form.js';
import type { HistoryOptions } from './commands/history.js';
import type { InitOptions } from './commands/init.js';
import type { PlanOptions } from './commands/plan.js';
import { PLAN_FORMATS } from '../plan/formats.js';
import type { ReportOptions } from './commands/report.js';
import type { RunOptions } from './commands/run.js';
import type { SchemaOptions } from './commands/schema.js';
import type { UpgradeOptions } from './commands/upgrade.js';
import type { ValidateOptions } from './commands/validate.js';
import { command, lazy, type AnyCommand, type OptionSpec } from './spec.js';
import { DEFAULT_MIN_GROUP, LOWEST_MIN_GROUP } from '../team/anonymity.js';

function positiveInt(v: string): number {
  const n = Number(v);
  // Decimal digits only: Number() would also take 0x10, 1e1 and " 5".
  if (!/^\d+$/.test(v) || n < 1) throw new InvalidArgumentError('write a whole number above 0.');
  return n;
}

function port(v: string): number {
  const n = Number(v);
  if (!/^\d+$/.test(v) || n > 65535)
    throw new InvalidArgumentError('write a port number from 0 to 65535 (0 takes a free one).');
  return n;
}

function score(v: string): number {
  const n = Number(v);
  // Decimal numbers only: Number() would take 0x32 and 5e1 as 50.
  if (!/^\d+(\.\d+)?$/.test(v) || n > 100) throw new InvalidArgumentError('write a score from 0 to 100.');
  return n;
}

/** A group floor: LOWEST_MIN_GROUP or more (in a smaller group, answers could be told apart); decimal digits only, like every whole-number option. */
export function minGroup(v: string): number {
  const n = Number(v);
  if (!/^\d+$/.test(v) || n < LOWEST_MIN_GROUP)
    throw new InvalidArgumentError(
      `write a whole number of ${LOWEST_MIN_GROUP} or more: in a smaller group, answers could be told apart.`,
    );
  return n;
}

/** Team mode (a pool of answers files): the same options on report and check. */
const POOL_OPTIONS: readonly OptionSpec[] = [
  {
    flags: '--min-group <n>',
    description: `team report: the fewest respondents a group (or the whole pool) needs to be shown (${LOWEST_MIN_GROUP} or more)`,
    parse: minGroup,
    default: DEFAULT_MIN_GROUP,
  },
  {
    flags: '--strict',
    description: 'team report: stop with exit 2 when any file or CSV row is bad, instead of leaving it out',
  },
  {
    flags: '--map <file>',
    description: 'team report: YAML that maps CSV columns to question ids and cell labels to option values',
  },
  {
    flags: '--lead <file>',
    description:
      "the lead's answers file: one report, the lead's questions from it and the team statements from the pulse given",
  },
  {
    flags: '--team-size <n>',
    description: 'team report: how many people were asked, so that the participation rate is shown',
    parse: (v: string) => positiveInt(v),
  },
];

/** Collects every use of a repeatable option into a list. */
const repeatable = (v: string, previous: unknown): string[] => [...(Array.isArray(previous) ? previous : []), v];

const bank: OptionSpec = { flags: '--bank <file>', description: 'question bank YAML (default: the built-in bank)' };

const config: OptionSpec = {
  flags: '--config <file>',
  description: 'config file (default: the nearest .service-audit.yaml, looking upward to the repository root)',
};

/** `--format` offering a registry's formats. */
const format = (
  formats: object,
  description = 'output format',
  fallback?: string,
  aliases?: Record<string, string>,
): OptionSpec => ({
  flags: '--format <format>',
  description,
  choices: Object.keys(formats),
  ...(fallback !== undefined && { default: fallback }),
  ...(aliases && { aliases }),
});

/** `--out` means one thing in every command: write the output to this file instead of stdout. */
const out = (what: string): OptionSpec => ({
  flags: '--out <file>',
  description: `write ${what} to this file (atomically) instead of stdout`,
});

/** Every command, in the order --help lists them. Handlers load on first use. */
export const COMMANDS: readonly AnyCommand[] = [
  command<RunOptions>({
    name: 'run',
    isDefault: true,
    description: 'take the interactive audit (the default command)',
    options: [
      bank,
      {
        flags: '--answers <file>',
        description:
          "where answers are kept (default: service-audit-answers.yaml; with --recheck: last quarter's name with this quarter)",
      },
      { flags: '--area <id>', description: 'limit the audit to an area (repeatable)', parse: repeatable },
      {
        flags: '--audience <who>',
        description:
          "team: the short staff pulse, only the statements each person rates about themselves (lead: only the lead's questions)",
        choices: ['lead', 'team'],
      },
      { flags: '--review', description: 'walk through every question with the saved answers as defaults' },
      {
        flags: '--from <id>',
        description: 'start at this question (or the first of this element or area) and review from there',
      },
      { flags: '--restart', description: 'start over (asks first, keeps a backup of the old answers)' },
      { flags: '--report <file.md>', description: 'also write the markdown report at the end' },
      {
        flags: '--recheck [latest]',
        description:
          "the quarterly re-check: start this quarter's answers from the latest file (default: the newest of an earlier quarter here), asking only what was weak, acted on, new, changed or past its review date",
      },
      {
        flags: '--plan <file>',
        description: 'with --recheck: the plan whose actions are asked about again (default: service-audit-plan.yaml)',
      },
    ],
    examples: [
      'service-audit',
      'service-audit --area dna --answers team-a.yaml',
      'service-audit --review',
      'service-audit --recheck audits/2026-q3.yaml --answers audits/2026-q4.yaml',
    ],
    run: lazy(() => import('./commands/run.js')),
  }),
  command<BankOptions>({
    name: 'bank',
    description: 'show the question bank: an outline, or the normalised bank as JSON',
    options: [bank, format(BANK_FORMATS, 'output format', 'terminal', { text: 'terminal' }), out('the bank')],
    examples: ['service-audit bank', 'service-audit bank --bank my-bank.yaml --format json'],
    run: lazy(() => import('./commands/bank.js')),
  }),
  command<FormOptions>({
    name: 'form',
    description:
      'write the team questionnaire for a form tool (Google Forms, Microsoft Forms, Typeform) and the --map that reads its CSV export back',
    options: [
      bank,
      out('the questionnaire'),
      { flags: '--map-out <file>', description: 'write the --map to this file instead of after the questionnaire' },
    ],
    examples: ['service-audit form', 'service-audit form --out questionnaire.txt --map-out form-map.yaml'],
    run: lazy(() => import('./commands/form.js')),
  }),
  command<ValidateOptions>({
    name: 'validate',
    description: 'check bank, answers and config files; print every problem with its line and column',
    args: [{ key: 'files', name: '<file...>', description: 'the files to check' }],
    options: [
      bank,
      {
        flags: '--type <type>',
        description: 'what the file is (default: guessed from its keys)',
        choices: ['bank', 'answers', 'config'],
      },
    ],
    examples: [
      'service-audit validate service-audit-answers.yaml',
      'service-audit validate my-bank.yaml .service-audit.yaml',
      'service-audit validate --type answers --bank my-bank.yaml team-a.yaml',
    ],
    run: lazy(() => import('./commands/validate.js')),
  }),
  command<SchemaOptions>({
    name: 'schema',
    description: 'print the JSON Schema (draft-07) of a file format',
    args: [
      {
        key: 'kind',
        name: '<kind>',
        description: 'which format',
        choices: ['bank', 'answers', 'config', 'report', 'team-report', 'plan'],
      },
    ],
    options: [
      {
        flags: '--bank <file>',
        description: "with answers: list this bank's question ids and each one's allowed values",
      },
      out('the schema'),
    ],
    examples: [
      'service-audit schema report',
      'service-audit schema answers --bank my-bank.yaml --out answers.schema.json',
    ],
    run: lazy(() => import('./commands/schema.js')),
  }),
  command<ReportOptions>({
    name: 'report',
    description:
      'score an answers file and report weaknesses by element; several files, a folder or a CSV give the team report',
    args: [
      {
        key: 'inputs',
        name: '[answers...]',
        description: 'answers files, folders, globs or CSV exports to pool into one anonymous team report',
      },
    ],
    options: [
      {
        flags: '--answers <file>',
        description: 'the answers file to score (default: from the config, else service-audit-answers.yaml)',
      },
      bank,
      config,
      format(REPORT_FORMATS, 'output format', 'terminal'),
      out('the report'),
      {
        flags: '--plan <file>',
        description:
          "the action plan (service-audit plan): each weakness shows its action (default: the config's plan:)",
      },
      { flags: '--explain', description: 'show the arithmetic behind each element score' },
      { flags: '--priorities <n>', description: 'how many items "fix first" lists', parse: positiveInt, default: 5 },
      ...POOL_OPTIONS,
    ],
    examples: [
      'service-audit report',
      'service-audit report --answers q4.yaml --format markdown --out report.md',
      'service-audit report --explain',
      'service-audit report --lead lead.yaml pulse/ --format markdown --out audit.md',
      'service-audit report pulse/ --team-size 12',
      'service-audit report "pulse/*.yaml" export.csv --map form-map.yaml',
    ],
    run: lazy(() => import('./commands/report.js')),
  }),
  command<CheckOptions>({
    name: 'check',
    description:
      'fail (exit 1) when scores fall short of the assertions: the CI gate; several files, a folder or a CSV check the team report',
    args: [
      {
        key: 'inputs',
        name: '[answers...]',
        description: 'answers files, folders, globs or CSV exports: check the pooled team report',
      },
    ],
    options: [
      {
        flags: '--answers <file>',
        description: 'the answers file to check (default: from the config, else service-audit-answers.yaml)',
      },
      bank,
      config,
      { flags: '--min-score <n>', description: 'fail when the overall score is below n', parse: score },
      { flags: '--min-element-score <n>', description: 'fail when any element scores below n', parse: score },
      format(CHECK_FORMATS, 'output format (default: github on GitHub Actions, else terminal)'),
      {
        ...out('the results'),
        description:
          'write the results to this file (atomically) instead of stdout, pass or fail; the verdict still goes to stderr',
      },
      {
        flags: '--plan <file>',
        description: "the action plan that overdue, noOwner and unplanned assert on (default: the config's plan:)",
      },
      ...POOL_OPTIONS,
    ],
    examples: [
      'service-audit check --min-score 70',
      'service-audit check --config ci/audit.yaml --format junit --out results.xml',
    ],
    run: lazy(() => import('./commands/check.js')),
  }),
  command<PlanOptions>({
    name: 'plan',
    description:
      "the action plan from an audit's Fix first: owner, due day and status for each action; asks on a terminal, lists it otherwise",
    options: [
      { flags: '--plan <file>', description: 'the plan file (default: service-audit-plan.yaml)' },
      {
        flags: '--answers <file>',
        description: 'the audit to plan from (default: service-audit-answers.yaml)',
      },
      bank,
      {
        flags: '--top <n>',
        description: 'add an action for each of the top n weaknesses not yet planned, without asking (for scripts)',
        parse: positiveInt,
      },
      { flags: '--owner <who>', description: 'with --top: the owner of the actions added (a role or a name)' },
      { flags: '--due <YYYY-MM-DD>', description: 'the due day of actions added (default: in 91 days)' },
      format(PLAN_FORMATS, 'list the plan in this format (default: terminal)'),
      out('the plan'),
    ],
    examples: [
      'service-audit plan',
      'service-audit plan --answers audits/2026-q4.yaml --top 3 --owner "Team lead"',
      'service-audit plan --format markdown --out PLAN.md',
      'service-audit plan --format csv --out plan.csv',
    ],
    run: lazy(() => import('./commands/plan.js')),
  }),
  command<InitOptions>({
    name: 'init',
    description: 'write an empty answers file listing every question and its allowed values',
    args: [
      { key: 'file', name: '[file]', description: 'the answers file to create (default: service-audit-answers.yaml)' },
    ],
    options: [
      bank,
      { flags: '--force', description: 'overwrite an existing file' },
      // Before 0.2 the file was given with --out; still understood, no longer shown.
      {
        flags: '--out <file>',
        description: 'the answers file to create (the same as the file argument)',
        hidden: true,
      },
    ],
    examples: ['service-audit init', 'service-audit init audits/team-a.yaml --bank my-bank.yaml'],
    run: lazy(() => import('./commands/init.js')),
  }),
  command<CompareOptions>({
    name: 'compare',
    description: 'compare two answers files (e.g. last quarter and this quarter)',
    args: [
      { key: 'old', name: '<old>', description: 'the earlier answers file' },
      { key: 'new', name: '<new>', description: 'the later answers file' },
    ],
    options: [bank, format(COMPARE_FORMATS, 'output format', 'terminal'), out('the comparison')],
    examples: [
      'service-audit compare q3.yaml q4.yaml',
      'service-audit compare q3.yaml q4.yaml --format markdown --out changes.md',
    ],
    run: lazy(() => import('./commands/compare.js')),
  }),
  command<CollectOptions>({
    name: 'collect',
    description: 'serve the team questions as a form on this machine; each response is saved as its own answers file',
    options: [
      {
        flags: '--out <folder>',
        description: 'the folder for the responses (created if missing)',
        default: 'responses',
      },
      bank,
      {
        flags: '--audience <who>',
        description: 'which questions to ask',
        choices: ['team', 'lead', 'all'],
        default: 'team',
      },
      { flags: '--area <id>', description: 'ask only this area (repeatable)', parse: repeatable },
      { flags: '--group <name>', description: 'the team, site or shift answering (saved with each response)' },
      {
        flags: '--host <address>',
        description: 'where to listen: 127.0.0.1 (this machine) or 0.0.0.0 (the network)',
        default: '127.0.0.1',
      },
      { flags: '--port <n>', description: 'the port (default: a free one)', parse: port, default: 0 },
      { flags: '--until <n>', description: 'stop after n responses', parse: positiveInt },
      {
        flags: '--team-size <n>',
        description: 'how many people were asked: shows "8 of 12 answered"',
        parse: positiveInt,
      },
      {
        flags: '--codes <n>',
        description: 'make n one-time codes (a printable sheet of cards); each sends one response',
        parse: positiveInt,
      },
      { flags: '--preview', description: 'serve the form to try it; store nothing' },
      { flags: '--no-qr', description: 'do not draw the QR code' },
    ],
    examples: [
      'service-audit collect --out responses/',
      'service-audit collect --preview',
      'service-audit collect --out responses/ --host 0.0.0.0 --team-size 12 --codes 12',
      'service-audit collect --out responses/ --host 0.0.0.0 --group "Night shift"',
      'service-audit report responses/',
    ],
    run: lazy(() => import('./commands/collect.js')),
  }),
  command<HistoryOptions>({
    name: 'history',
    description: "one organization's audits over time: scores per audit, trends, a line chart in html",
    args: [
      {
        key: 'files',
        name: '<answers...>',
        description:
          'answers files, folders or globs of one organization, each file with its date (any order); a folder of undated answers is a staff pulse, pooled',
      },
    ],
    options: [
      {
        flags: '--bank <file>',
        description: 'a question bank, for audits answered against it (repeatable; the built-in bank is always known)',
        parse: repeatable,
      },
      format(HISTORY_FORMATS, 'output format', 'terminal'),
      { flags: '--out <file>', description: 'write the history to a file (atomically) instead of the terminal' },
      {
        flags: '--plan <file>',
        description: 'put the plan on the timeline: for each done action, whether its questions moved afterwards',
      },
    ],
    examples: [
      'service-audit history audits/*.yaml',
      'service-audit history audits/*.yaml pulse-2026-q2/ pulse-2026-q4/ --plan service-audit-plan.yaml',
      'service-audit history audits/*.yaml --format html --out history.html',
    ],
    run: lazy(() => import('./commands/history.js')),
  }),
  command<UpgradeOptions>({
    name: 'upgrade',
    description:
      'rewrite an answers file given against an earlier version of its bank to the current version (keeps a .bak copy)',
    args: [{ key: 'file', name: '<file>', description: 'the answers file to rewrite' }],
    options: [bank],
    examples: ['service-audit upgrade service-audit-answers.yaml'],
    run: lazy(() => import('./commands/upgrade.js')),
  }),
];
