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
