// The floor per item, hand-checked against the attacks of issue 20 (attack 1).
import { describe, expect, test } from 'vitest';
import { notesShown, planGroups, planItem } from '../../src/team/anonymity.js';

const m = (o: Record<string, number>) => new Map(Object.entries(o));

describe('the floor per item', () => {
  test('four mark an item N/A, one answers it: the item shows nothing (not "answered 1")', () => {
    expect(planItem(m({}), 1, new Set(), 5)).toEqual({ pool: false, groups: new Set() });
    expect(planItem(m({}), 5, new Set(), 5).pool).toBe(true);
  });

  test('by subtraction: group A (5) answers, group B (4) marks it N/A, one ungrouped person answers: A is hidden for that item', () => {
    // 10 people: A shown (5), B hidden (4, under the floor), one ungrouped. For this item, the pool
    // answered is 6 (A's five and the ungrouped one); pool minus A would be that one answer.
    const shown = new Set([...planGroups(m({ A: 5, B: 4 }), 1, 5)].filter(([, why]) => why === null).map(([g]) => g));
    expect(shown).toEqual(new Set(['A']));
    const plan = planItem(m({ A: 5, B: 0 }), 6, shown, 5);
    expect(plan.pool).toBe(true);
    expect(plan.groups).toEqual(new Set());
  });

  test('a shown group stays shown for an item when the rest who answered it are none or at least the floor', () => {
    expect(planItem(m({ A: 5, C: 6 }), 11, new Set(['A', 'C']), 5).groups).toEqual(new Set(['A', 'C']));
    expect(planItem(m({ A: 5, C: 6 }), 16, new Set(['A', 'C']), 5).groups).toEqual(new Set(['A', 'C']));
    // Rest of 2: the smallest shown group is hidden for this item, and then the rest is 7.
    expect(planItem(m({ A: 5, C: 6 }), 13, new Set(['A', 'C']), 5).groups).toEqual(new Set(['C']));
  });

  test('a group under the floor for one item is hidden for it, and the complement is then checked again', () => {
    // A answered by 3 of its people: hidden for the item; rest = 3 + 0 → C (6) must hide too.
    expect(planItem(m({ A: 3, C: 6 }), 9, new Set(['A', 'C']), 5).groups).toEqual(new Set());
  });

  test('notes: only for an item answered by ten in a pool of ten', () => {
    expect([notesShown(9, 40), notesShown(10, 9), notesShown(10, 10)]).toEqual([false, false, true]);
  });
});
