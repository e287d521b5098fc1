import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
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

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
/** The part of a cache's name that says which build made it: the first 16 hex digits of dist/cli.cjs's sha256. */
const buildTag = (dist: string) =>
  createHash('sha256')
    .update(readFileSync(join(dist, 'cli.cjs')))
    .digest('hex')
    .slice(0, 16);
const caches = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.v8cache'));

const check = (env: Record<string, string>) =>
  cli(['check', '--bank', V1_BANK, '--answers', join(FIXTURES, 'complete.yaml')], {
    env: { XDG_CACHE_HOME: tmp.dir, ...env },
  });

describe('the code cache', () => {
  test('is written once per command, after a run that went well, and reused with the same output', () => {
    const first = check({});
    expect(first.code).toBe(0);
    const files = caches(join(tmp.dir, 'service-audit'));
    expect(files).toEqual([
      `${pkg.version}-${buildTag(join(ROOT, 'dist'))}-node${process.version}-${process.arch}-check.v8cache`,
    ]);
    expect(check({})).toEqual(first);
    expect(cli(['reprot'], { env: { XDG_CACHE_HOME: tmp.dir } }).code).toBe(2);
    expect(caches(join(tmp.dir, 'service-audit'))).toEqual(files);
  });

  test('a damaged cache is ignored and replaced', () => {
    const first = check({});
    const file = join(tmp.dir, 'service-audit', caches(join(tmp.dir, 'service-audit'))[0]!);
    writeFileSync(file, 'not a code cache');
    expect(check({})).toEqual(first);
    expect(caches(join(tmp.dir, 'service-audit'))).toHaveLength(1);
  });

  test('a rebuild that keeps dist/cli.cjs the same length runs the new code, not the cached old code', () => {
    // A real rebuild of a copy of the sources; V8 would accept the old cache (it checks only the length).
    const repo = join(tmp.dir, 'repo');
    for (const d of ['src', 'bin', 'scripts', 'questions']) cpSync(join(ROOT, d), join(repo, d), { recursive: true });
    cpSync(join(ROOT, 'package.json'), join(repo, 'package.json'));
    symlinkSync(join(ROOT, 'node_modules'), join(repo, 'node_modules'), 'junction');
    const build = () => execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: repo, stdio: 'pipe' });
    const bank = () =>
      spawnSync(process.execPath, [join(repo, 'dist', 'service-audit.cjs'), 'bank'], {
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '', XDG_CACHE_HOME: tmp.dir },
      });
    build();
    const size = readFileSync(join(repo, 'dist', 'cli.cjs')).length;
    expect(bank().stdout).toContain('built-in bank)');
    expect(bank().stdout).toContain('built-in bank)'); // now from the cache
    const load = join(repo, 'src', 'cli', 'load.ts');
    writeFileSync(load, readFileSync(load, 'utf8').replaceAll("'built-in bank'", "'built-in BANK'"));
    build();
    expect(readFileSync(join(repo, 'dist', 'cli.cjs')).length).toBe(size);
    expect(bank().stdout).toContain('built-in BANK)');
  });

  test('caches of other builds are pruned once they are a day old; fresh ones (another install in use) are kept', () => {
    const dir = join(tmp.dir, 'service-audit');
    mkdirSync(dir, { recursive: true });
    const old = join(dir, `0.0.1-0123456789abcdef-node${process.version}-${process.arch}-check.v8cache`);
    const fresh = join(dir, `0.0.2-fedcba9876543210-node${process.version}-${process.arch}-check.v8cache`);
    writeFileSync(old, 'old');
    writeFileSync(fresh, 'fresh');
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600 * 1000);
    utimesSync(old, twoDaysAgo, twoDaysAgo);
    expect(check({}).code).toBe(0);
    expect(existsSync(old)).toBe(false);
    expect(existsSync(fresh)).toBe(true);
    expect(caches(dir)).toHaveLength(2);
  });

  const [major, minor] = process.versions.node.split('.').map(Number) as [number, number];
  test.skipIf(major < 22 || (major === 22 && minor < 1))(
    "Node's own compile cache goes to the same folder, not the OS temp folder",
    () => {
      const temp = join(tmp.dir, 'temp');
      mkdirSync(temp);
      expect(check({ TMPDIR: temp, TMP: temp, TEMP: temp }).code).toBe(0);
      expect(readdirSync(temp)).toEqual([]);
      expect(
        readdirSync(join(tmp.dir, 'service-audit')).filter((f) => f.startsWith(`v${process.versions.node}-`)),
      ).toHaveLength(1);
    },
  );

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
      const run = (args: string[]) =>
        spawnSync(process.execPath, [join(copy.dir, 'dist', 'service-audit.cjs'), ...args], {
          encoding: 'utf8',
          env: { PATH: process.env.PATH ?? '', XDG_CACHE_HOME: copy.dir },
        });
      expect(run(['check', '--bank', V1_BANK, '--answers', join(FIXTURES, 'complete.yaml')]).status).toBe(0);
      expect(
        run(['report', '--bank', V1_BANK, '--answers', join(FIXTURES, 'complete.yaml'), '--format', 'markdown']).status,
      ).toBe(0);
      expect(run(['--help']).status).toBe(0);
      expect(run(['run']).status).toBe(2); // no terminal: refused before anything is loaded
    } finally {
      copy.cleanup();
    }
  });
});
