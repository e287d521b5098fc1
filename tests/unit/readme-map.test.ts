// The README's map of the code (its Development section) must name every folder of src/, every
// file of bin/ and every bundle the build writes, so a new part of the code cannot go unmapped.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';

const ROOT = new URL('../../', import.meta.url).pathname;
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const start = readme.indexOf('## Development');
const end = readme.indexOf('\n## ', start + 1);
const section = readme.slice(start, end === -1 ? undefined : end);

describe("the README's map of the code", () => {
  test('names every folder of src/ and every top-level file of src/', () => {
    for (const name of readdirSync(join(ROOT, 'src'))) {
      const dir = statSync(join(ROOT, 'src', name)).isDirectory();
      expect(section, `src/${name}`).toContain(dir ? `src/${name}/` : `src/${name}`);
    }
  });

  test('names every file of bin/', () => {
    for (const name of readdirSync(join(ROOT, 'bin'))) expect(section, `bin/${name}`).toContain(`bin/${name}`);
  });

  test('names every bundle the build writes', () => {
    const build = readFileSync(join(ROOT, 'scripts', 'build.mjs'), 'utf8');
    const bundles = [...build.matchAll(/outfile: '(dist\/[\w.-]+)'/g)].map((m) => m[1]!);
    expect(bundles.length).toBeGreaterThan(3);
    for (const b of bundles) expect(section, b).toContain(b);
  });
});
