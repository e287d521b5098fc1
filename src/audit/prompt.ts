import {
  createPrompt,
  isDownKey,
  isEnterKey,
  isUpKey,
  makeTheme,
  useEffect,
  useKeypress,
  usePrefix,
  useState,
  type Status,
} from '@inquirer/core';
import { styleText } from 'node:util';
import { percentFromText } from '../answers/percent.js';
import { numberFromText, withUnit } from '../bank/number.js';
import { terminalLine, terminalText } from '../text/escape.js';
import { wrap } from '../text/wrap.js';
import type { Answered, Reply } from './asker.js';

/** The key that marks any question "not applicable": a letter, so no number (and no percent) can pick it by accident. */
export const NA_KEY = 'x';
/** The key that opens the note field of the question on screen. */
export const NOTE_KEY = 'n';
/** The narrowest terminal the prompt lays itself out for. */
export const MIN_WIDTH = 40;

/** What the person did at one question (answered, or went back). */
export type PromptResult = Reply;
export type { Answered };

export interface AnswerPromptConfig {
  /** Where the question sits: area › element (concept). Shortened with … to fit. */
  path: string;
  /** "question n of N": always shown whole. */
  position: string;
  message: string;
  help: string;
  /** The options of a scale, choice or yes/no question; absent for a percent or number question. */
  options?: readonly { value: string; label: string }[];
  /** For a number question: its unit, largest plausible value and target (absent: a percent is typed). */
  number?: { unit: string; max?: number; target?: string };
  /** The saved answer, offered as the default, with its note. */
  previous?: { value?: string | number; na?: string; note?: string };
  /** A note typed earlier at this question but not saved yet (the person went back). */
  draftNote?: string;
  /** Terminal columns; every line drawn fits (at least MIN_WIDTH). */
  width?: number;
  /** No colour at all (--no-color, NO_COLOR): every style becomes plain text. */
  plain?: boolean;
  /** Offer ← to go back to the previous question. */
  canGoBack?: boolean;
  /**
   * Saves the answer. Called before the answer line with its ✔ is drawn, so a ✔ on screen always
   * means the answer is on disk; if it throws, the prompt ends without a ✔ and rethrows.
   */
  commit?: (answer: Answered) => void;
}

const same = (s: string) => s;

/** Inquirer's theme with every style plain, for --no-color and NO_COLOR. */
export const PLAIN_THEME = {
  prefix: { idle: '?', done: '✔' },
  style: {
    answer: same,
    message: same,
    error: (t: string) => `> ${t}`,
    defaultAnswer: (t: string) => `(${t})`,
    help: same,
    highlight: same,
    key: same,
  },
};

const PERCENT_ERROR = `Type a number from 0 to 100, or press ${NA_KEY} if it does not apply; then Enter.`;
const REASON_ERROR = 'Please give a short reason; it appears in the report.';

/** Parses what was typed at a percent question: the same reading as an answers file's, so "45%" is accepted in both. */
export function parsePercent(input: string): number | undefined {
  const n = percentFromText(input);
  return n !== undefined && n <= 100 ? n : undefined;
}

/** How a typed value is read, labelled, hinted and shown: a percent, or a number with its unit. */
export function typedField(number: AnswerPromptConfig['number']): {
  label: string;
  hint: string;
  error: string;
  parse: (input: string) => number | undefined;
  shown: (value: number) => string;
} {
  if (!number)
    return {
      label: 'Percent (0-100)',
      hint: 'type 0-100',
      error: PERCENT_ERROR,
      parse: parsePercent,
      shown: (v) => `${v}%`,
    };
  const unit = terminalLine(number.unit);
  const range = number.max === undefined ? '0 or more' : `0-${number.max}`;
  return {
    label: `${unit ? `${unit[0]!.toUpperCase()}${unit.slice(1)}` : 'Number'} (${range}${number.target ? `; ${terminalLine(number.target)}` : ''})`,
    hint: `type a number${unit ? ` of ${unit}` : ''}`,
    error: `Type a number${unit ? ` of ${unit}` : ''} (${range}), or press ${NA_KEY} if you don't measure it; then Enter.`,
    parse: (input) => {
      const n = numberFromText(input);
      return n !== undefined && (number.max === undefined || n <= number.max) ? n : undefined;
    },
    shown: (v) => withUnit(v, unit),
  };
}

