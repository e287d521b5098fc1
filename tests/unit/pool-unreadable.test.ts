// An unreadable sub-folder of a pool is listed as left out, never skipped without a word (issue 20,
// honest failure). Tests run as root here, where chmod cannot make a folder unreadable, so
// readdir is made to fail for one folder.
import * as fs from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, test, vi } from 'vitest';
import { tempDir } from '../helpers.js';

vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  return {
    ...real,
    readdirSync: ((p: fs.PathLike, o?: unknown) => {
      if (String(p).endsWith('/locked'))
        throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
      return (real.readdirSync as (p: fs.PathLike, o?: unknown) => unknown)(p, o);
    }) as typeof fs.readdirSync,
  };
});

const { expandPoolInputs } = await import('../../src/cli/inputs.js');
const t = tempDir();
afterAll(() => t.cleanup());

test('a folder that cannot be read is a listed problem, naming it and why; the readable files are still found', () => {
  fs.mkdirSync(join(t.dir, 'pulse', 'locked'), { recursive: true });
  t.write('pulse/a.yaml', 'x');
  t.write('pulse/locked/b.yaml', 'x');
  const { files, problems } = expandPoolInputs(t.dir, ['pulse']);
  expect(files.map((f) => f.shown)).toEqual(['pulse/a.yaml']);
  expect(problems).toEqual([
    {
      file: 'pulse/locked',
      line: 1,
      col: 1,
      message: 'this folder cannot be read (EACCES), so its files are left out',
      fix: 'make it readable (e.g. chmod +rx), or leave it out of the inputs',
    },
  ]);
});
