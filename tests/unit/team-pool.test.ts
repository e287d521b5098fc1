import { describe, expect, test } from 'vitest';
import type { Answers } from '../../src/answers/schema.js';
import { planGroups } from '../../src/team/anonymity.js';
import { createPool, type FinishOptions } from '../../src/team/pool.js';
import type { TeamReport } from '../../src/team/model.js';
import { contentShuffle, quantileSorted, wilson } from '../../src/team/stats.js';
import { person, teamBank } from '../team-helpers.js';

const bank = teamBank();
const FINISH: FinishOptions = { toolVersion: '0.0.0', bankSha256: 'a'.repeat(64), inputs: 0, leftOut: [] };

function pool(people: Answers[], o: Partial<FinishOptions> = {}): TeamReport {
  const p = createPool(bank);
  for (const a of people) p.add(a);
  return p.finish({ ...FINISH, inputs: people.length, ...o });
}

describe('statistics', () => {
  test('Wilson interval, computed by hand', () => {
    // 7 of 20: p = .35, z² = 3.8415; centre = (.35 + 3.8415/40) / (1 + 3.8415/20) = .37417;
    // half = 1.95996/1.19207 × √(.35×.65/20 + 3.8415/1600) = .19298 → 18.12% … 56.72%
    const w = wilson(7, 20);
    expect(w.low).toBeCloseTo(18.12, 1);
    expect(w.high).toBeCloseTo(56.72, 1);
    // 0 of 5 stays inside 0-100 (the textbook interval would not): 0% … 43.45%
    expect(wilson(0, 5).low).toBe(0);
    expect(wilson(0, 5).high).toBeCloseTo(43.45, 1);
    expect(wilson(5, 5).high).toBe(100);
  });

  test('quartiles by linear interpolation', () => {
    // positions (n−1)q: 0.75 → 10 + .75×10; 2.25 → 30 + .25×10
    expect(quantileSorted([10, 20, 30, 40], 0.25)).toBe(17.5);
    expect(quantileSorted([10, 20, 30, 40], 0.75)).toBe(32.5);
    expect(quantileSorted([42], 0.25)).toBe(42);
  });

  test('content shuffle: the same set in any order gives one order, not the sorted one', () => {
    const xs = Array.from({ length: 12 }, (_, i) => `note ${i}`);
    const a = contentShuffle(xs, (x) => x);
    expect(contentShuffle([...xs].reverse(), (x) => x)).toEqual(a);
    expect(a).not.toEqual(xs);
    expect([...a].sort()).toEqual([...xs].sort());
  });
});

// Six team respondents and a lead. Element scores by hand (agreement credits 0, .25, .5, .75, 1):
//   understanding = u.self alone: 100, 75, 100, 50, 100, (r6 N/A: no score)
//   trust = mean of t.self and t.tools: 100, 12.5, 75, 0, 87.5, 100
const SIX: Answers[] = [
  person(
    { 'u.self': 'strongly-agree', 't.self': 'strongly-agree', 't.tools': 'yes' },
    { group: 'A', respondent: 'Alice Example' },
  ),
  person({ 'u.self': 'agree', 't.self': 'disagree', 't.tools': 'no' }, { group: 'A' }),
  person({ 'u.self': 'strongly-agree', 't.self': 'neutral', 't.tools': 'yes' }, { group: 'A' }),
  person({ 'u.self': 'neutral', 't.self': 'strongly-disagree', 't.tools': 'no' }, { group: 'A' }),
  person({ 'u.self': 'strongly-agree', 't.self': 'agree', 't.tools': 'yes' }, { group: 'A' }),
  person({ 'u.self': { na: 'new here' }, 't.self': 'strongly-agree', 't.tools': 'yes' }, { group: 'B' }),
];
const LEAD = person(
  { 'u.share': 80, 't.share': 50, 't.self': 'agree' },
  { role: 'lead', respondent: 'Lee Lead', group: 'A' },
);