/** Cuts a line to `width` characters, marking the cut with …. */
export function clip(s: string, width: number): string {
  return s.length <= width ? s : `${s.slice(0, Math.max(0, width - 1))}…`;
}

/** Wraps text to `width` with a first-line prefix and a hanging indent; a word longer than a line is cut. */
function block(text: string, width: number, first: string, rest = ' '.repeat(first.length)): string[] {
  return wrap(text, Math.max(1, width - first.length)).map((l, i) => clip((i === 0 ? first : rest) + l, width));
}

/** Key hints joined with " · ", broken only between hints so each line fits. */
export function footer(hints: readonly string[], width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const h of hints) {
    if (line && line.length + 3 + h.length > width) {
      lines.push(line);
      line = `  ${h}`;
    } else line = line ? `${line} · ${h}` : `  ${h}`;
  }
  if (line) lines.push(line);
  return lines.map((l) => clip(l, width));
}

/** The position line: the path shortened first, so "question n of N" is always whole. */
export function headerLine(path: string, position: string, width: number): string {
  const room = width - position.length - 3;
  if (room < 8) return clip(position, width);
  return `${clip(path, room)} · ${position}`;
}

const HIDE_CURSOR = '\u001b[?25l';
const SHOW_CURSOR = '\u001b[?25h';

type Mode = 'choose' | 'note' | 'reason';

/** Replaces what readline holds for the line being edited (cursor at its end). */
function setLine(rl: { clearLine(dir: 0): void; write(s: string): void }, text: string): void {
  rl.clearLine(0);
  if (text) rl.write(text);
}

/**
 * One audit question: options by arrow keys or number keys (or a percent typed in), "not
 * applicable" on one fixed key with its reason asked in place, a note on demand, the help text
 * toggled with "?". Everything shown that came from a file is escaped for the terminal.
 */
