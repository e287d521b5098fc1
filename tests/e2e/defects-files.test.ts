import { chmodSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { backupFile } from '../../src/cli/files.js';
import { InputError } from '../../src/errors.js';
import { MINI_BANK_V2, tempDir, V1_ANSWERS } from '../helpers.js';
import { cli, NO_STACK } from './cli-helpers.js';

// Issue 22 item 7: `upgrade` where no backup can be written exited 70 with a stack trace, because
// backupFile() let copyFileSync's error through. `run --restart` takes its backup the same way.

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => {
  chmodSync(tmp.dir, 0o755);
  tmp.cleanup();
});

// A name one character short of the limit: the file can be written, its backup name cannot
// (ENAMETOOLONG), which fails the same way for root as for anyone, unlike a read-only folder.
const LONG = `${'a'.repeat(250)}.yaml`;

describe('a backup that cannot be written (issue 22 item 7)', () => {
  test('upgrade: one line FILE:LINE:COL, exit 2, no stack trace, the file untouched', () => {
    const bank = tmp.write('mini-v2.yaml', MINI_BANK_V2);
    const file = tmp.write(LONG, V1_ANSWERS);
    const r = cli(['upgrade', LONG, '--bank', bank], { cwd: tmp.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(NO_STACK);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(
      new RegExp(
        `^${LONG}:1:1 {2}cannot write its backup ${LONG}\\.bak \\(the name is too long\\); nothing was changed — make its folder writable`,
      ),
    );
    expect(readFileSync(file, 'utf8')).toBe(V1_ANSWERS);
  });

  test.skipIf(process.getuid?.() === 0)('upgrade in a read-only folder: the same one line (not as root)', () => {
    const bank = tmp.write('mini-v2.yaml', MINI_BANK_V2);
    tmp.write('answers.yaml', V1_ANSWERS);
    chmodSync(tmp.dir, 0o555);
    const r = cli(['upgrade', 'answers.yaml', '--bank', bank], { cwd: tmp.dir });
    expect(r).toMatchObject({ code: 2 });
    expect(r.stderr).toMatch(/^answers\.yaml:1:1 {2}cannot write its backup answers\.yaml\.bak \(permission denied\)/);
  });

  test('backupFile (which run --restart uses too) throws an InputError naming the file', () => {
    tmp.write(LONG, V1_ANSWERS);
    let thrown: unknown;
    try {
      backupFile(tmp.dir, LONG);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(InputError);
    expect((thrown as InputError).problems[0]).toMatchObject({ file: LONG, line: 1, col: 1 });
    expect(readdirSync(tmp.dir)).toEqual([LONG]);
  });

  test('a taken backup name still moves on to the next free one', () => {
    tmp.write('a.yaml', 'x');
    tmp.write('a.yaml.bak', 'old');
    expect(backupFile(tmp.dir, 'a.yaml')).toBe(join(tmp.dir, 'a.yaml.1.bak'));
    expect(readFileSync(join(tmp.dir, 'a.yaml.bak'), 'utf8')).toBe('old');
  });
});
