import { render } from '@inquirer/testing';
import { describe, expect, test } from 'vitest';
import { answerPrompt, BACK, NOT_APPLICABLE, parsePercent } from '../../src/audit/prompt.js';

const options = [
  { value: 'no', label: 'Disagree' },
  { value: 'partly', label: 'Partly' },
  { value: 'yes', label: 'Agree' },
];
const base = { header: 'DNA › The Customer · question 1 of 4', message: 'Question one?', help: 'Why one matters.' };

describe('the answer prompt', () => {
  test('shows the position, the options with numbers and N/A, and the keys', async () => {
    const { getScreen, events, answer } = await render(answerPrompt, { ...base, options });
    const screen = getScreen();
    expect(screen).toContain('DNA › The Customer · question 1 of 4');
    expect(screen).toContain('❯ 1. Disagree');
    expect(screen).toContain('  4. Not applicable');
    expect(screen).toContain('? help');
    events.keypress('down');
    events.keypress('enter');
    await expect(answer).resolves.toBe('partly');
  });

  test('number keys answer at once', async () => {
    const { events, answer } = await render(answerPrompt, { ...base, options });
    events.type('3');
    await expect(answer).resolves.toBe('yes');
  });

  test('the last choice is "not applicable"', async () => {
    const { events, answer } = await render(answerPrompt, { ...base, options });
    events.type('4');
    await expect(answer).resolves.toBe(NOT_APPLICABLE);
  });

  test('? shows and hides the help text', async () => {
    const { getScreen, events, answer } = await render(answerPrompt, { ...base, options });
    expect(getScreen()).not.toContain('Why one matters.');
    events.type('?');
    expect(getScreen()).toContain('Why one matters.');
    events.type('?');
    expect(getScreen()).not.toContain('Why one matters.');
    events.keypress('enter');
    await expect(answer).resolves.toBe('no');
  });

  test('the saved answer is the default', async () => {
    const { getScreen, events, answer } = await render(answerPrompt, { ...base, options, default: 'yes' });
    expect(getScreen()).toContain('❯ 3. Agree');
    events.keypress('enter');
    await expect(answer).resolves.toBe('yes');
  });

  test('a percent question re-asks on bad input with a clear message', async () => {
    const { getScreen, events, answer } = await render(answerPrompt, { ...base });
    events.type('150');
    events.keypress('enter');
    expect(getScreen()).toContain('Type a number from 0 to 100 (or "na" if it does not apply), then Enter.');
    for (let i = 0; i < 3; i++) events.keypress('backspace');
    events.type('abc');
    events.keypress('enter');
    expect(getScreen()).toContain('Type a number from 0 to 100');
    for (let i = 0; i < 3; i++) events.keypress('backspace');
    events.type('45');
    events.keypress('enter');
    await expect(answer).resolves.toBe(45);
  });

  test('a percent question takes "na" and shows help on ?', async () => {
    const { getScreen, events, answer } = await render(answerPrompt, { ...base });
    events.type('?');
    expect(getScreen()).toContain('Why one matters.');
    events.type('na');
    events.keypress('enter');
    await expect(answer).resolves.toBe(NOT_APPLICABLE);
  });

  test.each([
    ['45', 45],
    [' 12.5 ', 12.5],
    ['100%', 100],
    ['0', 0],
    ['N/A', NOT_APPLICABLE],
    ['101', undefined],
    ['-1', undefined],
    ['4 5', undefined],
    ['', undefined],
  ])('parsePercent(%j) is %s', (input, out) => expect(parsePercent(input)).toBe(out));
});

describe('going back', () => {
  test('← goes back when there is a question before, and the keys line says so', async () => {
    const { getScreen, events, answer } = await render(answerPrompt, { ...base, options, canGoBack: true });
    expect(getScreen()).toContain('· ← back ·');
    events.keypress('left');
    await expect(answer).resolves.toBe(BACK);
  });

  test('← does nothing on the first question', async () => {
    const { getScreen, events, answer } = await render(answerPrompt, { ...base, options, canGoBack: false });
    expect(getScreen()).not.toContain('← back');
    events.keypress('left');
    events.keypress('enter');
    await expect(answer).resolves.toBe('no');
  });

  test('a percent question goes back on ← only while nothing is typed', async () => {
    const typedFirst = await render(answerPrompt, { ...base, canGoBack: true });
    typedFirst.events.type('4');
    typedFirst.events.keypress('left');
    typedFirst.events.type('5');
    typedFirst.events.keypress('enter');
    await expect(typedFirst.answer).resolves.toBe(54);

    const empty = await render(answerPrompt, { ...base, canGoBack: true });
    empty.events.keypress('left');
    await expect(empty.answer).resolves.toBe(BACK);
  });
});
