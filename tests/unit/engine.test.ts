import { describe, expect, test } from 'vitest';
import type { Answers } from '../../src/answers/schema.js';
import type { Asker, AskContext, Reply } from '../../src/audit/asker.js';
import { runAudit } from '../../src/audit/engine.js';
import { parseBank } from '../../src/bank/parse.js';
import { InterruptedError } from '../../src/errors.js';
import { MINI_BANK } from '../helpers.js';

const bank = parseBank('mini.yaml', MINI_BANK).bank!;

type Step = Reply | { kind: 'interrupt' };

/** An Asker that plays a script (one step, or a list used in turn) and records what it was asked. */
function scripted(steps: Record<string, Step | Step[]>) {
  const asked: AskContext[] = [];
  const said: string[] = [];
  const asker: Asker = {
    say: (t) => void said.push(t),
    async ask(ctx) {
      asked.push(ctx);
      const planned = steps[ctx.question.id];
      const step = Array.isArray(planned) ? planned.shift() : planned;
      if (!step) throw new Error(`unscripted question ${ctx.question.id}`);
      if (step.kind === 'interrupt') throw new InterruptedError();
      return step;
    },
    confirm: async () => true,
    text: async () => '',
  };
  return { asker, asked, said };
}

const start: Answers = { bank: 'mini@1', answers: {} };

