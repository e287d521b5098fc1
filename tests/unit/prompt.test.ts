import { render } from '@inquirer/testing';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, test } from 'vitest';
import { answerPrompt, clip, footer, headerLine, parsePercent, type Answered } from '../../src/audit/prompt.js';

const options = [
  { value: 'no', label: 'Disagree' },
  { value: 'partly', label: 'Partly' },
  { value: 'yes', label: 'Agree' },
];
const base = {
  path: 'DNA › The Customer',
  position: 'question 1 of 4',
  message: 'Question one?',
  help: 'Why one matters.',
};

describe('the answer prompt', () => {
  test('shows the position, the options with numbers, "x. Not applicable" last, and the keys', async () => {
    const { getScreen, events, answer } = await render(answerPrompt, { ...base, options });
    const screen = getScreen();
    expect(screen).toContain('DNA › The Customer · question 1 of 4');
    expect(screen).toContain('❯ 1. Disagree');
    expect(screen).toContain('  x. Not applicable');
    expect(screen).not.toMatch(/\d\. Not applicable/);
    expect(screen).toContain('? help');
    expect(screen).toContain('n note');
    events.keypress('down');
    events.keypress('enter');
    await expect(answer).resolves.toEqual({ kind: 'value', value: 'partly' });
  });

  test('number keys answer at once', async () => {
    const { events, answer } = await render(answerPrompt, { ...base, options });
    events.type('3');
    await expect(answer).resolves.toEqual({ kind: 'value', value: 'yes' });
  });

  test('a number past the options picks nothing, not even "not applicable"', async () => {
    const { getScreen, events, answer } = await render(answerPrompt, { ...base, options });
    events.type('4');
    expect(getScreen()).toContain('Choose 1 to 3, or x for not applicable.');
    events.type('1');
    await expect(answer).resolves.toEqual({ kind: 'value', value: 'no' });
  });

  test('x is "not applicable" on every question, and asks why in place', async () => {
    const { getScreen, events, answer } = await render(answerPrompt, { ...base, options });
    events.type('x');
    expect(getScreen()).toContain('Why does it not apply?');
    events.keypress('enter'); // an empty reason is refused
    expect(getScreen()).toContain('Please give a short reason');
    events.type('No such process');
    events.keypress('enter');
    await expect(answer).resolves.toEqual({ kind: 'na', reason: 'No such process' });
  });

  test('Esc leaves the reason field, back to the choices', async () => {
    const { getScreen, events, answer } = await render(answerPrompt, { ...base, options });
    events.type('x');
    events.type('Nope');
    events.keypress('escape');
    expect(getScreen()).not.toContain('Why does it not apply?');
    expect(getScreen()).toContain('❯ x. Not applicable');
    events.type('2');
    await expect(answer).resolves.toEqual({ kind: 'value', value: 'partly' });
  });

  test('← in an empty reason field goes back to the choices, not to the previous question', async () => {
    const { getScreen, events, answer } = await render(answerPrompt, { ...base, options, canGoBack: true });
    events.type('x');
    events.keypress('left');
    expect(getScreen()).not.toContain('Why does it not apply?');
    events.type('1');
    await expect(answer).resolves.toEqual({ kind: 'value', value: 'no' });
  });

  test('n opens a note field; the note is shown and saved with the answer', async () => {
    const { getScreen, events, answer } = await render(answerPrompt, { ...base, options });
    events.type('n');
    expect(getScreen()).toContain('Note:');
    events.type('since May');
    events.keypress('enter');
    expect(getScreen()).toContain('Note: since May');
    expect(getScreen()).toContain('❯ 1. Disagree');
    events.type('3');
    await expect(answer).resolves.toEqual({ kind: 'value', value: 'yes', note: 'since May' });
  });

  test('Esc cancels a note; a saved note is shown and kept', async () => {
    const { getScreen, events, answer } = await render(answerPrompt, {
      ...base,
      options,
      previous: { value: 'yes', note: 'old note' },
    });
    expect(getScreen()).toContain('Note: old note');
    events.type('n');
    events.type(' changed');
    events.keypress('escape');
    expect(getScreen()).toContain('Note: old note');
    events.keypress('enter');
    await expect(answer).resolves.toEqual({ kind: 'value', value: 'yes', note: 'old note' });
  });

  test('? shows and hides the help text', async () => {
    const { getScreen, events, answer } = await render(answerPrompt, { ...base, options });
    expect(getScreen()).not.toContain('Why one matters.');
    events.type('?');
    expect(getScreen()).toContain('Why one matters.');
    events.type('?');
    expect(getScreen()).not.toContain('Why one matters.');
    events.keypress('enter');
    await expect(answer).resolves.toEqual({ kind: 'value', value: 'no' });
  });

  test('the saved answer is the default', async () => {
    const { getScreen, events, answer } = await render(answerPrompt, { ...base, options, previous: { value: 'yes' } });
    expect(getScreen()).toContain('❯ 3. Agree');
    events.keypress('enter');
    await expect(answer).resolves.toEqual({ kind: 'value', value: 'yes' });
  });

  test('a saved "not applicable" is the default, its reason offered again', async () => {
    const { getScreen, events, answer } = await render(answerPrompt, { ...base, options, previous: { na: 'no shop' } });
    expect(getScreen()).toContain('❯ x. Not applicable (no shop)');
    events.keypress('enter');
    expect(getScreen()).toContain('Why does it not apply? no shop');
    events.keypress('enter');
    await expect(answer).resolves.toEqual({ kind: 'na', reason: 'no shop' });
  });

  test('a percent question re-asks on bad input with a clear message', async () => {
    const { getScreen, events, answer } = await render(answerPrompt, { ...base });
    events.type('150');
    events.keypress('enter');
    expect(getScreen()).toContain('Type a number from 0 to 100, or press x if it does not apply; then Enter.');
    for (let i = 0; i < 3; i++) events.keypress('backspace');
    events.type('4.5.');
    events.keypress('enter');
    expect(getScreen()).toContain('Type a number from 0 to 100');
    for (let i = 0; i < 4; i++) events.keypress('backspace');
    events.type('45');
    events.keypress('enter');
    await expect(answer).resolves.toEqual({ kind: 'value', value: 45 });
  });

  test('a percent question: x is not applicable, n a note, ? help', async () => {
    const { getScreen, events, answer } = await render(answerPrompt, { ...base });
    events.type('?');
    expect(getScreen()).toContain('Why one matters.');
    events.type('n');
    events.type('rough guess');
    events.keypress('enter');
    expect(getScreen()).toContain('Note: rough guess');
    events.type('x');
    events.type('we have no shop');
    events.keypress('enter');
    await expect(answer).resolves.toEqual({ kind: 'na', reason: 'we have no shop', note: 'rough guess' });
  });

  test('the answer is committed before the prompt shows its ✔', async () => {
    const seen: { answer: Answered; screen: string }[] = [];
    const r = await render(answerPrompt, {
      ...base,
      options,
      commit: (answer) => void seen.push({ answer, screen: r.getScreen() }),
    });
    r.events.type('2');
    await expect(r.answer).resolves.toEqual({ kind: 'value', value: 'partly' });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.answer).toEqual({ kind: 'value', value: 'partly' });
    expect(seen[0]!.screen).not.toContain('✔');
    expect(r.getScreen()).toContain('✔ Question one? Partly');
  });

  test('an answer that cannot be saved is never shown with ✔', async () => {
    const failure = new Error('disk full');
    const r = await render(answerPrompt, {
      ...base,
      options,
      commit: () => {
        throw failure;
      },
    });
    r.events.type('2');
    await expect(r.answer).resolves.toEqual({ kind: 'failed', error: failure });
    expect(r.getScreen()).not.toContain('✔');
    expect(r.getScreen()).toContain('(not saved)');
  });

  test.each([
    ['45', 45],
    [' 12.5 ', 12.5],
    ['100%', 100],
    ['0', 0],
    ['na', undefined],
    ['101', undefined],
    ['-1', undefined],
    ['4 5', undefined],
    ['', undefined],
  ])('parsePercent(%j) is %s', (input, out) => expect(parsePercent(input)).toBe(out));
});

