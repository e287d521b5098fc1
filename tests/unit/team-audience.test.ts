import { describe, expect, test } from 'vitest';
import type { Asker } from '../../src/audit/asker.js';
import { auditQuestions, runAudit } from '../../src/audit/engine.js';
import { teamBank } from '../team-helpers.js';

const bank = teamBank();

describe('the staff pulse (--audience team)', () => {
  test('asks only the team statements, in bank order', () => {
    expect(auditQuestions(bank, undefined, 'team').map((x) => x.question.id)).toEqual(['u.self', 't.self', 't.tools']);
    expect(auditQuestions(bank, undefined, 'lead').map((x) => x.question.id)).toEqual(['u.share', 't.share']);
    // The lead's audit (the default) never asks the team statements: they are the team's to answer.
    expect(auditQuestions(bank).map((x) => x.question.id)).toEqual(['u.share', 't.share']);
  });

  test('runAudit with audience team never asks a lead question', async () => {
    const asked: string[] = [];
    const asker: Asker = {
      say: () => undefined,
      ask: async (ctx) => {
        asked.push(ctx.question.id);
        return { kind: 'value', value: ctx.question.type === 'yesno' ? 'yes' : 'agree' };
      },
      confirm: async () => true,
      text: async () => '',
    };
    const out = await runAudit({
      bank,
      answers: { bank: 'pulse@1', answers: {} },
      audience: 'team',
      asker,
      save: () => undefined,
    });
    expect(asked).toEqual(['u.self', 't.self', 't.tools']);
    expect(Object.keys(out.answers)).toEqual(['u.self', 't.self', 't.tools']);
  });
});
