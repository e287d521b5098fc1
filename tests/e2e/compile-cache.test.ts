import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { tempDir } from '../helpers.js';
import { cli, FIXTURES, ROOT, V1_BANK } from './cli-helpers.js';

// The bin keeps V8's code cache of the CLI, one per command, made after the command has run.
let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

const check = (env: Record<string, string>) => cli(['check', '--bank', V1_BANK, '--answers', join(FIXTURES, 'complete.yaml')], { env: { XDG_CACHE_HOME: tmp.dir, ...env } });

describe('the code cache', () => {
  test('is written once per command, after a run that went well, and reused with the same output', () => {
    const first = check({});
    expect(first.code).toBe(0);
    const files = readdirSync(join(tmp.dir, 'service-audit'));
    expect(files).toEqual([`${JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version}-node${process.version}-${process.arch}-check.v8cache`]);
    expect(check({})).toEqual(first);
    expect(cli(['reprot'], { env: { XDG_CACHE_HOME: tmp.dir } }).code).toBe(2);
    expect(readdirSync(join(tmp.dir, 'service-audit'))).toEqual(files);
  });

  test('a damaged cache is ignored and replaced', () => {
    const first = check({});
    const file = join(tmp.dir, 'service-audit', readdirSync(join(tmp.dir, 'service-audit'))[0]!);
    writeFileSync(file, 'not a code cache');
    expect(check({})).toEqual(first);
    expect(readdirSync(join(tmp.dir, 'service-audit'))).toHaveLength(1);
  });

  test('NODE_DISABLE_COMPILE_CACHE turns it off', () => {
    expect(check({ NODE_DISABLE_COMPILE_CACHE: '1' }).code).toBe(0);
    expect(readdirSync(tmp.dir)).toEqual([]);
  });
});

describe('what each command loads', () => {
  test('check, report and --help never load the interactive bundle (Inquirer)', () => {
    const copy = tempDir();
    try {
      cpSync(join(ROOT, 'dist'), join(copy.dir, 'dist'), { recursive: true });
      cpSync(join(ROOT, 'questions'), join(copy.dir, 'questions'), { recursive: true });
      rmSync(join(copy.dir, 'dist', 'interactive.cjs'));
      const run = (args: string[]) => spawnSync(process.execPath, [join(copy.dir, 'dist', 'service-audit.cjs'), ...args], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', XDG_CACHE_HOME: copy.dir } });
      expect(run(['check', '--bank', V1_BANK, '--answers', join(FIXTURES, 'complete.yaml')]).status).toBe(0);
      expect(run(['report', '--bank', V1_BANK, '--answers', join(FIXTURES, 'complete.yaml'), '--format', 'markdown']).status).toBe(0);
      expect(run(['--help']).status).toBe(0);
      expect(run(['run']).status).toBe(2); // no terminal: refused before anything is loaded
    } finally {
      copy.cleanup();
    }
  });
});
