// An internal error's trace names the TypeScript sources (issue 17, item 7): the bundles are
// minified, so the bin reads the source maps shipped beside them (dist/*.cjs.map), only when it
// reports an internal error. Induced without a test hook: a compiled built-in bank whose hash
// matches the YAML but whose content is not a bank, which the CLI trusts and crashes on.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { tempDir } from '../helpers.js';
import { ROOT } from './cli-helpers.js';

let tmp: ReturnType<typeof tempDir>;
beforeAll(() => {
  tmp = tempDir();
  cpSync(join(ROOT, 'dist'), join(tmp.dir, 'dist'), { recursive: true });
  cpSync(join(ROOT, 'questions'), join(tmp.dir, 'questions'), { recursive: true });
  const yaml = readFileSync(join(tmp.dir, 'questions', 'service-readiness.yaml'));
  const sha256 = createHash('sha256').update(yaml).digest('hex');
  writeFileSync(
    join(tmp.dir, 'dist', 'builtin-bank.json'),
    JSON.stringify({ sha256, bank: { id: 'x', version: 1, title: 'not a bank' } }),
  );
});
afterAll(() => tmp.cleanup());

const bank = (env: Record<string, string>) =>
  spawnSync(process.execPath, [join(tmp.dir, 'dist', 'service-audit.cjs'), 'bank'], {
    cwd: tmp.dir,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', XDG_CACHE_HOME: join(tmp.dir, 'cache'), ...env },
  });

describe('an internal error names src/*.ts files and lines', () => {
  test.each([
    ['through the code-cache loader (node:vm)', {}],
    ['loaded by Node itself (code cache off)', { NODE_DISABLE_COMPILE_CACHE: '1' }],
  ])('%s', (_how, env) => {
    const r = bank(env);
    expect(r.status).toBe(70);
    expect(r.stderr).toMatch(/^internal error: /);
    const frames = r.stderr.split('\n').filter((l) => /^\s+at /.test(l));
    // The frame that threw is the renderer of the outline; its line is the one that reads the areas.
    const top = frames[0]?.match(/\((src\/[\w/.-]+\.ts):(\d+):(\d+)\)$/);
    expect(top?.[1]).toBe('src/bank/formats.ts');
    const line = readFileSync(join(ROOT, top![1]!), 'utf8').split('\n')[Number(top![2]) - 1];
    expect(line).toContain('.areas');
    expect(frames.some((f) => f.includes('src/cli/main.ts:'))).toBe(true);
    expect(r.stderr).not.toMatch(/cli\.cjs:\d+:\d+/);
  });
});
