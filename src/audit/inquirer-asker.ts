import { input, select } from '@inquirer/prompts';
import { keyConfirm } from './confirm-prompt.js';
import { terminalLine } from '../text/escape.js';
import type { Asker, AskContext, Reply } from './asker.js';
import { wrap } from '../text/wrap.js';
import { answerPrompt, MIN_WIDTH, PLAIN_THEME } from './prompt.js';
import { targetText } from '../bank/number.js';

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
      if (e instanceof Error && (e.name === 'ExitPromptError' || e.name === 'AbortPromptError'))
        throw streams.interrupted();
      throw e;
    }
  };
  const context = { input: streams.input, output: streams.output, clearPromptOnDone: false };
  const theme = streams.plain ? { theme: PLAIN_THEME } : {};
  return {
    // Messages are wrapped to the terminal, as every line the audit draws fits it.
    say: (text) =>
      void streams.output.write(
        `${text
          .split('\n')
          .flatMap((l) => wrap(l, Math.max(MIN_WIDTH, streams.output.columns ?? 80)))
          .join('\n')}\n`,
      ),
    async ask(ctx: AskContext): Promise<Reply> {
      const { area, element, question } = ctx;
      const result = await guard(
        answerPrompt(
          {
            path: `${area.title} › ${element.title}${element.concept ? ` (${element.concept})` : ''}`,
            position: `question ${ctx.index} of ${ctx.total}`,
            message: question.text,
            // The help the bank gives, then where it comes from (built by the engine from the bank).
            help: ctx.reference ? `${question.help}\n${ctx.reference}` : question.help,
            ...(question.options && { options: question.options }),
            ...(question.type === 'number' && {
              number: {
                unit: question.unit ?? '',
                ...(question.max !== undefined && { max: question.max }),
                ...(targetText(question) !== undefined && { target: targetText(question)! }),
              },
            }),
            ...(ctx.previous && { previous: ctx.previous }),
            ...(ctx.draftNote !== undefined && { draftNote: ctx.draftNote }),
            width: streams.output.columns ?? 80,
            plain: streams.plain,
            canGoBack: ctx.canGoBack,
            commit: ctx.commit,
          },
          context,
        ),
      );
      if (result.kind === 'failed') throw result.error;
      return result;
    },
    async text(message, defaultValue) {
      // A saved value is shown escaped; left as it is, the saved value itself is kept.
      const shown = defaultValue === undefined ? undefined : terminalLine(defaultValue);
      const typed = await guard(input({ ...theme, message, ...(shown && { default: shown }) }, context));
      return typed === shown ? defaultValue! : typed;
    },
    // y or n answers at once, as a key picks every other choice; Enter takes the default.
    confirm: (message, defaultValue) => guard(keyConfirm({ ...theme, message, default: defaultValue }, context)),
    choose: (message, choices, defaultValue) =>
      guard(
        select(
          {
            ...theme,
            message,
            choices: choices.map((c) => ({ value: c.value, name: terminalLine(c.name) })),
            default: defaultValue,
          },
          context,
        ),
      ),
  };
}
