import { confirm, input } from '@inquirer/prompts';
import type { Asker, AskContext, Reply } from './asker.js';
import { answerPrompt, BACK, NOT_APPLICABLE, PLAIN_THEME } from './prompt.js';

interface Streams {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream & { columns?: number };
  /**
   * Makes the error for "the user pressed Ctrl+C". Passed in rather than imported because this
   * adapter ships as a bundle of its own (loaded only by the interactive audit), and an error
   * class imported here would not be the one the CLI checks with instanceof.
   */
  interrupted: () => Error;
  /** No colour (--no-color, NO_COLOR). */
  plain: boolean;
}

/** The Asker that talks to a person through Inquirer prompts. */
export function inquirerAsker(streams: Streams): Asker {
  /** Turns Inquirer's "user pressed Ctrl+C" into the CLI's interruption; everything else passes. */
  const guard = async <T>(p: Promise<T>): Promise<T> => {
    try {
      return await p;
    } catch (e) {
      if (e instanceof Error && (e.name === 'ExitPromptError' || e.name === 'AbortPromptError')) throw streams.interrupted();
      throw e;
    }
  };
  const context = { input: streams.input, output: streams.output, clearPromptOnDone: false };
  const theme = streams.plain ? { theme: PLAIN_THEME } : {};
  return {
    say: (text) => void streams.output.write(`${text}\n`),
    async ask(ctx: AskContext): Promise<Reply> {
      const prev = ctx.previous;
      const value = await guard(
        answerPrompt(
          {
            header: `${ctx.area.title} › ${ctx.element.title}${ctx.element.concept ? ` (${ctx.element.concept})` : ''} · question ${ctx.index} of ${ctx.total}`,
            message: ctx.question.text,
            // The help the bank gives, then where it comes from (built by the engine from the bank).
            help: ctx.reference ? `${ctx.question.help}\n${ctx.reference}` : ctx.question.help,
            ...(ctx.question.options && { options: ctx.question.options }),
            ...(prev && { default: prev.na !== undefined ? NOT_APPLICABLE : prev.value! }),
            width: streams.output.columns ?? 80,
            plain: streams.plain,
            canGoBack: ctx.canGoBack,
          },
          context,
        ),
      );
      if (value === BACK) return { kind: 'back' };
      return value === NOT_APPLICABLE ? { kind: 'na' } : { kind: 'value', value };
    },
    reason: (ctx) =>
      guard(
        input(
          {
            ...theme,
            message: 'Why does it not apply?',
            ...(ctx.previous?.na && { default: ctx.previous.na }),
            validate: (v) => (v.trim() ? true : 'Please give a short reason; it appears in the report.'),
          },
          context,
        ),
      ).then((v) => v.trim()),
    note: (ctx) => guard(input({ ...theme, message: 'Note (optional, Enter to skip):', ...(ctx.previous?.note && { default: ctx.previous.note }) }, context)),
    text: (message) => guard(input({ ...theme, message }, context)),
    confirm: (message, defaultValue) => guard(confirm({ ...theme, message, default: defaultValue }, context)),
  };
}