describe('going back', () => {
  test('← goes back when there is a question before, and the keys line says so', async () => {
    const { getScreen, events, answer } = await render(answerPrompt, { ...base, options, canGoBack: true });
    expect(getScreen()).toContain('← back');
    events.keypress('left');
    await expect(answer).resolves.toEqual({ kind: 'back' });
  });

  test('← does nothing on the first question', async () => {
    const { getScreen, events, answer } = await render(answerPrompt, { ...base, options, canGoBack: false });
    expect(getScreen()).not.toContain('← back');
    events.keypress('left');
    events.keypress('enter');
    await expect(answer).resolves.toEqual({ kind: 'value', value: 'no' });
  });

  test('going back keeps a note typed but not yet saved', async () => {
    const { events, answer } = await render(answerPrompt, { ...base, options, canGoBack: true });
    events.type('n');
    events.type('half a thought');
    events.keypress('enter');
    events.keypress('left');
    await expect(answer).resolves.toEqual({ kind: 'back', note: 'half a thought' });
  });

  test('a percent question goes back on ← only while nothing is typed', async () => {
    const typedFirst = await render(answerPrompt, { ...base, canGoBack: true });
    typedFirst.events.type('4');
    typedFirst.events.keypress('left');
    typedFirst.events.type('5');
    typedFirst.events.keypress('enter');
    await expect(typedFirst.answer).resolves.toEqual({ kind: 'value', value: 54 });

    const empty = await render(answerPrompt, { ...base, canGoBack: true });
    empty.events.keypress('left');
    await expect(empty.answer).resolves.toEqual({ kind: 'back' });
  });

  test('a percent question showing its saved answer: ← moves the cursor in the text', async () => {
    const { getScreen, events, answer } = await render(answerPrompt, {
      ...base,
      canGoBack: true,
      previous: { value: 45 },
    });
    expect(getScreen()).toContain('Percent (0-100): 45');
    events.keypress('left'); // between 4 and 5
    events.keypress('backspace'); // deletes the 4
    expect(getScreen()).toContain('Percent (0-100): 5');
    events.keypress('enter');
    await expect(answer).resolves.toEqual({ kind: 'value', value: 5 });
  });
});

