import { describe, expect, test } from 'vitest';
import type { Answers } from '../../src/answers/schema.js';
import type { Asker, Reply } from '../../src/audit/asker.js';
import { runAudit } from '../../src/audit/engine.js';
import { parseBank } from '../../src/bank/parse.js';
import { MINI_BANK_V2 } from '../helpers.js';

const bank = parseBank('mini-v2.yaml', MINI_BANK_V2).bank!;

/** An Asker that answers from a table (a list is used in turn) and records the ids it was asked. */
function scripted(replies: Record<string, Reply | Reply[]>) {
  const asked: string[] = [];
  const asker: Asker = {
    say: () => undefined,
    async ask(ctx) {
      asked.push(ctx.question.id);
      const r = replies[ctx.question.id];
      const step = Array.isArray(r) ? r.shift() : r;
      if (!step) throw new Error(`unscripted question ${ctx.question.id}`);
      return step;
    },
    confirm: async () => true,
    text: async () => '',
  };
  return { asker, asked };
}

const v = (value: string | number): Reply => ({ kind: 'value', value });
const start: Answers = { bank: 'mini@2', answers: {} };

describe('the audit asks the profile first and skips what a condition rules out', () => {
  test('profile no: the in-person element is never asked', async () => {
    const { asker, asked } = scripted({
      'profile.in-person': v('no'),
      'c.one-a': v('yes'),
      'c.one-b': v('yes'),
      'c.two-new': v('no'),
      't.share': v(30),
      't.new': v('yes'),
    });
    const final = await runAudit({ bank, answers: start, asker, save: () => undefined });
    expect(asked).toEqual(['profile.in-person', 'c.one-a', 'c.one-b', 'c.two-new', 't.share', 't.new']);
    expect(Object.keys(final.answers)).not.toContain('d.brochure');
  });

  test('no brochure: the question about it is skipped; going back steps over it', async () => {
    const { asker, asked } = scripted({
      'profile.in-person': v('yes'),
      'c.one-a': v('yes'),
      'c.one-b': v('yes'),
      'c.two-new': v('yes'),
      'd.brochure': [v('no'), v('no')],
      't.share': [{ kind: 'back' }, v(30)],
      't.new': v('yes'),
    });
    await runAudit({ bank, answers: start, asker, save: () => undefined, review: true });
    expect(asked).toEqual([
      'profile.in-person',
      'c.one-a',
      'c.one-b',
      'c.two-new',
      'd.brochure',
      't.share',
      'd.brochure',
      't.share',
      't.new',
    ]);
  });

  test('--area limits the scored questions but the profile is always asked', async () => {
    const { asker, asked } = scripted({ 'profile.in-person': v('yes'), 't.share': v(30), 't.new': v('yes') });
    await runAudit({ bank, answers: start, areas: ['eng'], asker, save: () => undefined });
    expect(asked).toEqual(['profile.in-person', 't.share', 't.new']);
  });
});

test('each question is asked with a short reference to its source for the ? help', async () => {
  const refs: (string | undefined)[] = [];
  const { asker } = scripted({
    'profile.in-person': v('no'),
    'c.one-a': v('yes'),
    'c.one-b': v('yes'),
    'c.two-new': v('no'),
    't.share': v(30),
    't.new': v('yes'),
  });
  const ask = asker.ask.bind(asker);
  asker.ask = async (ctx) => {
    refs.push(ctx.reference);
    return ask(ctx);
  };
  await runAudit({ bank, answers: start, asker, save: () => undefined });
  // The profile cites nothing; the others name the title from the sources table, never an id or file.
  expect(refs).toEqual([
    undefined,
    'Source: The DNA of Service Excellence (One)',
    'Source: The DNA of Service Excellence (One)',
    'Source: The DNA of Service Excellence (Two)',
    'Source: The 8th Habit (Trust)',
    'Source: The 8th Habit (Trust)',
  ]);
});
