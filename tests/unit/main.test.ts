import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import type { Io } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { builtinNotice } from '../helpers.js';

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
  test.each([
    [['--version'], 0, '9.9.9\n', ''],
    [['validate', 'questions/service-readiness.yaml'], 0, 'questions/service-readiness.yaml: valid (bank file)\n', builtinNotice()],
    [['validate', 'missing.yaml'], 2, '', 'missing.yaml:1:1  file not found — check the path\n'],
    [['report', '--answers', 'nope.yaml'], 2, '', 'nope.yaml:1:1  answers file not found — check the path, or create one with `service-audit init` or the interactive audit\n'],
    [['nonsense'], 2, '', "error: unknown command 'nonsense'; run service-audit --help to see the commands\n"],
    [['check', '--answers', 'tests/fixtures/partial.yaml'], 1, undefined, ''],
  ])('%j → exit %i', async (argv, code, stdout, stderr) => {
    const x = io();
    expect(await main(argv, x.value)).toBe(code);
    if (stdout !== undefined) expect(x.out()).toBe(stdout);
    expect(x.err()).toBe(stderr);
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
    expect(x.err()).toMatch(/^internal error: disk on fire\nThis is a bug in service-audit; please report it at https:\/\/github\.com\/service-audit\/service-audit\/issues with the command you ran and this trace:\nError: disk on fire\n\s+at /);
  });
});
