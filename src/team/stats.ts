// Small statistics for pooled answers. Pure; every function gives the same result for the same
// multiset of inputs whatever their order, so a team report does not depend on file order.

/** z for a two-sided 95% interval. */
const Z95 = 1.959963984540054;

/**
 * The Wilson score interval for a share of `holders` out of `n` (95%), on 0-100. Chosen over the
 * textbook (Wald) interval because it stays inside 0-100 and is honest for small teams and for
 * shares near 0 or 100, which are exactly the cases a pulse of a few people produces.
 */
export function wilson(holders: number, n: number): { low: number; high: number } {
  if (n <= 0) return { low: 0, high: 100 };
  const p = holders / n;
  const z2 = Z95 * Z95;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (Z95 / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { low: 100 * Math.max(0, centre - half), high: 100 * Math.min(1, centre + half) };
}

/** Sorts numbers ascending, in place, and returns them (a typed sort: no string comparison). */
export function sortNumbers(xs: number[]): number[] {
  return xs.sort((a, b) => a - b);
}

/**
 * The q-th quantile (0..1) of numbers already sorted ascending, by linear interpolation between
 * the two nearest ranks (the method of spreadsheets' QUARTILE.INC and numpy's default).
 */
export function quantileSorted(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/** The mean of numbers already sorted (summed in sorted order, so the same set gives the same bits). */
export function meanSorted(sorted: readonly number[]): number {
  let s = 0;
  for (const x of sorted) s += x;
  return s / sorted.length;
}

/** 32-bit FNV-1a of a string: a stable, dependency-free hash for seeding and ordering. */
export function fnv1a(s: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/**
 * Puts texts in an order that looks random but is fixed by the texts themselves: the seed is a
 * hash of the whole (sorted) set, and each text is ranked by its hash under that seed. The same
 * set always comes out in the same order, whatever order it came in, and the order says nothing
 * about which file, group or time a text came from.
 */
export function contentShuffle<T>(items: readonly T[], key: (t: T) => string): T[] {
  const keys = items.map(key);
  const seed = fnv1a([...keys].sort().join('\u0000'));
  return items
    .map((item, i) => ({ item, k: keys[i]!, rank: fnv1a(keys[i]!, seed) }))
    .sort((a, b) => a.rank - b.rank || (a.k < b.k ? -1 : a.k > b.k ? 1 : 0))
    .map((x) => x.item);
}
