import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { didYouMean } from '../../src/validation/closest.js';

// Issue 22 item 4: "did you mean" was quoted two ways (`did you mean report?`, `did you mean "assertions"?`).
// One helper words it; no source file writes the phrase by hand.

const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );

describe('one wording for "did you mean" (issue 22 item 4)', () => {
  test('the helper quotes the name', () => {
    expect(didYouMean('report')).toBe('did you mean "report"?');
    expect(didYouMean('--format', '--force')).toBe('did you mean one of "--format", "--force"?');
  });

  test('no source file words the hint by hand', () => {
    const byHand = sources('src').flatMap((f) =>
      readFileSync(f, 'utf8')
        .split('\n')
        .map((line, i) => ({ where: `${f}:${i + 1}`, line }))
        .filter(({ line }) => /[`'"]\s*\(?did you mean /i.test(line) || /\(did you mean \$\{/.test(line))
        .filter(({ where }) => !where.startsWith(join('src', 'validation', 'closest.ts')))
        .map(({ where }) => where),
    );
    expect(byHand).toEqual([]);
  });
});
