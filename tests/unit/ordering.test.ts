import { describe, expect, test } from 'vitest';
import { parseAnswers } from '../../src/answers/parse.js';
import { parseBank } from '../../src/bank/parse.js';
import { compareAudits } from '../../src/compare/compare.js';
import { buildReport } from '../../src/report/model.js';
import { scoreAudit } from '../../src/score/score.js';
import { MINI_BANK } from '../helpers.js';

// Orders a reader relies on, each set up so that the bank's order is not already the right one.

describe("an element's weaknesses", () => {
  test('come most points to gain first, not in bank order', () => {
    const bank = parseBank(
      'b.yaml',
      MINI_BANK.replace('            weight: 3\n', '            weight: 1\n').replace(
        '            type: yesno\n',
        '            type: yesno\n            weight: 3\n',
      ),
    ).bank!;
    const answers = parseAnswers('a.yaml', 'bank: mini@1\nanswers:\n  c.one: no\n  c.two: no\n', bank).parsed!.answers;
    const customer = scoreAudit(bank, answers).elements.find((e) => e.element.id === 'dna.customer')!;
    // c.one (weight 1) comes first in the bank; c.two (weight 3) has three times as much to gain.
    expect(customer.weaknesses.map((w) => w.questionId)).toEqual(['c.two', 'c.one']);
    expect(customer.weaknesses[0]!.pointsToGain).toBeGreaterThan(customer.weaknesses[1]!.pointsToGain);
  });
});

describe('compare', () => {
  const bank = parseBank('mini.yaml', MINI_BANK).bank!;
  const audit = (file: string, answers: string) => {
    const a = parseAnswers(file, `bank: mini@1\nanswers:\n${answers}`, bank).parsed!.answers;
    return {
      report: buildReport(scoreAudit(bank, a), {
        toolVersion: '1',
        bank,
        bankSha256: 'a',
        answers: a,
        answersFile: file,
        answersSha256: 'b',
      }),
      answers: a,
    };
  };
  const before = audit('q3.yaml', '  c.one: no\n  c.two: no\n  d.one: never\n  t.share: 0\n');
  // The Customer +37.5, The Delivery +100, Trust +10: bank order is not the order of the changes.
  const after = audit('q4.yaml', '  c.one: partly\n  c.two: no\n  d.one: always\n  t.share: 10\n');

  test('lists improvements biggest first', () => {
    expect(compareAudits(bank, before, after).improvements.map((e) => [e.id, e.delta])).toEqual([
      ['dna.delivery', 100],
      ['dna.customer', 37.5],
      ['eng.trust', 10],
    ]);
  });

  test('lists regressions biggest first', () => {
    expect(compareAudits(bank, after, before).regressions.map((e) => [e.id, e.delta])).toEqual([
      ['dna.delivery', -100],
      ['dna.customer', -37.5],
      ['eng.trust', -10],
    ]);
  });
});
