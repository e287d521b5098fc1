import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import type { Io } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { CLI_CASES, expectCase, runInProcess } from '../cli-cases.js';

// main(argv, io) in-process: the one place errors become output and an exit code.
function io(overrides: Partial<Io> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const value: Io = {
    stdout: { write: (s: string) => out.push(s) },
    stderr: { write: (s: string) => err.push(s) },
    stdin: process.stdin,
    env: {},
    cwd: fileURLToPath(new URL('../../', import.meta.url)),
    version: '9.9.9',
    builtinBank: fileURLToPath(new URL('../../questions/service-readiness.yaml', import.meta.url)),
    today: () => '2026-11-23',
    ...overrides,
  };
  return { value, out: () => out.join(''), err: () => err.join('') };
}

describe('main', () => {
  // The shared table in-process; tests/e2e/cli-cases.test.ts runs it through the built binary.
  test.each(CLI_CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    expectCase(c, await runInProcess(c));
  });

  test('an unexpected failure is reported as a bug with its trace, exit 70', async () => {
    const x = io({
      stdout: {
        write: () => {
          throw new Error('disk on fire');
        },
      },
    });
    expect(await main(['bank'], x.value)).toBe(70);
    expect(x.err()).toMatch(
      /^internal error: disk on fire\nThis is a bug in service-audit; please report it at https:\/\/github\.com\/service-audit\/service-audit\/issues with the command you ran and this trace:\nError: disk on fire\n\s+at /,
    );
  });
});
