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
  type KeypressEvent,
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
  // A unit of "%" reads as a percent: "Percent (0-100)", not "% (0-100)".
  const unit = number.unit === '%' ? '' : terminalLine(number.unit);
  const name = number.unit === '%' ? 'Percent' : unit ? `${unit[0]!.toUpperCase()}${unit.slice(1)}` : 'Number';
  const range = number.max === undefined ? '0 or more' : `0-${number.max}`;
  return {
    label: `${name} (${range}${number.target ? `; ${terminalLine(number.target)}` : ''})`,
    hint: `type a number${unit ? ` of ${unit}` : ''}`,
    error: `Type a number${unit ? ` of ${unit}` : ''} (${range}), or press ${NA_KEY} if you don't measure it; then Enter.`,
    parse: (input) => {
      const n = numberFromText(input);
      return n !== undefined && (number.max === undefined || n <= number.max) ? n : undefined;
    },
    shown: (v) => withUnit(v, number.unit === '%' ? '%' : unit),
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

type Theme = ReturnType<typeof makeTheme>;
type Line = { clearLine(dir: 0): void; write(s: string): void; line: string };
type Ended = 'answered' | 'back' | 'failed' | undefined;

/** What one frame of the prompt shows: its configuration and its state. Rendering is a pure function of it. */
export interface PromptView {
  config: AnswerPromptConfig;
  theme: Theme;
  prefix: string;
  width: number;
  dim: (t: string) => string;
  cyan: (t: string) => string;
  typedAs: ReturnType<typeof typedField>;
  options: readonly { value: string; label: string }[];
  mode: Mode;
  active: number;
  showHelp: boolean;
  error: string | undefined;
  typed: string;
  field: string;
  note: string;
  reason: string;
  answerText: string;
  ended: Ended;
}

const STOP_HINT = 'Ctrl+C stop (answers are saved)';

/** The one line a finished question leaves in the scroll-back. */
export function doneLine(v: PromptView): string {
  const { config, width, theme } = v;
  if (v.ended === 'back') return v.dim(clip(`↩ back to the previous question (from ${config.position})`, width));
  if (v.ended === 'failed') return clip(`✘ ${terminalLine(config.message)} (not saved)`, width);
  const msg = terminalLine(config.message);
  const answer = clip(v.answerText, Math.max(10, Math.floor(width / 2)));
  const room = width - answer.length - 3;
  return room >= 10
    ? `${v.prefix} ${theme.style.message(clip(msg, room), 'done')} ${theme.style.answer(answer)}`
    : `${v.prefix} ${theme.style.answer(clip(answer, width - 2))}`;
}

/** The position line, the question (the coloured prefix in place of its "?") and, when open, the help. */
function questionLines(v: PromptView): string[] {
  const { config, width } = v;
  const message = block(terminalLine(config.message), width, '? ', '  ').map((l, i) =>
    i === 0 ? `${v.prefix}${l.slice(1)}` : l,
  );
  const lines = [v.dim(headerLine(terminalLine(config.path), config.position, width)), ...message];
  if (v.showHelp)
    lines.push(
      ...terminalText(config.help)
        .split('\n')
        .flatMap((p) => block(p, width, '  '))
        .map(v.cyan),
    );
  return lines;
}

const noteLines = (v: PromptView) => (v.note ? [v.dim(clip(`  Note: ${terminalLine(v.note)}`, v.width))] : []);
const errorLines = (v: PromptView) =>
  v.error ? block(v.error, v.width, '> ').map((l) => v.theme.style.error(l.slice(2))) : [];

/** The note or reason field open below the question; the field is the last line, where Inquirer puts the cursor. */
function fieldScreen(v: PromptView, lines: string[]): [string, string] {
  if (v.config.options)
    lines.push(
      ...v.options.map((o, i) => clip(`  ${i + 1}. ${o.label}`, v.width)),
      clip(`  ${NA_KEY}. Not applicable`, v.width),
    );
  if (v.mode === 'reason') lines.push(...noteLines(v));
  const label = v.mode === 'note' ? '  Note: ' : '  Why does it not apply? ';
  const hints =
    v.mode === 'note'
      ? ['Enter keep the note (empty: none)', 'Esc cancel', STOP_HINT]
      : ['Enter confirm', 'Esc or ← (empty) back to the choices', STOP_HINT];
  const bottom = [...errorLines(v), ...footer(hints, v.width)];
  return [[SHOW_CURSOR + lines[0], ...lines.slice(1), `${label}${v.field}`].join('\n'), bottom.map(v.dim).join('\n')];
}

/** A percent or number question: the typed value on its own line under the question. */
function typedScreen(v: PromptView, lines: string[]): [string, string] {
  lines.push(...noteLines(v));
  const hints = [
    v.typedAs.hint,
    `${NA_KEY} not applicable`,
    `${NOTE_KEY} note`,
    '? help',
    'Enter confirm',
    ...(v.config.canGoBack ? ['← back (when empty)'] : []),
    STOP_HINT,
  ];
  return [
    [SHOW_CURSOR + lines[0], ...lines.slice(1), `  ${v.typedAs.label}: ${v.typed}`].join('\n'),
    [...errorLines(v), ...footer(hints, v.width).map(v.dim)].join('\n'),
  ];
}

/** A choice question: the numbered options, "not applicable" last, the keys; the cursor hidden. */
function choicesScreen(v: PromptView, lines: string[]): string {
  const { options, width, theme } = v;
  const naIndex = options.length;
  options.forEach((o, i) => {
    const mark = i === v.active ? '❯ ' : '  ';
    const item = block(o.label, width, `${mark}${i + 1}. `, '     ');
    lines.push(...(i === v.active ? item.map((l) => theme.style.highlight(l)) : item));
  });
  const saved = v.reason && v.config.previous?.na !== undefined ? ` (${terminalLine(v.reason)})` : '';
  const na = clip(`${v.active === naIndex ? '❯ ' : '  '}${NA_KEY}. Not applicable${saved}`, width);
  lines.push(v.active === naIndex ? theme.style.highlight(na) : na, ...noteLines(v), ...errorLines(v));
  const choose = options.length > 1 ? `1-${Math.min(9, options.length)} choose` : '1 choose';
  const hints = [
    '↑↓ move',
    choose,
    `${NA_KEY} not applicable`,
    `${NOTE_KEY} note`,
    '? help',
    'Enter confirm',
    ...(v.config.canGoBack ? ['← back'] : []),
    STOP_HINT,
  ];
  return `${lines.join('\n')}\n${footer(hints, width).map(v.dim).join('\n')}${HIDE_CURSOR}`;
}

/** One frame of the prompt. Pure. */
export function renderPrompt(v: PromptView, status: Status): string | [string, string] {
  if (status === 'done') return doneLine(v);
  const lines = questionLines(v);
  if (v.mode === 'note' || v.mode === 'reason') return fieldScreen(v, lines);
  return v.config.options ? choicesScreen(v, lines) : typedScreen(v, lines);
}

/** The state a key handler reads and changes, and the ways it can end the question. */
interface KeyContext {
  v: PromptView;
  rl: Line;
  percent: boolean;
  naIndex: number;
  set: {
    mode(m: Mode): void;
    active(i: number): void;
    showHelp(b: boolean): void;
    error(e: string | undefined): void;
    typed(t: string): void;
    field(t: string): void;
    note(t: string): void;
    reason(t: string): void;
  };
  finish(result: Answered, label: string): void;
  back(): void;
}

/** Text from the file, shown escaped in a field; kept as it was if the person leaves it unchanged. */
const fromField = (text: string, original: string) => (text === terminalLine(original) ? original : text.trim());
const withNote = <T extends object>(note: string, r: T): T & { note?: string } => (note ? { ...r, note } : r);

function openField(c: KeyContext, m: Mode, text: string): void {
  c.set.mode(m);
  setLine(c.rl, text);
  c.set.field(c.rl.line);
}

function closeField(c: KeyContext): void {
  c.set.mode('choose');
  setLine(c.rl, c.percent ? c.v.typed : '');
}

/** A key while the note or reason field is open. On Enter readline has already emptied its line: what was typed is in `field`. */
export function fieldKey(c: KeyContext, key: KeypressEvent) {
  const { v, rl } = c;
  if (v.mode === 'note') {
    if (isEnterKey(key)) {
      c.set.note(fromField(v.field, v.note));
      return closeField(c);
    }
    if (key.name === 'escape') return closeField(c);
    c.set.field(rl.line);
    return;
  }
  if (isEnterKey(key)) {
    const r = fromField(v.field, v.reason);
    if (!r) {
      setLine(rl, v.field);
      c.set.error(REASON_ERROR);
      return;
    }
    c.set.reason(r);
    return c.finish(withNote(v.note, { kind: 'na' as const, reason: r }), 'Not applicable');
  }
  // Esc, or ← in an empty field, goes back to the choices without answering.
  if (key.name === 'escape' || (key.name === 'left' && rl.line === '' && v.field === '')) return closeField(c);
  c.set.field(rl.line);
}

/** The keys that mean the same at every question: x, n, ? and ←. Returns whether the key was one of them. */
function commandKey(c: KeyContext, key: KeypressEvent): boolean {
  const { v, rl, percent } = c;
  const char = key.name === NA_KEY || key.name === NOTE_KEY ? key.name : undefined;
  if (char && !key.ctrl) {
    // A command key, not text: take it back out of the line.
    const at = rl.line.lastIndexOf(char);
    const rest = at === -1 ? rl.line : rl.line.slice(0, at) + rl.line.slice(at + 1);
    if (percent) c.set.typed(rest);
    if (char === NOTE_KEY) openField(c, 'note', terminalLine(v.note));
    else {
      c.set.active(c.naIndex);
      openField(c, 'reason', terminalLine(v.reason));
    }
    return true;
  }
  if (rl.line.includes('?')) {
    // "?" has no key name; readline has already put it in the line.
    const line = rl.line.replace(/\?/g, '');
    setLine(rl, percent ? line : '');
    if (percent) c.set.typed(line);
    c.set.showHelp(!v.showHelp);
    return true;
  }
  if (key.name === 'left' && v.config.canGoBack && (!percent || (rl.line === '' && v.typed === ''))) {
    c.back();
    return true;
  }
  return false;
}

/** A key at the question itself: typing a value, or moving through and picking an option. */
export function questionKey(c: KeyContext, key: KeypressEvent) {
  const { v, rl } = c;
  if (commandKey(c, key)) return;
  if (c.percent) {
    if (!isEnterKey(key)) return c.set.typed(rl.line);
    const value = v.typedAs.parse(v.typed);
    if (value !== undefined)
      return c.finish(withNote(v.note, { kind: 'value' as const, value }), v.typedAs.shown(value));
    setLine(rl, v.typed);
    c.set.error(v.typedAs.error);
    return;
  }
  const choose = (i: number) => {
    c.set.active(i);
    if (i === c.naIndex) return openField(c, 'reason', terminalLine(v.reason));
    c.finish(withNote(v.note, { kind: 'value' as const, value: v.options[i]!.value }), v.options[i]!.label);
  };
  rl.clearLine(0);
  if (isEnterKey(key)) choose(v.active);
  else if (isUpKey(key) || isDownKey(key)) c.set.active((v.active + (isUpKey(key) ? c.naIndex : 1)) % (c.naIndex + 1));
  else if (/^[1-9]$/.test(key.name ?? '')) {
    const n = Number(key.name) - 1;
    if (n < v.options.length) choose(n);
    else c.set.error(`Choose 1 to ${Math.min(9, v.options.length)}, or ${NA_KEY} for not applicable.`);
  }
}

/** Where the cursor starts: the saved answer, "not applicable" if that was saved, else the first option. */
function initialActive(config: AnswerPromptConfig): number {
  const prev = config.previous;
  const options = config.options ?? [];
  if (prev?.na !== undefined) return options.length;
  return Math.max(
    0,
    options.findIndex((o) => o.value === prev?.value),
  );
}

/**
 * One audit question: options by arrow keys or number keys (or a percent typed in), "not
 * applicable" on one fixed key with its reason asked in place, a note on demand, the help text
 * toggled with "?". Everything shown that came from a file is escaped for the terminal. The
 * closure holds the state; keys and frames are handled by the functions above.
 */
export const answerPrompt = createPrompt<PromptResult | { kind: 'failed'; error: unknown }, AnswerPromptConfig>(
  (config, done) => {
    const theme = makeTheme(config.plain ? PLAIN_THEME : {});
    const percent = !config.options;
    const prev = config.previous;
    const options = (config.options ?? []).map((o) => ({ value: o.value, label: terminalLine(o.label) }));

    const [status, setStatus] = useState<Status>('idle');
    const prefix = usePrefix({ status, theme });
    const [mode, setMode] = useState<Mode>('choose');
    const [active, setActive] = useState(initialActive(config));
    const [showHelp, setShowHelp] = useState(false);
    const [error, setError] = useState<string | undefined>(undefined);
    /** The percent typed so far (kept while the note or reason field is open). */
    const [typed, setTyped] = useState(percent && typeof prev?.value === 'number' ? String(prev.value) : '');
    /** What the open note or reason field holds. */
    const [field, setField] = useState('');
    const [note, setNote] = useState(config.draftNote ?? prev?.note ?? '');
    const [reason, setReason] = useState(prev?.na ?? '');
    const [answerText, setAnswerText] = useState('');
    const [ended, setEnded] = useState<Ended>(undefined);

    // A saved percent is put into the line itself, so ← and → move through it as in any text field.
    useEffect((rl) => {
      if (percent && typed) {
        setLine(rl, typed);
        setTyped(rl.line);
      }
    }, []);

    const view: PromptView = {
      config,
      theme,
      prefix,
      width: Math.max(MIN_WIDTH, config.width ?? 80),
      dim: config.plain ? same : (t: string) => styleText('dim', t),
      cyan: config.plain ? same : (t: string) => styleText('cyan', t),
      typedAs: typedField(config.number),
      options,
      mode,
      active,
      showHelp,
      error,
      typed,
      field,
      note,
      reason,
      answerText,
      ended,
    };
    const end = (how: Exclude<Ended, undefined>, result: Parameters<typeof done>[0]) => {
      setEnded(how);
      setStatus('done');
      done(result);
    };
    const finish = (result: Answered, label: string) => {
      try {
        config.commit?.(result);
      } catch (e) {
        return end('failed', { kind: 'failed', error: e });
      }
      setAnswerText(label);
      end('answered', result);
    };

    useKeypress((key, rl) => {
      setError(undefined);
      const c: KeyContext = {
        v: view,
        rl,
        percent,
        naIndex: options.length,
        set: {
          mode: setMode,
          active: setActive,
          showHelp: setShowHelp,
          error: setError,
          typed: setTyped,
          field: setField,
          note: setNote,
          reason: setReason,
        },
        finish,
        back: () => end('back', note && note !== (prev?.note ?? '') ? { kind: 'back', note } : { kind: 'back' }),
      };
      if (mode === 'note' || mode === 'reason') fieldKey(c, key);
      else questionKey(c, key);
    });

    return renderPrompt(view, status);
  },
);
