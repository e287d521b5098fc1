import { Argument, Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { EXIT, InputError, InterruptedError, UsageError, formatProblem } from '../errors.js';
import { closest } from '../text/closest.js';
import { terminalLine, terminalText } from '../text/escape.js';
import type { Io } from './io.js';

/** Options every command may read: the global ones plus its own. */
export type Opts = Record<string, unknown>;

/** Runs the command line and returns the exit code; never calls process.exit. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  let code: number = EXIT.ok;
  const program = new Command('service-audit');
  const run = (load: () => Promise<{ default: (io: Io, opts: Opts, args: string[]) => Promise<number> | number }>) =>
    async function (this: Command, ...args: unknown[]) {
      const positional = args.slice(0, -2).flatMap((a) => (Array.isArray(a) ? (a as string[]) : typeof a === 'string' ? [a] : []));
      const mod = await load();
      code = await mod.default(io, this.optsWithGlobals(), positional);
    };

  program
    .description('Audit how ready your team is to give excellent customer service.')
    .version(io.version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .option('--no-color', 'never colour the output (NO_COLOR and FORCE_COLOR are honoured too)')
    // commander's own errors echo what was typed: shown, never acted on by the terminal.
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s), outputError: (s, write) => write(terminalText(s)) })
    .showSuggestionAfterError(true)
    .exitOverride();

  const bankOpt = () => new Option('--bank <file>', 'question bank YAML (default: the built-in bank)');
  const auditOptions = (cmd: Command) =>
    cmd
      .addOption(bankOpt())
      .option('--answers <file>', 'where answers are kept', 'service-audit-answers.yaml')
      .option('--area <id>', 'limit the audit to an area (repeatable)', (v: string, prev: string[] = []) => [...prev, v])
      .option('--review', 'walk through every question with the saved answers as defaults')
      .option('--restart', 'start over (asks first, keeps a backup of the old answers)')
      .option('--report <file.md>', 'also write the markdown report at the end');

  auditOptions(program.command('run', { isDefault: true }).description('take the interactive audit (the default command)')).action(run(() => import('./commands/run.js')));

  program
    .command('bank')
    .description('show the question bank: an outline, or the normalised bank as JSON')
    .addOption(bankOpt())
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(run(() => import('./commands/bank.js')));

  program
    .command('validate')
    .description('check bank, answers and config files; print every problem with its line and column')
    .argument('<file...>', 'the files to check')
    .addOption(bankOpt())
    .addOption(new Option('--type <type>', 'what the file is (default: guessed from its keys)').choices(['bank', 'answers', 'config']))
    .action(run(() => import('./commands/validate.js')));

  program
    .command('schema')
    .description('print the JSON Schema (draft-07) of a file format')
    .addArgument(new Argument('<kind>', 'which format').choices(['bank', 'answers', 'config', 'report']))
    .action(run(() => import('./commands/schema.js')));

  program
    .command('report')
    .description('score an answers file and report weaknesses by element')
    .option('--answers <file>', 'the answers file to score', 'service-audit-answers.yaml')
    .addOption(bankOpt())
    .addOption(new Option('--format <format>', 'output format').choices(['terminal', 'markdown', 'json']).default('terminal'))
    .option('--out <file>', 'write the report to a file (atomically) instead of the terminal')
    .option('--explain', 'show the arithmetic behind each element score')
    .addOption(new Option('--priorities <n>', 'how many items "fix first" lists').argParser(positiveInt).default(5))
    .action(run(() => import('./commands/report.js')));

  program
    .command('check')
    .description('fail (exit 1) when scores fall short of the assertions: the CI gate')
    .option('--answers <file>', 'the answers file to check (default: from the config, else service-audit-answers.yaml)')
    .addOption(bankOpt())
    .option('--config <file>', 'assertions config (default: .service-audit.yaml if present)')
    .addOption(new Option('--min-score <n>', 'fail when the overall score is below n').argParser(score))
    .addOption(new Option('--min-element-score <n>', 'fail when any element scores below n').argParser(score))
    .addOption(new Option('--format <format>', 'output format (default: github on GitHub Actions, else terminal)').choices(['terminal', 'json', 'junit', 'github', 'markdown']))
    .option('--out <file>', 'also write the results to a file, pass or fail')
    .action(run(() => import('./commands/check.js')));

  program
    .command('init')
    .description('write an empty answers file listing every question and its allowed values')
    .addOption(bankOpt())
    .option('--out <file>', 'where to write it', 'service-audit-answers.yaml')
    .option('--force', 'overwrite an existing file')
    .action(run(() => import('./commands/init.js')));

  program
    .command('compare')
    .description('compare two answers files (e.g. last quarter and this quarter)')
    .argument('<old>', 'the earlier answers file')
    .argument('<new>', 'the later answers file')
    .addOption(bankOpt())
    .addOption(new Option('--format <format>', 'output format').choices(['terminal', 'markdown', 'json']).default('terminal'))
    .action(run(() => import('./commands/compare.js')));

  program.addHelpText('after', '\nExit codes: 0 ok, 1 the check fell short, 2 usage, input or bank error, 130 interrupted.\nRun `service-audit <command> --help` for a command\'s options.');

  try {
    // `run` is the default command, so commander would read a mistyped command as its argument.
    const first = argv[0];
    const names = [...program.commands.map((c) => c.name()), 'help'];
    if (first !== undefined && !first.startsWith('-') && !names.includes(first)) {
      const near = closest(first, names);
      throw new UsageError(`unknown command '${first}'${near ? ` (did you mean ${near}?)` : ''}; run service-audit --help to see the commands`);
    }
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (e) {
    return handleError(e, io);
  }
}

function positiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('write a whole number above 0.');
  return n;
}

function score(v: string): number {
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || n < 0 || n > 100) throw new InvalidArgumentError('write a score from 0 to 100.');
  return n;
}

/** The one place errors become output and an exit code; every message is escaped for the terminal, one line each. */
function handleError(e: unknown, io: Io): number {
  if (e instanceof CommanderError) {
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT.ok;
    // commander has already printed a one-line "error: …" message.
    return EXIT.input;
  }
  if (e instanceof InputError) {
    for (const p of e.problems) io.stderr.write(`${formatProblem(p)}\n`);
    if (e.problems.length > 1) io.stderr.write(`${e.problems.length} problems found.\n`);
    return EXIT.input;
  }
  if (e instanceof UsageError) {
    io.stderr.write(`error: ${terminalLine(e.message)}\n`);
    return EXIT.input;
  }
  if (e instanceof InterruptedError) {
    io.stderr.write(`${e.message.split('\n').map(terminalLine).join('\n')}\n`);
    return EXIT.interrupted;
  }
  const err = e instanceof Error ? e : new Error(String(e));
  io.stderr.write(`internal error: ${terminalLine(err.message)}\nThis is a bug in service-audit; please report it with the command you ran and this trace:\n${terminalText(err.stack ?? '')}\n`);
  return 70;
}
