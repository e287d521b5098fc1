import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parseBank } from '../../src/bank/parse.js';
import { leadIntro } from '../../src/cli/commands/run.js';
import { MINI_BANK } from '../helpers.js';

const builtin = parseBank(
  'questions/service-readiness.yaml',
  readFileSync(new URL('../../questions/service-readiness.yaml', import.meta.url), 'utf8'),
).bank!;

describe("the lead's intro counts what the bank will ask", () => {
  test('the built-in bank: the profile, then the range of lead questions, never the team statements', () => {
    const all = builtin.areas.flatMap((a) => a.elements.flatMap((e) => e.questions.map((q) => ({ e, q }))));
    const lead = all.filter(({ q }) => q.audience === 'lead');
    const always = lead.filter(({ e, q }) => !e.when && !q.when);
    // Counted by hand from the bank: 78 lead questions; 31 depend on the profile (3 in person,
    // 4 phone, 1 chat, 2 e-mail, 2 social, 19 sales); 12 team statements are not the lead's.
    expect([builtin.profile.length, lead.length, always.length, all.length - lead.length]).toEqual([6, 78, 47, 12]);
    // 12 seconds a question: (6 + 47) × 12 s = 10.6 min, (6 + 78) × 12 s = 16.8 min.
    expect(leadIntro(builtin)).toBe(
      '6 questions about your team, then 47 to 78 questions on DNA of Service Excellence, Sales tools, Employee engagement, depending on what applies to you; about 11 to 17 minutes.',
    );
  });

  test('only the chosen areas are counted', () => {
    // Engagement: 5 predictions and 5 practices, none conditional: (6 + 10) × 12 s = 3.2 min.
    expect(leadIntro(builtin, ['engagement'])).toBe(
      '6 questions about your team, then 10 questions on Employee engagement; about 3 minutes.',
    );
  });

  test('a bank with no profile and no conditions says one number', () => {
    const mini = parseBank('mini.yaml', MINI_BANK).bank!;
    const n = mini.areas.flatMap((a) => a.elements.flatMap((e) => e.questions)).length;
    expect(leadIntro(mini)).toBe(`${n} questions on ${mini.areas.map((a) => a.title).join(', ')}; about a minute.`);
  });
});
