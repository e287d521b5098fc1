import { createPrompt, isDownKey, isEnterKey, isUpKey, makeTheme, useKeypress, usePrefix, useState, type Status } from '@inquirer/core';
import { styleText } from 'node:util';
import { percentFromText } from '../answers/percent.js';
import { wrap } from '../text/wrap.js';

export const NOT_APPLICABLE: unique symbol = Symbol('not applicable');
/** Returned when the person goes back to the previous question (the ← key). */
export const BACK: unique symbol = Symbol('back');

export interface AnswerPromptConfig {
  /** The position line: area › element · n of N. */
  header: string;
  message: string;
  help: string;
  /** The options of a scale, choice or yes/no question; absent for a percent question. */
  options?: readonly { value: string; label: string }[];
  /** The saved answer, offered as the default. */
  default?: string | number | typeof NOT_APPLICABLE;
  width?: number;
  /** No colour at all (--no-color, NO_COLOR): every style becomes plain text. */
  plain?: boolean;
  /** Offer ← to go back to the previous question. */
  canGoBack?: boolean;
}

const same = (s: string) => s;

/** Inquirer's theme with every style plain, for --no-color and NO_COLOR. */
export const PLAIN_THEME = {
  prefix: { idle: '?', done: '✔' },
  style: { answer: same, message: same, error: (t: string) => `> ${t}`, defaultAnswer: (t: string) => `(${t})`, help: same, highlight: same, key: same },
};

export type AnswerValue = string | number | typeof NOT_APPLICABLE | typeof BACK;

const PERCENT_ERROR = 'Type a number from 0 to 100 (or "na" if it does not apply), then Enter.';

/** Parses what was typed at a percent question. */
export function parsePercent(input: string): number | typeof NOT_APPLICABLE | undefined {
  const t = input.trim().toLowerCase();
  if (t === 'na' || t === 'n/a') return NOT_APPLICABLE;
  // The same reading as an answers file's, so "45%" is accepted in both.
  const n = percentFromText(t);
  return n !== undefined && n <= 100 ? n : undefined;
}

/**
 * One audit question: options by arrow keys or number keys (or a percent typed in),
 * "not applicable" as the last choice, and the help text toggled with "?".
 */
export const answerPrompt = createPrompt<AnswerValue, AnswerPromptConfig>((config, done) => {
  const theme = makeTheme(config.plain ? PLAIN_THEME : {});
  const dim = config.plain ? same : (t: string) => styleText('dim', t);
  const cyan = config.plain ? same : (t: string) => styleText('cyan', t);
  const [status, setStatus] = useState<Status>('idle');
  const prefix = usePrefix({ status, theme });
  const items: { value: AnswerValue; label: string }[] = [...(config.options ?? []), { value: NOT_APPLICABLE, label: 'Not applicable' }];
  const initial = config.default === undefined ? 0 : Math.max(0, items.findIndex((i) => i.value === config.default));
  const [active, setActive] = useState(initial);
  const [showHelp, setShowHelp] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const [typed, setTyped] = useState(config.options ? '' : config.default === undefined ? '' : config.default === NOT_APPLICABLE ? 'na' : String(config.default));
  const [answer, setAnswer] = useState('');
  const [wentBack, setWentBack] = useState(false);
  const percent = !config.options;

  useKeypress((key, rl) => {
    setError(undefined);
    const back = () => {
      setWentBack(true);
      setStatus('done');
      done(BACK);
    };
    if (percent) {
      if (key.name === 'left' && config.canGoBack && rl.line === '') return back();
      if (isEnterKey(key)) {
        const input = typed || rl.line;
        const value = parsePercent(input);
        if (value === undefined) {
          rl.write(input);
          setError(PERCENT_ERROR);
          return;
        }
        setAnswer(value === NOT_APPLICABLE ? 'Not applicable' : `${value}%`);
        setStatus('done');
        done(value);
        return;
      }
      if (rl.line === '?') {
        rl.clearLine(0);
        setShowHelp(!showHelp);
      }
      setTyped(rl.line);
      return;
    }
    if (isEnterKey(key)) {
      const item = items[active]!;
      setAnswer(item.label);
      setStatus('done');
      done(item.value);
    } else if (key.name === 'left' && config.canGoBack) {
      back();
    } else if (isUpKey(key) || isDownKey(key)) {
      rl.clearLine(0);
      setActive((active + (isUpKey(key) ? items.length - 1 : 1)) % items.length);
    } else if (rl.line.endsWith('?')) {
      // "?" has no key name; readline has already put it in the line.
      rl.clearLine(0);
      setShowHelp(!showHelp);
    } else if (/^[1-9]$/.test(key.name)) {
      rl.clearLine(0);
      const n = Number(key.name) - 1;
      if (n < items.length) {
        const item = items[n]!;
        setActive(n);
        setAnswer(item.label);
        setStatus('done');
        done(item.value);
      } else setError(`Choose 1 to ${items.length}.`);
    } else rl.clearLine(0);
  });

  const width = Math.max(40, (config.width ?? 80) - 4);
  if (status === 'done' && wentBack) return dim(`↩ ${config.header}: back to the previous question`);
  if (status === 'done') {
    // One line per answered question, so the scroll-back reads as a list of answers.
    const room = Math.max(20, width - answer.length - 4);
    const short = config.message.length > room ? `${config.message.slice(0, room - 1)}…` : config.message;
    return `${prefix} ${theme.style.message(short, status)} ${theme.style.answer(answer)}`;
  }

  const lines = [dim(config.header), `${prefix} ${wrap(config.message, width).join('\n  ')}`];
  if (showHelp) lines.push(...wrap(config.help, width).map((l) => cyan(`  ${l}`)));
  if (percent) {
    lines.push(`  Percent (0-100): ${typed}`);
    if (error) lines.push(theme.style.error(error));
    lines.push(dim(`  type a number, "na" if not applicable, ? help · Enter confirm${config.canGoBack ? ' · ← back' : ''} · Ctrl+C stop (answers are saved)`));
    return lines.join('\n');
  }
  items.forEach((item, i) => {
    const line = `${i + 1}. ${item.label}`;
    lines.push(i === active ? theme.style.highlight(`❯ ${line}`) : `  ${line}`);
  });
  if (error) lines.push(theme.style.error(error));
  lines.push(dim(`  ↑↓ move · 1-${items.length} choose · ? help · Enter confirm${config.canGoBack ? ' · ← back' : ''} · Ctrl+C stop (answers are saved)`));
  return lines.join('\n');
});