describe('the audit engine', () => {
  test('asks every question in bank order with its position, saving after each answer', async () => {
    const { asker, asked } = scripted({
      'c.one': { kind: 'value', value: 'yes' },
      'c.two': { kind: 'value', value: 'no', note: 'since May' },
      'd.one': { kind: 'na', reason: 'no deliveries' },
      't.share': { kind: 'value', value: 30 },
    });
    const saves: Answers[] = [];
    const final = await runAudit({ bank, answers: start, asker, save: (a) => void saves.push(a) });
    expect(asked.map((c) => [c.question.id, c.index, c.total, c.element.id])).toEqual([
      ['c.one', 1, 4, 'dna.customer'],
      ['c.two', 2, 4, 'dna.customer'],
      ['d.one', 3, 4, 'dna.delivery'],
      ['t.share', 4, 4, 'eng.trust'],
    ]);
    expect(final.answers).toEqual({
      'c.one': { value: 'yes' },
      'c.two': { value: 'no', note: 'since May' },
      'd.one': { na: 'no deliveries' },
      't.share': { value: 30 },
    });
    // One save per answer, the note with it.
    expect(saves.map((s) => Object.keys(s.answers).length)).toEqual([1, 2, 3, 4]);
    expect(saves.at(-1)).toEqual(final);
  });

  test('an interruption keeps every answer already saved', async () => {
    const { asker } = scripted({ 'c.one': { kind: 'value', value: 'yes' }, 'c.two': { kind: 'interrupt' } });
    const saves: Answers[] = [];
    await expect(runAudit({ bank, answers: start, asker, save: (a) => void saves.push(a) })).rejects.toBeInstanceOf(
      InterruptedError,
    );
    expect(saves.at(-1)!.answers).toEqual({ 'c.one': { value: 'yes' } });
  });

  test('resumes at the first unanswered question and says so', async () => {
    const { asker, asked, said } = scripted({
      'd.one': { kind: 'value', value: 'always' },
      't.share': { kind: 'value', value: 10 },
    });
    const saved: Answers = { bank: 'mini@1', answers: { 'c.one': { value: 'no' }, 'c.two': { value: 'yes' } } };
    const final = await runAudit({ bank, answers: saved, asker, save: () => {} });
    expect(asked.map((c) => c.question.id)).toEqual(['d.one', 't.share']);
    expect(said).toEqual(['2 of 4 answered — continuing at question 3.']);
    expect(Object.keys(final.answers)).toEqual(['c.one', 'c.two', 'd.one', 't.share']);
  });

  test('asks questions skipped in the middle too', async () => {
    const { asker, asked } = scripted({ 'c.two': { kind: 'value', value: 'yes' } });
    const saved: Answers = {
      bank: 'mini@1',
      answers: { 'c.one': { value: 'no' }, 'd.one': { value: 'never' }, 't.share': { value: 1 } },
    };
    await runAudit({ bank, answers: saved, asker, save: () => {} });
    expect(asked.map((c) => c.question.id)).toEqual(['c.two']);
  });

  test('review asks everything again with the saved answers as defaults', async () => {
    const { asker, asked } = scripted({
      'c.one': { kind: 'value', value: 'partly' },
      'c.two': { kind: 'value', value: 'yes' },
      'd.one': { kind: 'value', value: 'often' },
      't.share': { kind: 'value', value: 50 },
    });
    const saved: Answers = {
      bank: 'mini@1',
      answers: { 'c.one': { value: 'no', note: 'old note' }, 't.share': { na: 'unknown' } },
    };
    await runAudit({ bank, answers: saved, asker, save: () => {}, review: true });
    expect(asked.map((c) => [c.question.id, c.previous])).toEqual([
      ['c.one', { value: 'no', note: 'old note' }],
      ['c.two', undefined],
      ['d.one', undefined],
      ['t.share', { na: 'unknown' }],
    ]);
  });

  test('the area filter limits the questions and the count', async () => {
    const { asker, asked } = scripted({ 't.share': { kind: 'value', value: 50 } });
    await runAudit({ bank, answers: start, asker, save: () => {}, areas: ['eng'] });
    expect(asked.map((c) => [c.question.id, c.index, c.total])).toEqual([['t.share', 1, 1]]);
  });

  test('a finished audit asks nothing and says how to change answers', async () => {
    const { asker, asked, said } = scripted({});
    const done: Answers = {
      bank: 'mini@1',
      answers: {
        'c.one': { value: 'no' },
        'c.two': { value: 'yes' },
        'd.one': { value: 'never' },
        't.share': { value: 1 },
      },
    };
    await runAudit({ bank, answers: done, asker, save: () => {} });
    expect(asked).toEqual([]);
    expect(said[0]).toMatch(/^All 4 questions are answered\. Use --review/);
  });

  test('← goes back one question with its answer as the default, then on again', async () => {
    const { asker, asked } = scripted({
      'c.one': [
        { kind: 'value', value: 'no' },
        { kind: 'value', value: 'yes' },
      ],
      'c.two': [{ kind: 'back' }, { kind: 'value', value: 'yes' }],
      'd.one': { kind: 'value', value: 'often' },
      't.share': { kind: 'value', value: 10 },
    });
    const final = await runAudit({ bank, answers: start, asker, save: () => {} });
    expect(asked.map((c) => [c.question.id, c.canGoBack, c.previous])).toEqual([
      ['c.one', false, undefined],
      ['c.two', true, undefined],
      ['c.one', false, { value: 'no' }],
      ['c.two', true, undefined],
      ['d.one', true, undefined],
      ['t.share', true, undefined],
    ]);
    expect(final.answers['c.one']).toEqual({ value: 'yes' });
  });

  test('when resuming, ← reaches answered questions and forward skips them again', async () => {
    const { asker, asked } = scripted({
      'c.two': { kind: 'value', value: 'no' },
      'd.one': [{ kind: 'back' }, { kind: 'value', value: 'never' }],
      't.share': { kind: 'value', value: 10 },
    });
    const saved: Answers = { bank: 'mini@1', answers: { 'c.one': { value: 'yes' }, 'c.two': { value: 'yes' } } };
    const final = await runAudit({ bank, answers: saved, asker, save: () => {} });
    expect(asked.map((c) => c.question.id)).toEqual(['d.one', 'c.two', 'd.one', 't.share']);
    expect(final.answers['c.two']).toEqual({ value: 'no' });
  });

  test('after going back two questions, answering again walks through the one in between', async () => {
    const { asker, asked } = scripted({
      'c.one': [
        { kind: 'value', value: 'no' },
        { kind: 'value', value: 'yes' },
      ],
      'c.two': [{ kind: 'value', value: 'no' }, { kind: 'back' }, { kind: 'value', value: 'partly' }],
      'd.one': [{ kind: 'back' }, { kind: 'value', value: 'often' }],
      't.share': { kind: 'value', value: 10 },
    });
    const final = await runAudit({ bank, answers: start, asker, save: () => {} });
    expect(asked.map((c) => c.question.id)).toEqual([
      'c.one',
      'c.two',
      'd.one',
      'c.two',
      'c.one',
      'c.two',
      'd.one',
      't.share',
    ]);
    expect(asked[5]!.previous).toEqual({ value: 'no' });
    expect(final.answers).toEqual({
      'c.one': { value: 'yes' },
      'c.two': { value: 'partly' },
      'd.one': { value: 'often' },
      't.share': { value: 10 },
    });
  });

  test('past where the person had reached, answered questions are skipped again', async () => {
    const { asker, asked } = scripted({
      'c.one': { kind: 'value', value: 'yes' },
      'c.two': [{ kind: 'back' }, { kind: 'value', value: 'no' }],
    });
    const saved: Answers = { bank: 'mini@1', answers: { 'd.one': { value: 'never' }, 't.share': { value: 1 } } };
    await runAudit({ bank, answers: saved, asker, save: () => {} });
    expect(asked.map((c) => c.question.id)).toEqual(['c.one', 'c.two', 'c.one', 'c.two']);
  });

  test('an Asker that commits shows its confirmation after the save; the engine does not save twice', async () => {
    const log: string[] = [];
    const asker: Asker = {
      say: () => {},
      async ask(ctx) {
        const reply = {
          kind: 'value',
          value: ctx.question.type === 'percent' ? 5 : ctx.question.options![0]!.value,
        } as const;
        ctx.commit(reply);
        log.push(`✔ ${ctx.question.id}`);
        return reply;
      },
      confirm: async () => true,
      text: async () => '',
    };
    await runAudit({
      bank,
      answers: start,
      asker,
      save: (a) => void log.push(`saved ${Object.keys(a.answers).length}`),
    });
    expect(log).toEqual(['saved 1', '✔ c.one', 'saved 2', '✔ c.two', 'saved 3', '✔ d.one', 'saved 4', '✔ t.share']);
  });

  test('answers that save() found in the file (given elsewhere meanwhile) are not asked again', async () => {
    const { asker, asked } = scripted({
      'c.one': { kind: 'value', value: 'yes' },
      'd.one': { kind: 'value', value: 'often' },
    });
    const final = await runAudit({
      bank,
      answers: start,
      asker,
      // Another audit answered c.two and t.share while this one was at c.one.
      save: (a) => ({ ...a, answers: { 'c.two': { value: 'no' }, 't.share': { value: 3 }, ...a.answers } }),
    });
    expect(asked.map((c) => c.question.id)).toEqual(['c.one', 'd.one']);
    expect(Object.keys(final.answers).sort()).toEqual(['c.one', 'c.two', 'd.one', 't.share']);
  });

  test('a note typed before going back is offered again, unsaved, when the question comes round', async () => {
    const { asker, asked } = scripted({
      'c.one': [
        { kind: 'value', value: 'yes' },
        { kind: 'value', value: 'yes' },
      ],
      'c.two': [
        { kind: 'back', note: 'draft' },
        { kind: 'value', value: 'no', note: 'draft' },
      ],
      'd.one': { kind: 'interrupt' },
    });
    await expect(runAudit({ bank, answers: start, asker, save: () => {} })).rejects.toBeInstanceOf(InterruptedError);
    expect(asked.map((c) => [c.question.id, c.draftNote])).toEqual([
      ['c.one', undefined],
      ['c.two', undefined],
      ['c.one', undefined],
      ['c.two', 'draft'],
      ['d.one', undefined],
    ]);
  });

  test.each([
    ['a question id', 'd.one', ['d.one', 't.share']],
    ['an element id', 'dna.delivery', ['d.one', 't.share']],
    ['an area id', 'eng', ['t.share']],
  ])(
    '--from %s starts there and asks every question from there, saved answers as defaults',
    async (_what, from, ids) => {
      const { asker, asked, said } = scripted({
        'd.one': { kind: 'value', value: 'often' },
        't.share': { kind: 'value', value: 20 },
      });
      const done: Answers = {
        bank: 'mini@1',
        answers: {
          'c.one': { value: 'no' },
          'c.two': { value: 'yes' },
          'd.one': { value: 'never' },
          't.share': { value: 1 },
        },
      };
      await runAudit({ bank, answers: done, asker, save: () => {}, from });
      expect(asked.map((c) => c.question.id)).toEqual(ids);
      expect(asked[0]!.previous).toBeDefined();
      expect(asked[0]!.canGoBack).toBe(true);
      expect(said[0]).toMatch(/^Starting at question \d of 4/);
    },
  );
});
