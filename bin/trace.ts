// The trace of an internal error, pointed back at the TypeScript sources. The bundles in dist/
// are minified onto a few long lines, so a position such as dist/cli.cjs:1:48213 tells a
// maintainer nothing; the build writes a source map beside each bundle (dist/cli.cjs.map), and
// this reads it only when an internal error is being reported, so start-up never pays for it
// (`--enable-source-maps` or process.setSourceMapsEnabled would parse the maps at every start,
// and neither sees dist/cli.cjs, which the bin compiles through node:vm for its code cache).
import { readFileSync } from 'node:fs';
import { SourceMap, type SourceMapPayload } from 'node:module';
import { dirname, relative, resolve } from 'node:path';

/** A stack frame's position: `(FILE:LINE:COL)` or a bare `at FILE:LINE:COL`. */
const FRAME = /((?:[A-Za-z]:)?[^\s()]+\.cjs):(\d+):(\d+)/g;

/**
 * The stack with every position in a bundle that has a source map replaced by the original file
 * (relative to the package, e.g. src/cli/main.ts), line and column. `firstLineShift` gives, per
 * bundle file, how many columns of its first line the loader's wrapper added (bin/load-cli.ts).
 * Any failure leaves the trace as it was: a trace without sources beats no trace.
 */
export function originalTrace(stack: string, firstLineShift: Readonly<Record<string, number>> = {}): string {
  const maps = new Map<string, SourceMap | undefined>();
  const mapOf = (file: string) => {
    if (!maps.has(file))
      try {
        maps.set(file, new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8')) as SourceMapPayload));
      } catch {
        maps.set(file, undefined);
      }
    return maps.get(file);
  };
  try {
    return stack.replace(FRAME, (whole, file: string, line: string, col: string) => {
      const map = mapOf(file);
      if (!map) return whole;
      const l = Number(line) - 1;
      const c = Number(col) - 1 - (l === 0 ? (firstLineShift[file] ?? 0) : 0);
      const entry = map.findEntry(l, Math.max(0, c)) as Partial<{
        originalSource: string;
        originalLine: number;
        originalColumn: number;
      }>;
      if (entry.originalSource === undefined || entry.originalLine === undefined) return whole;
      // Sources are named relative to the map (../src/cli/main.ts): name them from the package root.
      const root = resolve(dirname(file), '..');
      const source = relative(root, resolve(dirname(file), entry.originalSource.replace(/^file:\/\//, '')));
      return `${source}:${entry.originalLine + 1}:${(entry.originalColumn ?? 0) + 1}`;
    });
  } catch {
    return stack;
  }
}
