// Attack 1 of issue 20, reproduced on the pool: a figure resting on one person's answer to an
// item, directly or by subtraction, and notes beside too few people.
import { describe, expect, test } from 'vitest';
import type { TeamReport } from '../../src/team/model.js';
import { createPool } from '../../src/team/pool.js';
import { person, teamBank } from '../team-helpers.js';

const bank = teamBank();
const finish = (people: ReturnType<typeof person>[], minGroup = 5): TeamReport => {
  const pool = createPool(bank);
  for (const p of people) pool.add(p);
  return pool.finish({ toolVersion: 't', bankSha256: 'x', inputs: people.length, leftOut: [], minGroup });
};
const NA = { na: 'does not apply' };
const json = (m: TeamReport) => JSON.stringify(m);

describe('attack 1: an item answered by one person', () => {
  test('four mark t.self N/A and one answers strongly-disagree: the JSON shows no figure of t.self', () => {
    const people = [
      ...Array.from({ length: 4 }, () => person({ 'u.self': 'agree', 't.self': NA })),
      person({ 'u.self': 'agree', 't.self': 'strongly-disagree' }),
    ];
    const m = finish(people);
    const q = m.results!.questions.find((x) => x.id === 't.self');
    expect(q).toBeUndefined();
    expect(m.results!.statements.find((s) => s.id === 't.self')).toBeUndefined();
    expect(m.results!.leftOutByFloor).toBeGreaterThanOrEqual(1);
    expect(json(m)).not.toContain('strongly-disagree":1');
  });

  test('by subtraction: 5 in group A answer agree, 4 in B mark it N/A, one ungrouped says strongly-disagree: A shows no figure of that item', () => {
    const people = [
      ...Array.from({ length: 5 }, () => person({ 'u.self': 'agree', 't.self': 'agree' }, { group: 'A' })),
      ...Array.from({ length: 4 }, () => person({ 'u.self': 'agree', 't.self': NA }, { group: 'B' })),
      person({ 'u.self': 'agree', 't.self': 'strongly-disagree' }),
    ];
    const m = finish(people);
    const a = m.groups.find((g) => g.name === 'A')!;
    expect(a.results).not.toBeNull();
    // The pool answered t.self 6 times; A's 5 shown would leave the one ungrouped answer.
    expect(a.results!.questions.find((x) => x.id === 't.self')).toBeUndefined();
    expect(a.results!.statements.find((s) => s.id === 't.self')).toBeUndefined();
    // u.self: A 5, the rest 5 (B's 4 and the ungrouped one): shown.
    expect(a.results!.questions.find((x) => x.id === 'u.self')?.answered).toBe(5);
  });

  test('notes: only for an item answered by at least 10, never for one answered by fewer', () => {
    const people = [
      ...Array.from({ length: 12 }, (_, i) =>
        person({ 'u.self': { value: 'agree', note: `u note ${i}` }, 't.self': NA }),
      ),
      person({ 't.self': { value: 'disagree', note: 'the only t note' } }),
    ];
    const m = finish(people);
    expect(m.notes.shown).toBe(true);
    expect(m.notes.items.some((n) => n.note === 'the only t note')).toBe(false);
    expect(m.notes.items.filter((n) => n.questionId === 'u.self')).toHaveLength(12);
  });
});

describe('the HTML team report shows what the terminal and markdown show', () => {
  test('per-question answer counts, and an item under the floor nowhere', async () => {
    const { TEAM_FORMATS } = await import('../../src/team/formats.js');
    const people = [
      ...Array.from({ length: 4 }, () => person({ 'u.self': 'agree', 't.self': NA })),
      person({ 'u.self': 'strongly-agree', 't.self': 'strongly-disagree' }),
    ];
    const m = finish(people);
    const page = TEAM_FORMATS.html(m);
    expect(page).toContain('Answers per question');
    expect(page).toMatch(/Agree 4 · Strongly agree 1/);
    expect(page).toContain('1 answered by fewer is left out of every figure');
    expect(page).not.toContain('Strongly disagree 1');
    const terminal = TEAM_FORMATS.terminal(m, {});
    expect(terminal).toContain('Agree 4');
  });
});
