import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { backupFile, renameRetrying } from '../../src/cli/files.js';
import { tempDir } from '../helpers.js';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

const failing = (code: string) => Object.assign(new Error(code), { code });

describe('renaming on Windows', () => {
  test('a rename refused while another program holds the file (EPERM, EBUSY) is retried until it goes through', () => {
    const codes = ['EPERM', 'EBUSY'];
    const calls: string[] = [];
    renameRetrying(
      'a',
      'b',
      (from, to) => {
        calls.push(`${from}→${to}`);
        const code = codes.shift();
        if (code) throw failing(code);
      },
      'win32',
    );
    expect(calls).toEqual(['a→b', 'a→b', 'a→b']);
  });

  test('gives up after a few retries, and never retries elsewhere or for other errors', () => {
    let calls = 0;
    const always = (code: string) => () => {
      calls++;
      throw failing(code);
    };
    expect(() => renameRetrying('a', 'b', always('EBUSY'), 'win32')).toThrow('EBUSY');
    expect(calls).toBe(6);
    calls = 0;
    expect(() => renameRetrying('a', 'b', always('EPERM'), 'linux')).toThrow('EPERM');
    expect(() => renameRetrying('a', 'b', always('ENOENT'), 'win32')).toThrow('ENOENT');
    expect(calls).toBe(2);
  });
});

describe('backups', () => {
  test('never overwrite an earlier backup: .bak, then .1.bak, .2.bak', () => {
    const file = join(tmp.dir, 'answers.yaml');
    const names = ['first', 'second', 'third'].map((text) => {
      writeFileSync(file, text);
      return backupFile(tmp.dir, 'answers.yaml');
    });
    expect(names).toEqual([`${file}.bak`, `${file}.1.bak`, `${file}.2.bak`]);
    expect(names.map((n) => readFileSync(n, 'utf8'))).toEqual(['first', 'second', 'third']);
  });
});
