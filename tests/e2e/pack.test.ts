import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { tempDir } from '../helpers.js';
import { FIXTURES, npmCommand, ROOT, TEST_CACHE, V1_BANK } from './cli-helpers.js';

// The package as a user gets it: packed, installed from the tarball with no network, run with npx.
const [NPM, NPM_ARGS] = npmCommand();
let tmp: ReturnType<typeof tempDir>;
let app: string;
let files: string[];

const npm = (args: string[], cwd: string) => {
  const r = spawnSync(NPM, [...NPM_ARGS, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

beforeAll(() => {
  tmp = tempDir();
  // dist/ is fresh: `npm test` builds before it runs the tests.
  const packed = JSON.parse(
    execFileSync(NPM, [...NPM_ARGS, 'pack', '--ignore-scripts', '--json', '--pack-destination', tmp.dir], {
      cwd: ROOT,
      encoding: 'utf8',
    }),
  );
  files = packed[0].files.map((f: { path: string }) => f.path).sort();
  app = join(tmp.dir, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true }));
  const r = npm(['install', '--offline', join(tmp.dir, packed[0].filename)], app);
  if (r.code !== 0) throw new Error(`npm install --offline failed:\n${r.stderr}`);
}, 120_000);
afterAll(() => tmp?.cleanup());

describe('the packed package', () => {
  test('ships only dist/, the bank, its schemas, README, LICENSE and package.json', () => {
    expect(
      files.filter(
        (f) =>
          !/^(dist\/[^/]+|questions\/service-readiness\.yaml|schemas\/[a-z]+(-[a-z]+)*\.schema\.json|README\.md|LICENSE|package\.json)$/.test(
            f,
          ),
      ),
    ).toEqual([]);
    expect(files).toEqual(
      expect.arrayContaining([
        'dist/service-audit.cjs',
        'dist/cli.cjs',
        'dist/interactive.cjs',
        'dist/builtin-bank.json',
        'questions/service-readiness.yaml',
        'README.md',
        'LICENSE',
        'package.json',
      ]),
    );
  });

  test('its package.json runs nothing on install (scripts/ is not shipped) and says where to report bugs', () => {
    const installed = join(app, 'node_modules', 'service-audit');
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
    for (const hook of ['preinstall', 'install', 'postinstall']) expect(manifest.scripts?.[hook], hook).toBeUndefined();
    // `prepare` builds a clone on `npm install` (the README's Quick start); in the published package,
    // which ships dist/ built and no scripts/, it does nothing (npm does not even run it there).
    const before = readFileSync(join(installed, 'dist', 'cli.cjs'));
    const prepared = spawnSync(NPM, [...NPM_ARGS, 'run', 'prepare'], { cwd: installed, encoding: 'utf8' });
    expect(prepared.status).toBe(0);
    expect(readFileSync(join(installed, 'dist', 'cli.cjs')).equals(before)).toBe(true);
    // … while a clone's own package.json still builds on install, or `npm install && npx service-audit` finds nothing to run.
    expect(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts.prepare).toMatch(
      /existsSync\('scripts\/build\.mjs'\)\) import\('\.\/scripts\/build\.mjs'\)/,
    );
    expect(manifest.bugs.url).toBe('https://github.com/service-audit/service-audit/issues');
    expect(manifest.repository.url).toContain('github.com/service-audit/service-audit');
  });

  test('installs offline with no dependencies at all', () => {
    const ls = JSON.parse(npm(['ls', '--omit=dev', '--all', '--json'], app).stdout);
    expect(Object.keys(ls.dependencies)).toEqual(['service-audit']);
    expect(ls.dependencies['service-audit'].dependencies).toBeUndefined();
    expect(readdirSync(join(app, 'node_modules')).filter((d) => !d.startsWith('.'))).toEqual(['service-audit']);
  });

  const npx = (args: string[]) =>
    spawnSync(NPM, [...NPM_ARGS, 'exec', '--offline', '--', 'service-audit', ...args], {
      cwd: app,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', XDG_CACHE_HOME: TEST_CACHE },
    });

  test('npx service-audit --version, bank and check work from the install', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(npx(['--version']).stdout).toBe(`${pkg.version}\n`);
    const bank = JSON.parse(npx(['bank', '--format', 'json']).stdout);
    expect(bank).toMatchObject({ id: 'service-readiness', version: 2 });
    const check = npx(['check', '--bank', V1_BANK, '--answers', join(FIXTURES, 'complete.yaml'), '--min-score', '50']);
    expect(check.status).toBe(0);
    expect(check.stdout).toContain('✓ overall: score 54.7 ≥ 50');
  });

  test('init in the project points the answers file at the installed schema, relative to it', () => {
    expect(npx(['init']).status).toBe(0);
    const text = readFileSync(join(app, 'service-audit-answers.yaml'), 'utf8');
    expect(text.split('\n')[0]).toBe(
      '# yaml-language-server: $schema=node_modules/service-audit/schemas/answers.schema.json',
    );
  });

  test('an edited built-in bank is read from its YAML, not from the stale compiled copy', () => {
    const yamlFile = join(app, 'node_modules', 'service-audit', 'questions', 'service-readiness.yaml');
    writeFileSync(
      yamlFile,
      readFileSync(yamlFile, 'utf8').replace('title: Service readiness audit', 'title: Edited audit'),
    );
    expect(npx(['bank']).stdout).toMatch(/^Edited audit \(service-readiness@2, built-in bank\)/);
  });
});