describe('a hand-computed pool', () => {
  const r = pool([...SIX, LEAD]);
  const res = r.results!;
  const el = (id: string) => res.elements.find((e) => e.id === id)!;
  const q = (id: string) => res.questions.find((x) => x.id === id)!;

  test('n counts team respondents only; the lead is beside them', () => {
    expect(r.pool).toMatchObject({ inputs: 7, used: 7, respondents: 6, leads: 1 });
    expect(res.respondents).toBe(6);
  });

  test('distributions and mean credit per question', () => {
    expect(q('u.self').distribution!.map((d) => d.count)).toEqual([0, 0, 1, 1, 3]);
    expect(q('u.self')).toMatchObject({ answered: 5, notApplicable: 1, meanCredit: 0.85 }); // (.5 + .75 + 3) / 5
    expect(q('t.self').distribution!.map((d) => d.count)).toEqual([1, 1, 1, 1, 2]);
    expect(q('t.self').meanCredit).toBe(0.58); // 3.5 / 6
    expect(q('t.tools').distribution).toEqual([
      { value: 'yes', label: 'Yes', count: 4 },
      { value: 'no', label: 'No', count: 2 },
    ]);
    expect(q('t.tools').meanCredit).toBe(0.67);
    // Lead questions nobody on the team answered are not listed.
    expect(res.questions.map((x) => x.id)).toEqual(['u.self', 't.self', 't.tools']);
  });

  test('element means, quartiles and the disagreement flag', () => {
    // understanding: [50, 75, 100, 100, 100] → mean 85, q1 (pos 1) 75, q3 (pos 3) 100, spread 25
    expect(el('eng.understanding')).toMatchObject({
      score: 85,
      respondents: 5,
      q1: 75,
      q3: 100,
      spread: 25,
      disagreement: false,
      band: 'high',
    });
    // trust: [0, 12.5, 75, 87.5, 100, 100] → mean 62.5; q1 pos 1.25 → 28.125; q3 pos 3.75 → 96.875; spread 68.75
    expect(el('eng.trust')).toMatchObject({
      score: 62.5,
      respondents: 6,
      q1: 28.1,
      q3: 96.9,
      spread: 68.8,
      disagreement: true,
      band: 'mid',
    });
  });

  test('overall comes from the one engine on pooled credits', () => {
    // understanding: u.self 0.85 (u.share is the lead's: not measured) → 85
    // trust: t.self 3.5 / 6 and t.tools 4 / 6 → 100 × (0.5833 + 0.6667) / 2 = 62.5
    // overall (no area rules): element mean (85 + 62.5) / 2 = 73.75
    expect(res.overall).toEqual({ score: 73.8, band: 'mid', missing: [] });
    expect(res.areas).toEqual([{ id: 'eng', title: 'Engagement', score: 73.8, band: 'mid', missing: [] }]);
  });

  test('engagement shares with Wilson intervals, held against the poll', () => {
    const [u, t] = res.engagement;
    // 3 of 5 strongly agree (N/A left out): 60%; Wilson 23.07 … 88.24; the poll's 37 is inside → in line
    expect(u).toMatchObject({
      element: 'eng.understanding',
      holders: 3,
      answered: 5,
      share: 60,
      low: 23.1,
      high: 88.2,
      poll: 37,
      verdict: 'in line',
    });
    // 2 of 6: 33.3%; Wilson 9.68 … 70.0; 20 inside → in line
    expect(t).toMatchObject({ holders: 2, answered: 6, share: 33.3, low: 9.7, high: 70, verdict: 'in line' });
  });

  test('above and below only when the interval excludes the poll', () => {
    const many = (n: number, v: string) => Array.from({ length: n }, () => person({ 'u.self': v }));
    // 30 of 40 strongly agree: 75%, Wilson 59.8 … 85.8 > 37 → above
    expect(pool([...many(30, 'strongly-agree'), ...many(10, 'agree')]).results!.engagement[0]).toMatchObject({
      share: 75,
      verdict: 'above',
    });
    // 2 of 40: 5%, Wilson 1.4 … 16.5 < 37 → below
    expect(pool([...many(2, 'strongly-agree'), ...many(38, 'agree')]).results!.engagement[0]).toMatchObject({
      share: 5,
      verdict: 'below',
    });
  });

  test('the perception gap: the lead beside the team', () => {
    expect(r.perceptionGap).toHaveLength(1);
    const g = r.perceptionGap[0]!;
    expect(g.label).toBe('Lead 1');
    // No gap between scores over different questions: like with like only (no predicts in this bank).
    expect(g).not.toHaveProperty('elements');
    expect(g.predictions).toEqual([]);
    // guesses: 80% vs 60% said so; 50% vs 33.3%
    expect(g.guesses.map((x) => [x.question, x.guess, x.team, x.gap])).toEqual([
      ['u.share', 80, 60, 20],
      ['t.share', 50, 33.3, 16.7],
    ]);
    expect(g.answers).toEqual([{ questionId: 't.self', lead: 'Agree', leadCredit: 0.75, team: 0.58 }]);
  });

  test('priorities on pooled scores', () => {
    // understanding (weight 1, W 1): u.self ½×100×(1−.85) = 7.5
    // trust (weight 1, W 2): t.self ½×100×(1−.5833)/2 = 10.4; t.tools ½×100×(1−.6667)/2 = 8.3
    expect(r.priorities.map((p) => [p.questionId, p.pointsToGain])).toEqual([
      ['t.self', 10.4],
      ['t.tools', 8.3],
      ['u.self', 7.5],
    ]);
  });

  test('names are never in a pooled report', () => {
    const json = JSON.stringify(r);
    expect(json).not.toContain('Alice');
    expect(json).not.toContain('Lee Lead');
  });

  test('the same set of respondents in any order gives the same report, byte for byte', () => {
    const a = JSON.stringify(r);
    expect(JSON.stringify(pool([LEAD, ...[...SIX].reverse()]))).toBe(a);
    expect(JSON.stringify(pool([SIX[3]!, SIX[0]!, LEAD, SIX[5]!, SIX[1]!, SIX[4]!, SIX[2]!]))).toBe(a);
  });
});

