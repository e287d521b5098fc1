import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { tempDir } from '../helpers.js';
import { cli, FIXTURES, NO_STACK, V1_BANK } from './cli-helpers.js';

// Issue 22 item 9: history did not expand a quoted glob, said "needs at least two answers files"
// when given a folder, and its "same audit" error had no FILE:LINE:COL.

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
  mkdirSync(join(tmp.dir, 'audits'));
  for (const [fixture, date] of [
    ['complete.yaml', '2026-02-10'],
    ['partial.yaml', '2026-05-12'],
    ['with-na.yaml', '2026-11-22'],
  ])
    writeFileSync(
      join(tmp.dir, 'audits', `${date}.yaml`),
      readFileSync(join(FIXTURES, fixture!), 'utf8').replace(/^date: .*$/m, `date: ${date}`),
    );
});
afterEach(() => tmp.cleanup());

const audits = (stdout: string) => [...stdout.matchAll(/^ {2}#\d (\S+) /gm)].map((m) => m[1]);

describe('history inputs (issue 22 item 9)', () => {
  test.each([
    ['a quoted glob', ['audits/*.yaml']],
    ['a folder', ['audits']],
    ['a folder with a trailing slash', ['audits/']],
  ])('%s names every audit in it', (_, inputs) => {
    const r = cli(['history', '--bank', V1_BANK, ...inputs], { cwd: tmp.dir });
    expect(r.code, r.stderr).toBe(0);
    expect(audits(r.stdout)).toEqual(['2026-02-10', '2026-05-12', '2026-11-22']);
  });

  test('a glob that matches nothing is one located line, exit 2', () => {
    const r = cli(['history', '--bank', V1_BANK, 'old/*.yaml', 'audits'], { cwd: tmp.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^old\/\*\.yaml:1:1 {2}no file matches this pattern — /);
    expect(r.stderr).not.toMatch(NO_STACK);
  });

  test('the same audit twice is a FILE:LINE:COL problem', () => {
    writeFileSync(join(tmp.dir, 'copy.yaml'), readFileSync(join(tmp.dir, 'audits', '2026-02-10.yaml')));
    const r = cli(['history', '--bank', V1_BANK, 'audits', 'copy.yaml'], { cwd: tmp.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'copy.yaml:1:1  is the same audit as audits/2026-02-10.yaml (the files are identical) — pass each audit once: remove one of the two copies from the list\n',
    );
  });

  test('one file named twice (or through a folder and by name) counts once, and one audit is still too few', () => {
    const r = cli(['history', '--bank', V1_BANK, 'audits/2026-02-10.yaml', './audits/2026-02-10.yaml'], {
      cwd: tmp.dir,
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^error: a history needs at least two answers files .*only audits\/2026-02-10\.yaml was found/,
    );
  });
});
