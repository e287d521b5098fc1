/** Edit distance between two short strings (for "did you mean" hints). */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

/** The candidate closest to `word`, if it is close enough to be a likely typo. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = distance(word.toLowerCase(), c.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best !== undefined && bestD <= Math.max(1, Math.floor(word.length / 3)) ? best : undefined;
}

/**
 * The one wording of a typo hint, everywhere: `did you mean "report"?`, or with several names
 * `did you mean one of "a", "b"?` (names quoted, as in every message).
 */
export function didYouMean(...names: readonly string[]): string {
  const quoted = names.map((n) => `"${n}"`).join(', ');
  return names.length > 1 ? `did you mean one of ${quoted}?` : `did you mean ${quoted}?`;
}
