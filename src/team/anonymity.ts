// The anonymity rules of a team report, as pure functions over group sizes, so each rule can be
// proved with hand-built pools.

/** The smallest group a report may show by default, and the lowest floor anyone may choose. */
export const DEFAULT_MIN_GROUP = 5;
export const LOWEST_MIN_GROUP = 3;
/** Team respondents' free-text notes appear only in a pool at least this large. */
export const MIN_POOL_FOR_NOTES = 10;

export type HiddenReason = 'below-floor' | 'complementary';

/**
 * Decides which groups a report shows. A group below the floor is hidden. Then complementary
 * suppression: everyone not in a shown group (hidden groups plus respondents with no group) can be
 * worked out as "the whole pool minus the shown groups", so that remainder must be empty or at
 * least the floor in size; while it is not, the smallest shown group is hidden too (ties: by
 * name). Respondents without a group are never shown as a group of their own.
 */
export function planGroups(
  sizes: ReadonlyMap<string, number>,
  ungrouped: number,
  floor: number,
): Map<string, HiddenReason | null> {
  const plan = new Map<string, HiddenReason | null>();
  const names = [...sizes.keys()].sort();
  for (const g of names) plan.set(g, sizes.get(g)! < floor ? 'below-floor' : null);
  const remainder = () => ungrouped + names.filter((g) => plan.get(g) !== null).reduce((s, g) => s + sizes.get(g)!, 0);
  for (;;) {
    const r = remainder();
    if (r === 0 || r >= floor) break;
    const shown = names
      .filter((g) => plan.get(g) === null)
      .sort((a, b) => sizes.get(a)! - sizes.get(b)! || (a < b ? -1 : 1));
    if (shown.length === 0) break;
    plan.set(shown[0]!, 'complementary');
  }
  return plan;
}

/** What one item (a question) may show: the pool's figure, and which shown groups' figures. */
export interface ItemPlan {
  /** Whether the item's pooled figures are shown at all (enough people answered it). */
  pool: boolean;
  /** The groups whose figures for this item are shown. */
  groups: Set<string>;
}

/**
 * The floor applied per item, not per group: people answer some questions and mark others "does
 * not apply", so a group of ten may have one person who answered a given question. For one item:
 * the pool's figure is shown only when at least `floor` people answered it; a group's figure only
 * when the group is shown (see planGroups) and at least `floor` of its people answered it; and
 * complementary suppression per item, so that the pool minus the shown groups (everyone else who
 * answered it: people of hidden groups and people with no group) is none or at least the floor. Pure.
 */
export function planItem(
  answeredByGroup: ReadonlyMap<string, number>,
  answeredTotal: number,
  shownGroups: ReadonlySet<string>,
  floor: number,
): ItemPlan {
  if (answeredTotal < floor) return { pool: false, groups: new Set() };
  const sizes = new Map<string, number>();
  for (const g of shownGroups) sizes.set(g, answeredByGroup.get(g) ?? 0);
  const inShown = [...sizes.values()].reduce((s, n) => s + n, 0);
  const plan = planGroups(sizes, answeredTotal - inShown, floor);
  return { pool: true, groups: new Set([...plan].filter(([, why]) => why === null).map(([g]) => g)) };
}

/**
 * Whether free-text notes on an item may be shown: only when at least MIN_POOL_FOR_NOTES people
 * answered that item in a pool at least that large (the way a note is written can point to its
 * writer in a small crowd), and never beside a group. Pure.
 */
export const notesShown = (answeredItem: number, poolSize: number) =>
  answeredItem >= MIN_POOL_FOR_NOTES && poolSize >= MIN_POOL_FOR_NOTES;
