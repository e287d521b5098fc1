import type { Io } from './io.js';

/** The options every command is given besides its own. */
export interface GlobalOptions {
  /** false with --no-color. */
  color: boolean;
}

/** One option of a command, as data; main.ts turns it into commander's Option. */
export interface OptionSpec {
  /** As commander writes them: '--format <format>', '--force', '-o, --out <file>'. */
  flags: string;
  description: string;
  default?: string | number | boolean;
  choices?: readonly string[];
  /** Turns the text given into the option's value; throws InvalidArgumentError to refuse it. */
  parse?: (value: string, previous: unknown) => unknown;
  /** Other names a choice is still known by (old names), not shown in help: alias → choice. */
  aliases?: Readonly<Record<string, string>>;
  /** Understood but not shown in help (kept for old command lines). */
  hidden?: boolean;
}

/** One positional argument; its value lands in the options under `key`. */
export interface ArgSpec<K extends string = string> {
  key: K;
  /** As commander writes it: '<file...>', '<old>'. */
  name: string;
  description: string;
  choices?: readonly string[];
}

/** A command's handler: gets the options it declared (typed), returns the exit code. */
export type Handler<O> = (io: Io, opts: O & GlobalOptions) => number | Promise<number>;

/** One command of the CLI: what it is called, what it takes, what it does. */
export interface CommandSpec<O> {
  name: string;
  description: string;
  /** Run when no command is named. */
  isDefault?: boolean;
  args?: readonly ArgSpec<keyof O & string>[];
  options: readonly OptionSpec[];
  /** Command lines shown under "Examples:" in the command's help. */
  examples?: readonly string[];
  run(io: Io, opts: O & GlobalOptions): Promise<number>;
}

/** A command as the table holds it, its option type erased once checked by `command()`. */
export type AnyCommand = CommandSpec<Record<string, unknown>>;

/**
 * Checks a spec against its options type and erases that type for the table. The options
 * object main() hands over is built by commander from exactly these option and argument specs.
 */
export function command<O>(spec: CommandSpec<O>): AnyCommand {
  return spec as unknown as AnyCommand;
}

/**
 * Runs a handler loaded on first use: a command compiles and evaluates only its own code, so
 * start-up stays fast however many commands there are.
 */
export function lazy<O>(
  load: () => Promise<{ default: Handler<O> }>,
): (io: Io, opts: O & GlobalOptions) => Promise<number> {
  return async (io, opts) => (await load()).default(io, opts);
}
