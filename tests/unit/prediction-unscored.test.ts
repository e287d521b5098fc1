import { expect, test } from 'vitest';
import { parseBank } from '../../src/bank/parse.js';
import { scoreAudit } from '../../src/score/score.js';
import { TEAM_BANK } from '../team-helpers.js';

// A prediction (`predicts`) is the lead's guess of the team's share: shown beside the measured
// share, never scored. Before the fix it counted in its element and ranked in Fix first.
const BANK = TEAM_BANK.replace(
  '          - id: u.self\n',
  `          - id: u.predict
            text: What share of your team will agree they understand the goals?
            type: percent
            audience: lead
            predicts: u.self
            help: Your prediction.
            recommendation: Compare with the pulse.
            source: { file: a.txt, concept: Goals }
          - id: u.self
`,
);

test('a lead prediction changes no score and never enters Fix first', () => {
  const { bank, problems } = parseBank('pulse.yaml', BANK);
  expect(problems).toEqual([]);
  const lead = (predict: number) =>
    scoreAudit(bank!, { bank: 'pulse@1', answers: { 'u.share': { value: 30 }, 'u.predict': { value: predict } } });
  const low = lead(0);
  const high = lead(100);
  const element = (s: typeof low) => s.elements.find((e) => e.element.id.endsWith('understanding'))!;
  expect(element(low).score).not.toBeNull();
  expect(element(low).score).toBe(element(high).score);
  expect(low.overall.score).toBe(high.overall.score);
  expect(low.priorities.map((p) => p.questionId)).not.toContain('u.predict');
  // The prediction is still there to be shown, as the lead gave it.
  expect(element(low).results.find((r) => r.question.id === 'u.predict')).toMatchObject({ value: 0 });
});
