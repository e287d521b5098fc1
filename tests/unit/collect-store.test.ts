import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { readSeal, sealChanges } from '../../src/collect/seal.js';
import { FolderInUse, FolderSealed, openStore, parseSpool, SPOOL, spoolText } from '../../src/collect/store.js';
import { tempDir } from '../helpers.js';

const written = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.yaml'));
const id = (n: number) => n.toString(16).padStart(16, '0');
const DAY = '2026-11-24';

describe('the responses store: one spool, no file of its own per response until stop', () => {
  let t = tempDir();
  afterEach(() => {
    t.cleanup();
    t = tempDir();
  });

  test('while collecting, the folder holds only the spool and the lock, whatever arrived; each response is in the spool once saved', async () => {
    const store = await openStore(t.dir, { today: DAY });
    for (let i = 0; i < 7; i++) await store.save(id(i), `n: ${i}\n`);
    expect(readdirSync(t.dir).sort()).toEqual(['.collect-spool', '.collect.lock']);
    expect(parseSpool(readFileSync(join(t.dir, SPOOL), 'utf8'))!.responses).toHaveLength(7);
    expect(statSync(join(t.dir, SPOOL)).mtime.getHours()).toBe(0);
    const seal = await store.close(DAY);
    expect(written(t.dir)).toHaveLength(7);
    expect(readdirSync(t.dir).filter((f) => !f.endsWith('.yaml'))).toEqual(['pulse-seal.json']);
    expect(seal.responses).toBe(7);
    for (const f of written(t.dir)) expect(statSync(join(t.dir, f)).mtime.getHours()).toBe(0);
  });

  test('responses arriving together are written in one go, each acknowledged only once on disk', async () => {
    const store = await openStore(t.dir, { today: DAY });
    await Promise.all(Array.from({ length: 30 }, (_, i) => store.save(id(i), `n: ${i}\n`)));
    expect(parseSpool(readFileSync(join(t.dir, SPOOL), 'utf8'))!.responses).toHaveLength(30);
    expect(store.count()).toBe(30);
    await store.close(DAY);
  });

  test('the spool never keeps the order responses came in (attack 2: the spool timed and ordered every response)', async () => {
    const store = await openStore(t.dir, { today: DAY });
    for (let i = 0; i < 20; i++) await store.save(id(i), `n: ${i}\n`);
    const order = parseSpool(readFileSync(join(t.dir, SPOOL), 'utf8'))!.responses.map((r) => Number(r.text.slice(3)));
    // 20! orders: the chance that the shuffle gives back the sending order is about 4e-19.
    expect(order).not.toEqual([...Array(20).keys()]);
    expect(spoolText({ key: 'k', codes: [], responses: [] })).not.toMatch(/\d{2}:\d{2}/);
    await store.close(DAY);
  });

  test('neither file names nor inode numbers follow the order responses were sent in', async () => {
    const store = await openStore(t.dir, { today: DAY });
    for (let i = 0; i < 20; i++) await store.save(id(i), `n: ${i}\n`);
    await store.close(DAY);
    const byInode = written(t.dir)
      .map((f) => ({ ino: statSync(join(t.dir, f)).ino, n: Number(readFileSync(join(t.dir, f), 'utf8').slice(3)) }))
      .sort((a, b) => a.ino - b.ino)
      .map((x) => x.n);
    expect(byInode).toHaveLength(20);
    expect(byInode).not.toEqual([...Array(20).keys()]);
  });

  test('a live collector holds the folder; a dead one’s lock and spool are taken up at the next start, and written out once (attack 7)', async () => {
    const first = await openStore(t.dir, { today: DAY });
    await expect(openStore(t.dir, { today: DAY })).rejects.toBeInstanceOf(FolderInUse);
    await first.save(id(1), 'a: 1\n');
    // As a crash during a write-out leaves it: the lock of a process that is gone, the spool,
    // one response already written out, a temporary file.
    writeFileSync(join(t.dir, '.collect.lock'), '2147483646\n');
    writeFileSync(join(t.dir, `response-${id(1)}.yaml`), 'a: 1\n');
    writeFileSync(join(t.dir, '.response-0123456789abcdef.yaml.tmp'), 'half');
    const next = await openStore(t.dir, { today: DAY });
    expect(next.count()).toBe(1);
    await next.save(id(2), 'a: 2\n');
    await next.close(DAY);
    expect(written(t.dir).sort()).toEqual([`response-${id(1)}.yaml`, `response-${id(2)}.yaml`]);
    expect(existsSync(join(t.dir, '.collect.lock'))).toBe(false);
    expect(existsSync(join(t.dir, SPOOL))).toBe(false);
  });

  test('a code goes with its response in one write: used once, never twice, however many try at once', async () => {
    const store = await openStore(t.dir, { today: DAY });
    await store.addCodes(['h1']);
    const tries = await Promise.allSettled([store.save(id(1), 'a\n', 'h1'), store.save(id(2), 'b\n', 'h1')]);
    expect(tries.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(store.hasCode('h1')).toBe(false);
    const spool = readFileSync(join(t.dir, SPOOL), 'utf8');
    expect(parseSpool(spool)!.codes).toEqual([]);
    await expect(store.save(id(3), 'c\n', 'h1')).rejects.toThrow('code-used');
    await store.close(DAY);
  });

  test('a closed pulse is sealed: collecting into it again is refused, and a change is named', async () => {
    const store = await openStore(t.dir, { today: DAY });
    await store.save(id(1), 'a\n');
    await store.save(id(2), 'b\n');
    await store.close(DAY);
    const seal = readSeal(t.dir)!;
    expect(sealChanges(t.dir, seal)).toEqual([]);
    await expect(openStore(t.dir, { today: DAY })).rejects.toBeInstanceOf(FolderSealed);
    writeFileSync(join(t.dir, 'copy.yaml'), 'a\n');
    writeFileSync(join(t.dir, `response-${id(2)}.yaml`), 'changed\n');
    expect(sealChanges(t.dir, seal)).toEqual(['copy.yaml was added', `response-${id(2)}.yaml was changed`]);
  });
});