/** Every line drawn, without colour codes. */
const linesOf = (screen: string) => stripVTControlCharacters(screen).split('\n');

describe('fits the terminal', () => {
  const long = {
    path: 'DNA of Service Excellence › The Service Environment (Everything Speaks)',
    position: 'question 49 of 49',
    message:
      'If every customer posted about their visit or call right away, we would be glad for others to read it, every single day of the year.',
    help: 'A long help text. '.repeat(12),
    options: [
      ...options,
      {
        value: 'long',
        label: 'We collect it, read it each week and act on most of what it says, and we tell customers what changed',
      },
    ],
    canGoBack: true,
    previous: {
      value: 'no',
      note: 'A note that is far too long to fit on one line of any terminal, so it is cut short with an ellipsis at the end.',
    },
  };
  test.each([80, 60, 40])('every line fits %i columns, in every state', async (width) => {
    const seen: string[] = [];
    const { getScreen, events, answer } = await render(answerPrompt, { ...long, width });
    // Only the screens matter here; the prompt left open is closed when the worker exits.
    answer.catch(() => {});
    // The field being typed in is the one line that may run on: the terminal wraps it as the person types.
    const look = (field?: string) => {
      seen.push(getScreen());
      for (const l of linesOf(getScreen()).filter((x) => !field || !x.startsWith(field)))
        expect(l.length, `${JSON.stringify(l)} is ${l.length} wide`).toBeLessThanOrEqual(width);
    };
    look();
    events.type('?');
    look();
    events.type('9');
    look();
    events.type('n');
    look('  Note: ');
    events.keypress('escape');
    events.type('x');
    look();
    events.keypress('enter');
    look();
    events.keypress('escape');
    events.type('4');
    look();
    expect(seen.join('\n')).toContain('question 49 of 49');
  });

  test('the percent prompt fits 40 columns', async () => {
    const { getScreen, answer } = await render(answerPrompt, { ...base, width: 40, canGoBack: true });
    // Never answered: the prompt left open is closed when the worker exits, which is no failure.
    answer.catch(() => {});
    for (const l of linesOf(getScreen())) expect(l.length).toBeLessThanOrEqual(40);
  });

  test('the header shortens the path, never the position', () => {
    expect(
      headerLine('DNA of Service Excellence › The Service Environment (Everything Speaks)', 'question 9 of 49', 60),
    ).toBe('DNA of Service Excellence › The Service … · question 9 of 49');
    expect(
      headerLine('DNA of Service Excellence › The Service Environment (Everything Speaks)', 'question 9 of 49', 60),
    ).toHaveLength(60);
  });

  test('the footer breaks between hints only', () => {
    const lines = footer(
      [
        '↑↓ move',
        '1-5 choose',
        'x not applicable',
        'n note',
        '? help',
        'Enter confirm',
        '← back',
        'Ctrl+C stop (answers are saved)',
      ],
      80,
    );
    expect(lines).toEqual([
      '  ↑↓ move · 1-5 choose · x not applicable · n note · ? help · Enter confirm',
      '  ← back · Ctrl+C stop (answers are saved)',
    ]);
    expect(clip('abcdef', 4)).toBe('abc…');
  });
});

describe('text from the bank or the answers file', () => {
  test('control characters are shown, never sent to the terminal', async () => {
    const evil = '\u001b]0;pwned\u0007\u001b[2J';
    const { getScreen, events, answer } = await render(answerPrompt, {
      path: `Area${evil}`,
      position: 'question 1 of 1',
      message: `Question${evil}?`,
      help: `Help${evil}`,
      options: [{ value: 'a', label: `Label${evil}` }],
      previous: { value: 'a', note: `Note${evil}` },
    });
    events.type('?');
    const raw = getScreen({ raw: true });
    expect(raw).not.toContain('\u001b]0;');
    expect(raw).not.toContain('\u001b[2J');
    expect(raw).not.toContain('\u0007');
    for (const what of ['Area', 'Question', 'Help', 'Label', 'Note: Note'])
      expect(getScreen()).toContain(`${what}\\x1b]0;pwned\\x07\\x1b[2J`);
    // Left as it was, a saved note keeps its exact text.
    events.type('n');
    events.keypress('enter');
    events.keypress('enter');
    await expect(answer).resolves.toEqual({ kind: 'value', value: 'a', note: `Note${evil}` });
  });
});