export const answerPrompt = createPrompt<PromptResult | { kind: 'failed'; error: unknown }, AnswerPromptConfig>(
  (config, done) => {
    const theme = makeTheme(config.plain ? PLAIN_THEME : {});
    const dim = config.plain ? same : (t: string) => styleText('dim', t);
    const cyan = config.plain ? same : (t: string) => styleText('cyan', t);
    const width = Math.max(MIN_WIDTH, config.width ?? 80);
    const percent = !config.options;
    const typedAs = typedField(config.number);
    const prev = config.previous;
    const options = (config.options ?? []).map((o) => ({ value: o.value, label: terminalLine(o.label) }));
    /** The options, then "not applicable"; its index is options.length. */
    const naIndex = options.length;
    const initial =
      prev?.na !== undefined
        ? naIndex
        : Math.max(
            0,
            options.findIndex((o) => o.value === prev?.value),
          );

    const [status, setStatus] = useState<Status>('idle');
    const prefix = usePrefix({ status, theme });
    const [mode, setMode] = useState<Mode>('choose');
    const [active, setActive] = useState(initial);
    const [showHelp, setShowHelp] = useState(false);
    const [error, setError] = useState<string | undefined>(undefined);
    /** The percent typed so far (kept while the note or reason field is open). */
    const [typed, setTyped] = useState(percent && typeof prev?.value === 'number' ? String(prev.value) : '');
    /** What the open note or reason field holds. */
    const [field, setField] = useState('');
    const [note, setNote] = useState(config.draftNote ?? prev?.note ?? '');
    const [reason, setReason] = useState(prev?.na ?? '');
    const [answerText, setAnswerText] = useState('');
    const [ended, setEnded] = useState<'answered' | 'back' | 'failed' | undefined>(undefined);

    // A saved percent is put into the line itself, so ← and → move through it as in any text field.
    useEffect((rl) => {
      if (percent && typed) {
        setLine(rl, typed);
        setTyped(rl.line);
      }
    }, []);

    /** Text from the file, shown escaped in a field; kept as it was if the person leaves it unchanged. */
    const shown = (original: string) => terminalLine(original);
    const fromField = (text: string, original: string) => (text === shown(original) ? original : text.trim());

    const finish = (result: Answered, label: string) => {
      try {
        config.commit?.(result);
      } catch (e) {
        setEnded('failed');
        setStatus('done');
        done({ kind: 'failed', error: e });
        return;
      }
      setAnswerText(label);
      setEnded('answered');
      setStatus('done');
      done(result);
    };
    const withNote = <T extends object>(r: T): T & { note?: string } => (note ? { ...r, note } : r);

    useKeypress((key, rl) => {
      setError(undefined);
      const openField = (m: Mode, text: string) => {
        setMode(m);
        setLine(rl, text);
        setField(rl.line);
      };
      const closeField = () => {
        setMode('choose');
        setLine(rl, percent ? typed : '');
      };

      // On Enter readline has already emptied its line: what was typed is in `field`.
      if (mode === 'note') {
        if (isEnterKey(key)) {
          setNote(fromField(field, note));
          return closeField();
        }
        if (key.name === 'escape') return closeField();
        setField(rl.line);
        return;
      }
      if (mode === 'reason') {
        if (isEnterKey(key)) {
          const r = fromField(field, reason);
          if (!r) {
            setLine(rl, field);
            setError(REASON_ERROR);
            return;
          }
          setReason(r);
          return finish(withNote({ kind: 'na' as const, reason: r }), 'Not applicable');
        }
        // Esc, or ← in an empty field, goes back to the choices without answering.
        if (key.name === 'escape' || (key.name === 'left' && rl.line === '' && field === '')) return closeField();
        setField(rl.line);
        return;
      }

      const char = key.name === NA_KEY || key.name === NOTE_KEY ? key.name : undefined;
      if (char && !key.ctrl) {
        // A command key, not text: take it back out of the line.
        const line = rl.line;
        const at = line.lastIndexOf(char);
        const rest = at === -1 ? line : line.slice(0, at) + line.slice(at + 1);
        if (percent) setTyped(rest);
        if (char === NOTE_KEY) return openField('note', shown(note));
        setActive(naIndex);
        return openField('reason', shown(reason));
      }
      if (rl.line.includes('?')) {
        // "?" has no key name; readline has already put it in the line.
        const line = rl.line.replace(/\?/g, '');
        setLine(rl, percent ? line : '');
        if (percent) setTyped(line);
        setShowHelp(!showHelp);
        return;
      }
      if (key.name === 'left' && config.canGoBack && (!percent || (rl.line === '' && typed === ''))) {
        setEnded('back');
        setStatus('done');
        done(note && note !== (prev?.note ?? '') ? { kind: 'back', note } : { kind: 'back' });
        return;
      }

      if (percent) {
        if (isEnterKey(key)) {
          const value = typedAs.parse(typed);
          if (value === undefined) {
            setLine(rl, typed);
            setError(typedAs.error);
            return;
          }
          return finish(withNote({ kind: 'value' as const, value }), typedAs.shown(value));
        }
        setTyped(rl.line);
        return;
      }

      const choose = (i: number) => {
        if (i === naIndex) {
          setActive(naIndex);
          return openField('reason', shown(reason));
        }
        setActive(i);
        finish(withNote({ kind: 'value' as const, value: options[i]!.value }), options[i]!.label);
      };
      rl.clearLine(0);
      if (isEnterKey(key)) choose(active);
      else if (isUpKey(key) || isDownKey(key)) setActive((active + (isUpKey(key) ? naIndex : 1)) % (naIndex + 1));
      else if (/^[1-9]$/.test(key.name ?? '')) {
        const n = Number(key.name) - 1;
        if (n < options.length) choose(n);
        else setError(`Choose 1 to ${Math.min(9, options.length)}, or ${NA_KEY} for not applicable.`);
      }
    });

    // Done: one line per question in the scroll-back.
    if (status === 'done') {
      if (ended === 'back') return dim(clip(`↩ back to the previous question (from ${config.position})`, width));
      if (ended === 'failed') return clip(`✘ ${terminalLine(config.message)} (not saved)`, width);
      const msg = terminalLine(config.message);
      const answer = clip(answerText, Math.max(10, Math.floor(width / 2)));
      const room = width - answer.length - 3;
      return room >= 10
        ? `${prefix} ${theme.style.message(clip(msg, room), status)} ${theme.style.answer(answer)}`
        : `${prefix} ${theme.style.answer(clip(answer, width - 2))}`;
    }

    // Laid out as plain text, then the (coloured) prefix put in place of the "?".
    const message = block(terminalLine(config.message), width, '? ', '  ').map((l, i) =>
      i === 0 ? `${prefix}${l.slice(1)}` : l,
    );
    const lines = [dim(headerLine(terminalLine(config.path), config.position, width)), ...message];
    if (showHelp)
      lines.push(
        ...terminalText(config.help)
          .split('\n')
          .flatMap((p) => block(p, width, '  '))
          .map(cyan),
      );
    const noteLine = note ? [dim(clip(`  Note: ${terminalLine(note)}`, width))] : [];
    const errorLines = error ? block(error, width, '> ').map((l) => theme.style.error(l.slice(2))) : [];
    const back = config.canGoBack ? ['← back'] : [];
    const stop = 'Ctrl+C stop (answers are saved)';

    if (mode === 'note' || mode === 'reason') {
      if (!percent)
        lines.push(
          ...options.map((o, i) => `  ${i + 1}. ${o.label}`).map((l) => clip(l, width)),
          clip(`  ${NA_KEY}. Not applicable`, width),
        );
      if (mode === 'reason' && noteLine.length) lines.push(...noteLine);
      const label = mode === 'note' ? '  Note: ' : '  Why does it not apply? ';
      // The field is the last line drawn above the keys, where Inquirer puts the cursor.
      const bottom = [
        ...errorLines,
        ...footer(
          mode === 'note'
            ? ['Enter keep the note (empty: none)', 'Esc cancel', stop]
            : ['Enter confirm', 'Esc or ← (empty) back to the choices', stop],
          width,
        ),
      ];
      return [[SHOW_CURSOR + lines[0], ...lines.slice(1), `${label}${field}`].join('\n'), bottom.map(dim).join('\n')];
    }

    if (percent) {
      lines.push(...noteLine);
      const hints = [
        typedAs.hint,
        `${NA_KEY} not applicable`,
        `${NOTE_KEY} note`,
        '? help',
        'Enter confirm',
        ...(config.canGoBack ? ['← back (when empty)'] : []),
        stop,
      ];
      return [
        [SHOW_CURSOR + lines[0], ...lines.slice(1), `  ${typedAs.label}: ${typed}`].join('\n'),
        [...errorLines, ...footer(hints, width).map(dim)].join('\n'),
      ];
    }

    options.forEach((o, i) => {
      const mark = i === active ? '❯ ' : '  ';
      const item = block(o.label, width, `${mark}${i + 1}. `, '     ');
      lines.push(...(i === active ? item.map((l) => theme.style.highlight(l)) : item));
    });
    const na = clip(
      `${active === naIndex ? '❯ ' : '  '}${NA_KEY}. Not applicable${reason && prev?.na !== undefined ? ` (${terminalLine(reason)})` : ''}`,
      width,
    );
    lines.push(active === naIndex ? theme.style.highlight(na) : na, ...noteLine, ...errorLines);
    const choose = options.length > 1 ? `1-${Math.min(9, options.length)} choose` : '1 choose';
    const hints = [
      '↑↓ move',
      choose,
      `${NA_KEY} not applicable`,
      `${NOTE_KEY} note`,
      '? help',
      'Enter confirm',
      ...back,
      stop,
    ];
    // The cursor is hidden: nothing is typed at a list.
    return `${lines.join('\n')}\n${footer(hints, width).map(dim).join('\n')}${HIDE_CURSOR}`;
  },
);
