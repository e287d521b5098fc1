/** The few text styles renderers use; plain text when colour is off. */
export interface Style {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  green(s: string): string;
  cyan(s: string): string;
}

const id = (s: string) => s;
export const plain: Style = { bold: id, dim: id, red: id, yellow: id, green: id, cyan: id };

/**
 * Decides the colour level (0 none … 3 truecolor): `--no-color` and NO_COLOR switch it off,
 * FORCE_COLOR forces it (FORCE_COLOR=0 switches it off), otherwise colour only on a TTY.
 */
export function colorLevel(opts: {
  flag: boolean;
  env: Record<string, string | undefined>;
  isTTY: boolean;
}): 0 | 1 | 2 | 3 {
  if (!opts.flag) return 0;
  const force = opts.env.FORCE_COLOR;
  if (force !== undefined) {
    if (force === '' || force === 'true') return 1;
    const n = Number(force);
    if (force === 'false' || n === 0) return 0;
    return (Number.isInteger(n) ? Math.min(3, Math.max(1, n)) : 1) as 1 | 2 | 3;
  }
  if (opts.env.NO_COLOR !== undefined && opts.env.NO_COLOR !== '') return 0;
  if (!opts.isTTY || opts.env.TERM === 'dumb') return 0;
  return 1;
}

/** The colour of a band: the lowest red, the highest green, those between yellow. */
export function bandPaint(style: Style, bandIds: readonly string[], band: string | null): (s: string) => string {
  if (band === null) return style.dim;
  const i = bandIds.indexOf(band);
  if (i <= 0) return style.red;
  if (i === bandIds.length - 1) return style.green;
  return style.yellow;
}
