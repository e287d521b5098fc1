import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = fileURLToPath(new URL('../../dist/service-audit.cjs', import.meta.url));
export const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));
/**
 * The built-in bank as it was at version 1, frozen: the answers fixtures were given against it, and
 * tests that pin scores use it so that they test the scoring, not the wording of today's bank.
 */
export const V1_BANK = join(FIXTURES, 'service-readiness-v1.yaml');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Where the binaries the tests run keep their code cache: the folder tests/global-setup.ts made
 * for this test run, never the developer's own ~/.cache.
 */
export const TEST_CACHE = process.env.SERVICE_AUDIT_TEST_CACHE ?? join(tmpdir(), 'service-audit-test-cache');

/** Runs the built binary as a user would, with a clean environment (no colour, not on GitHub). */
export function cli(args: string[], o: { cwd?: string; env?: Record<string, string>; input?: string } = {}): Run {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '/tmp',
    XDG_CACHE_HOME: TEST_CACHE,
    ...o.env,
  };
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: o.cwd ?? ROOT,
    env,
    input: o.input ?? '',
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A user error never shows a stack trace. */
export const NO_STACK = /^\s+at .+[:(]\d+/m;

/**
 * npm as a command and its first arguments, run without a shell: Node with npm's own script.
 * On Windows npm is npm.cmd, which Node (20.12+) refuses to spawn without a shell.
 */
export function npmCommand(): [string, string[]] {
  const fromNpm = process.env.npm_execpath; // set when the tests run under `npm test`
  const scripts = [
    ...(fromNpm && /\.c?js$/.test(fromNpm) ? [fromNpm] : []),
    join(dirname(process.execPath), 'node_modules', 'npm', 'bin', 'npm-cli.js'), // Windows installs
    join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js'), // Unix installs
  ];
  const script = scripts.find((f) => existsSync(f));
  return script ? [process.execPath, [script]] : ['npm', []];
}
