import { render } from '@inquirer/testing';
import { describe, expect, test } from 'vitest';
import { answerPrompt, typedField } from '../../src/audit/prompt.js';

const base = {
  path: 'Operations › Speed',
  position: 'question 1 of 3',
  message: 'How many minutes does a first reply on chat take?',
  help: 'Chat customers expect a reply within minutes.',
  number: { unit: 'minutes', max: 1440, target: 'target ≤ 2' },
};

describe('a number question at the prompt: typed, with its unit', () => {
  test('the field is labelled with the unit, range and target; the answer is kept with its unit', async () => {
    const { getScreen, events, answer } = await render(answerPrompt, base);
    expect(getScreen()).toContain('Minutes (0-1440; target ≤ 2):');
    expect(getScreen()).toContain('type a number of minutes');
    events.type('12');
    events.keypress('enter');
    await expect(answer).resolves.toEqual({ kind: 'value', value: 12 });
    expect(getScreen()).toContain('12 minutes');
  });

  // ("0x32" and words cannot be typed: x and n are keys of their own.)
  test.each(['5e1', '-3', '1441', '1.2.3', '12.'])(
    '%j is refused with what to type, and kept to correct',
    async (bad) => {
      const { getScreen, events, answer } = await render(answerPrompt, base);
      events.type(bad);
      events.keypress('enter');
      expect(getScreen().replaceAll('\n> ', ' ')).toContain(
        "Type a number of minutes (0-1440), or press x if you don't measure it; then Enter.",
      );
      expect(getScreen()).toContain(`Minutes (0-1440; target ≤ 2): ${bad}`);
      for (let i = 0; i < bad.length; i++) events.keypress('backspace');
      events.type('2.5');
      events.keypress('enter');
      await expect(answer).resolves.toEqual({ kind: 'value', value: 2.5 });
    },
  );

  test('x marks it not measured, with a reason', async () => {
    const { events, answer } = await render(answerPrompt, base);
    events.type('x');
    events.type("we don't measure this");
    events.keypress('enter');
    await expect(answer).resolves.toEqual({ kind: 'na', reason: "we don't measure this" });
  });

  test('without max, any number of 0 or more; a percent question is unchanged', () => {
    const open = typedField({ unit: 'hours' });
    expect(open.label).toBe('Hours (0 or more)');
    expect(open.parse('100000')).toBe(100000);
    expect(open.shown(3)).toBe('3 hours');
    const csat = typedField({ unit: '%', max: 100, target: 'target ≥ 90' });
    expect(csat.label).toBe('Percent (0-100; target ≥ 90)');
    expect(csat.hint).toBe('type a number');
    expect(csat.shown(85)).toBe('85%');
    const pct = typedField(undefined);
    expect(pct.label).toBe('Percent (0-100)');
    expect(pct.parse('45%')).toBe(45);
    expect(pct.parse('101')).toBeUndefined();
  });
});
