import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { LockHeld, type LockSystem, parseLock, startFromStat, SYSTEM, takeLock } from '../../src/collect/lock.js';
import { FolderInUse, openStore } from '../../src/collect/store.js';
import { tempDir } from '../helpers.js';

// Issue 22 item 8: a lock naming a live, unrelated process (a pid reused after a crash) blocked
// the folder until someone deleted it, and the stale-lock takeover had a check-then-act gap.

let t: ReturnType<typeof tempDir>;
let lockPath: string;
beforeEach(() => {
  t = tempDir();
  lockPath = join(t.dir, '.collect.lock');
});
afterEach(() => t.cleanup());

/** A system where the given pids run, each with its start time. */
const fakeSystem = (pid: number, running: Record<number, string>, extra: Partial<LockSystem> = {}): LockSystem => ({
  pid,
  host: 'here',
  bootId: () => 'boot-1',
  startOf: (p) => running[p] ?? null,
  commandOf: () => null,
  alive: (p) => p in running,
  ...extra,
});

describe('the collect lock (issue 22 item 8)', () => {
  test('a lock naming a live process that is not its holder (a reused pid) is taken over', async () => {
    // The pid of a process that runs now (our parent), with a start time that is not its own.
    writeFileSync(
      lockPath,
      JSON.stringify({ pid: process.ppid, token: 'old', start: '1', boot: SYSTEM.bootId(), host: SYSTEM.host }),
    );
    const store = await openStore(t.dir, { today: '2026-11-24' });
    expect(parseLock(readFileSync(lockPath, 'utf8'))?.pid).toBe(process.pid);
    await store.close('2026-11-24');
    expect(existsSync(lockPath)).toBe(false);
  });

  test('an older lock (a bare pid) naming a live process that is not a collector is taken over', async () => {
    const sleeper = spawn('sleep', ['30']);
    try {
      writeFileSync(lockPath, `${sleeper.pid}\n`);
      const store = await openStore(t.dir, { today: '2026-11-24' });
      await store.close('2026-11-24');
    } finally {
      sleeper.kill();
    }
  });

  test('a live holder keeps the folder; a lock of another boot does not', async () => {
    const first = await openStore(t.dir, { today: '2026-11-24' });
    await expect(openStore(t.dir, { today: '2026-11-24' })).rejects.toEqual(new FolderInUse(process.pid));
    await first.close('2026-11-24');
    const sys = fakeSystem(7, { 5: '100', 7: '200' });
    writeFileSync(lockPath, JSON.stringify({ pid: 5, token: 'x', start: '100', boot: 'boot-0', host: 'here' }));
    takeLock(lockPath, sys).release();
    writeFileSync(lockPath, JSON.stringify({ pid: 5, token: 'x', start: '100', boot: 'boot-1', host: 'here' }));
    expect(() => takeLock(lockPath, sys)).toThrow(LockHeld);
  });

  test('two starters racing for one stale lock: the slower one never removes the winner’s fresh lock', () => {
    writeFileSync(lockPath, JSON.stringify({ pid: 3, token: 'dead', start: '1', boot: 'boot-1', host: 'here' }));
    let winner: ReturnType<typeof takeLock> | undefined;
    // Process 8 judges the lock stale; before it acts, process 9 takes the lock over completely.
    const slow = fakeSystem(
      8,
      { 8: '80', 9: '90' },
      { beforeTakeover: () => (winner ??= takeLock(lockPath, fakeSystem(9, { 8: '80', 9: '90' }))) },
    );
    expect(() => takeLock(lockPath, slow)).toThrow(LockHeld);
    expect(parseLock(readFileSync(lockPath, 'utf8'))).toMatchObject({ pid: 9, token: winner!.holder.token });
    winner!.release();
    // Nothing is left behind: no marker, no temporary file.
    expect(readdirSync(t.dir)).toEqual([]);
  });

  test('the start time is read after the command name, which may hold spaces and parentheses', () => {
    const stat = '8796 (a (b) c) R 8792 8792 13383 0 -1 4194304 146 0 0 0 0 0 0 0 20 0 1 0 300270 4063232 539';
    expect(startFromStat(stat)).toBe('300270');
  });
});