describe('anonymity', () => {
  test('a whole pool under the floor shows only n and why', () => {
    const r = pool([...SIX.slice(0, 4), LEAD]);
    expect(r.suppressed).toMatch(/only 4 team respondents/);
    expect(r).toMatchObject({ results: null, groups: [], priorities: [], perceptionGap: [] });
    expect(r.pool.respondents).toBe(4);
    // Not a single answer, score or label leaks into the JSON.
    expect(JSON.stringify(r)).not.toMatch(/strongly-agree|"score"|Agree|u\.self/);
  });

  test('the floor is configurable', () => {
    expect(pool(SIX.slice(0, 4), { minGroup: 3 }).results).not.toBeNull();
    expect(pool(SIX.slice(0, 4), { minGroup: 5 }).results).toBeNull();
  });

  test('a group below the floor is hidden, and its only complement with it', () => {
    // A has 5, B has 1: B is below the floor; total − A would be B, so A is hidden too.
    const r = pool(SIX);
    expect(r.groups).toEqual([
      { name: 'A', respondents: null, hidden: 'complementary', results: null },
      { name: 'B', respondents: null, hidden: 'below-floor', results: null },
    ]);
  });

  test('complementary suppression rules, by group sizes', () => {
    const plan = (sizes: Record<string, number>, ungrouped = 0, floor = 5) =>
      Object.fromEntries(planGroups(new Map(Object.entries(sizes)), ungrouped, floor));
    expect(plan({ A: 6, B: 7 })).toEqual({ A: null, B: null });
    // C below the floor; remainder C = 2 < 5 → hide the smallest shown group (A), remainder 8.
    expect(plan({ A: 6, B: 7, C: 2 })).toEqual({ A: 'complementary', B: null, C: 'below-floor' });
    // Respondents without a group are part of the remainder: 1 alone would be readable.
    expect(plan({ A: 6, B: 7 }, 1)).toEqual({ A: 'complementary', B: null });
    expect(plan({ A: 6, B: 7 }, 5)).toEqual({ A: null, B: null });
    // Two small groups that together reach the floor protect each other.
    expect(plan({ A: 6, B: 3, C: 2 })).toEqual({ A: null, B: 'below-floor', C: 'below-floor' });
    // Ties on size are broken by name, so the plan is the same in any order.
    expect(plan({ B: 6, A: 6, C: 1 })).toEqual({ A: 'complementary', B: null, C: 'below-floor' });
  });

  test('a differencing attempt fails: total minus the shown groups never isolates a hidden group', () => {
    // Groups: big (6), mid (5), tiny (2, all strongly disagree on trust). An attacker subtracts the
    // shown groups' distributions from the total to read "tiny".
    const mk = (group: string, n: number, t: string) =>
      Array.from({ length: n }, () => person({ 't.self': t, 'u.self': 'agree' }, { group }));
    const people = [...mk('big', 6, 'agree'), ...mk('mid', 5, 'strongly-agree'), ...mk('tiny', 2, 'strongly-disagree')];
    const r = pool(people);
    const shown = r.groups.filter((g) => g.results !== null);
    expect(shown.map((g) => g.name)).toEqual(['big']);
    const counts = (res: NonNullable<TeamReport['results']>) =>
      res.questions.find((x) => x.id === 't.self')!.distribution!.map((d) => d.count);
    const total = counts(r.results!);
    const remainder = shown.reduce((acc, g) => acc.map((c, i) => c - counts(g.results!)[i]!), total);
    // What the attacker gets is mid and tiny together (7 people), not tiny's 2 answers.
    expect(remainder).toEqual([2, 0, 0, 0, 5]);
    expect(remainder.reduce((s, c) => s + c, 0)).toBeGreaterThanOrEqual(5);
    expect(remainder).not.toEqual([2, 0, 0, 0, 0]);
    // Without complementary suppression, "mid" would be shown and the subtraction would work.
    expect(r.groups.find((g) => g.name === 'mid')!.hidden).toBe('complementary');
  });

  test('shown groups carry their own results', () => {
    const mk = (group: string, n: number, t: string) =>
      Array.from({ length: n }, () => person({ 't.self': t }, { group }));
    const r = pool([...mk('day', 5, 'strongly-agree'), ...mk('night', 5, 'disagree')]);
    const night = r.groups.find((g) => g.name === 'night')!;
    expect(night.respondents).toBe(5);
    expect(night.results!.engagement.find((e) => e.question === 't.self')).toMatchObject({
      holders: 0,
      answered: 5,
      share: 0,
    });
    expect(night.results!.elements.find((e) => e.id === 'eng.trust')!.score).toBe(25);
  });

  test('notes only from 10 team respondents, in a content-seeded order, without group or name', () => {
    const withNotes = (n: number) =>
      Array.from({ length: n }, (_, i) =>
        person(
          { 'u.self': { value: 'agree', note: `note number ${i}` } },
          { group: i < 5 ? 'A' : 'B', respondent: `Person ${i}` },
        ),
      );
    const nine = pool(withNotes(9));
    expect(nine.notes).toMatchObject({ shown: false, items: [] });
    expect(JSON.stringify(nine)).not.toContain('note number');
    const ten = pool(withNotes(10));
    expect(ten.notes.shown).toBe(true);
    expect(ten.notes.items).toHaveLength(10);
    expect(ten.notes.items.map((x) => x.note)).not.toEqual(withNotes(10).map((p) => p.answers['u.self']!.note));
    expect(Object.keys(ten.notes.items[0]!).sort()).toEqual(['note', 'questionId']);
    expect(pool(withNotes(10).reverse()).notes).toEqual(ten.notes);
    // A lead's notes are never among the team's.
    const lead = person({ 'u.share': { value: 40, note: 'the lead speaking' } }, { role: 'lead' });
    expect(JSON.stringify(pool([...withNotes(10), lead]).notes)).not.toContain('lead speaking');
  });
});
