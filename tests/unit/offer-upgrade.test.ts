import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { parseBank } from '../../src/bank/parse.js';
import type { Io } from '../../src/cli/io.js';
import { offerUpgrade } from '../../src/cli/upgrade.js';
import { MINI_BANK_V2, tempDir, V1_ANSWERS } from '../helpers.js';

const bank = parseBank('mini-v2.yaml', MINI_BANK_V2).bank!;
let tmp: ReturnType<typeof tempDir>;
let out: string[];
let io: Io;
beforeEach(() => {
  tmp = tempDir();
  out = [];
  io = {
    stdout: { write: (s: string) => out.push(s) },
    stderr: { write: () => true },
    stdin: process.stdin,
    env: {},
    cwd: tmp.dir,
    version: '9.9.9',
    builtinBank: fileURLToPath(new URL('../../questions/service-readiness.yaml', import.meta.url)),
    today: () => '2026-11-24',
  };
});
afterEach(() => tmp.cleanup());

test('the audit opening an older file asks first; yes upgrades it with a backup', async () => {
  const file = tmp.write('a.yaml', V1_ANSWERS);
  const asked: string[] = [];
  expect(
    await offerUpgrade(
      io,
      {
        confirm: async (m) => {
          asked.push(m);
          return true;
        },
      },
      'a.yaml',
      bank,
      undefined,
      'mini@1',
    ),
  ).toBe(true);
  expect(asked).toEqual(['a.yaml was answered against mini@1. Upgrade it to mini@2 now (a backup is kept)?']);
  expect(readFileSync(`${file}.bak`, 'utf8')).toBe(V1_ANSWERS);
  expect(readFileSync(file, 'utf8')).toMatch(/^bank: mini@2$/m);
  expect(out.join('')).toContain('Upgraded a.yaml from mini@1 to mini@2');
});

test('no leaves the file exactly as it was, and says how to upgrade later', async () => {
  const file = tmp.write('a.yaml', V1_ANSWERS);
  expect(await offerUpgrade(io, { confirm: async () => false }, 'a.yaml', bank, undefined, 'mini@1')).toBe(false);
  expect(readFileSync(file, 'utf8')).toBe(V1_ANSWERS);
  expect(existsSync(join(tmp.dir, 'a.yaml.bak'))).toBe(false);
  expect(out.join('')).toBe('Nothing changed. To upgrade later: service-audit upgrade a.yaml\n');
});
