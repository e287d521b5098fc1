import { Argument, Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { EXIT, InputError, InterruptedError, UsageError, formatProblem, internalErrorMessage } from '../errors.js';
import { terminalLine, terminalText } from '../text/escape.js';
import { closest, didYouMean } from '../validation/closest.js';
import { COMMANDS } from './commands.js';
import type { Io } from './io.js';
import type { AnyCommand, GlobalOptions, OptionSpec } from './spec.js';

/** commander's Option for an option spec. */
function toOption(o: OptionSpec): Option {
  const option = new Option(o.flags, o.description);
  if (o.choices) option.choices(o.choices);
  if (o.choices && o.aliases) {
    const { choices, aliases } = o;
    // Help lists the choices only; an old name still works as the choice it became.
    option.argParser((v: string) => {
      const chosen = aliases[v] ?? v;
      if (!choices.includes(chosen)) throw new InvalidArgumentError(`Allowed choices are ${choices.join(', ')}.`);
      return chosen;
    });
  }
  if (o.parse) option.argParser(o.parse);
  if (o.default !== undefined) option.default(o.default);
  if (o.hidden) option.hideHelp();
  return option;
}

/**
 * The word where a command name would stand: the first argument that is neither an option nor
 * the value of one (`--no-color reprot`, `--answers a.yaml`). `run` is the default command, so
 * commander would read a mistyped command as its argument and report something else.
 */
function commandWord(argv: readonly string[]): string | undefined {
  const takesValue = new Set(
    (COMMANDS.find((c) => c.isDefault)?.options ?? [])
      .filter((o) => /[<[]/.test(o.flags))
      .flatMap((o) => o.flags.split(/[ ,]+/).filter((f) => f.startsWith('-'))),
  );
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') return argv[i + 1];
    if (!a.startsWith('-')) return a;
    if (takesValue.has(a)) i++;
  }
  return undefined;
}

/** commander's typo hint, on a line of its own, made the one wording every message uses (didYouMean). */
const oneWording = (message: string) =>
  message.replace(
    /\n\(Did you mean (?:one of )?(.+)\?\)/,
    (_, names: string) => ` (${didYouMean(...names.split(', '))})`,
  );

/** Adds one command of the table to the program; `done` receives the exit code its handler returns. */
function addCommand(program: Command, spec: AnyCommand, io: Io, done: (code: number) => void): void {
  const cmd = program.command(spec.name, spec.isDefault ? { isDefault: true } : {}).description(spec.description);
  for (const a of spec.args ?? []) {
    const argument = new Argument(a.name, a.description);
    if (a.choices) argument.choices(a.choices);
    cmd.addArgument(argument);
  }
  for (const o of spec.options) cmd.addOption(toOption(o));
  if (spec.examples?.length)
    cmd.addHelpText('after', `\nExamples:\n${spec.examples.map((e) => `  $ ${e}`).join('\n')}\n`);
  cmd.action(async function (this: Command, ...values: unknown[]) {
    // commander passes the arguments in order, then the options and the command.
    const args = Object.fromEntries((spec.args ?? []).map((a, i) => [a.key, values[i]]));
    done(await spec.run(io, { ...this.optsWithGlobals<GlobalOptions>(), ...args }));
  });
}

/** Runs the command line and returns the exit code; never calls process.exit. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  let code: number = EXIT.ok;
  const program = new Command('service-audit');

  program
    .description('Audit how ready your team is to give excellent customer service.')
    .version(io.version, '-V, --version', 'print the version (also -v)')
    .helpOption('-h, --help', 'show help')
    .option('--no-color', 'never colour the output (NO_COLOR and FORCE_COLOR are honoured too)')
    // commander's own errors echo what was typed: shown, never acted on by the terminal.
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      outputError: (s, write) => write(terminalText(oneWording(s))),
    })
    // Every command's help lists --no-color and the others that work everywhere.
    .configureHelp({ showGlobalOptions: true })
    .showSuggestionAfterError(true)
    .exitOverride();

  for (const spec of COMMANDS) addCommand(program, spec, io, (c) => (code = c));

  program.addHelpText(
    'after',
    "\nExit codes: 0 ok, 1 the check fell short, 2 usage, input or bank error, 70 a bug in service-audit (please report it), 130 interrupted.\nRun `service-audit <command> --help` for a command's options.",
  );

  try {
    const first = commandWord(argv);
    const names = [...program.commands.map((c) => c.name()), 'help'];
    if (first !== undefined && !names.includes(first)) {
      const near = closest(first, names);
      throw new UsageError(
        `unknown command '${first}'${near ? ` (${didYouMean(near)})` : ''}; run service-audit --help to see the commands`,
      );
    }
    // -v as well as -V: both are common, and a script that guesses wrong should still get the version.
    await program.parseAsync(argv.length === 1 && argv[0] === '-v' ? ['--version'] : [...argv], { from: 'user' });
    return code;
  } catch (e) {
    return handleError(e, io);
  }
}

/** The one place errors become output and an exit code; every message is escaped for the terminal, one line each. */
function handleError(e: unknown, io: Io): number {
  if (e instanceof CommanderError) {
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help')
      return EXIT.ok;
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
  io.stderr.write(internalErrorMessage(e, io.originalTrace));
  return EXIT.internal;
}
