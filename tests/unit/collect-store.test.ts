import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { FolderInUse, openStore } from '../../src/collect/store.js';
import { tempDir } from '../helpers.js';

const written = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.yaml'));
const pending = (dir: string) => (existsSync(join(dir, '.pending')) ? written(join(dir, '.pending')) : []);

describe('the responses store: durable at once, written out in shuffled batches', () => {
  let t = tempDir();
  afterEach(() => {
    t.cleanup();
    t = tempDir();
  });

  test('each response is on disk as soon as it is saved; files appear only a whole batch at a time', async () => {
    const store = await openStore(t.dir, { batch: 3, today: '2026-11-24' });
    await store.save('a: 1\n', '2026-11-24');
    await store.save('a: 2\n', '2026-11-24');
    expect([written(t.dir).length, pending(t.dir).length]).toEqual([0, 2]);
    await store.save('a: 3\n', '2026-11-24');
    // The batch is written out behind the save; it is complete once the folder shows all three.
    await expect.poll(() => [written(t.dir).length, pending(t.dir).length]).toEqual([3, 0]);
    await store.save('a: 4\n', '2026-11-24');
    await store.close('2026-11-24');
    expect(written(t.dir).length).toBe(4);
    expect(readdirSync(t.dir).filter((f) => !f.endsWith('.yaml'))).toEqual([]);
    for (const f of written(t.dir)) expect(statSync(join(t.dir, f)).mtime.getHours()).toBe(0);
  });

  test('neither file names nor inode numbers follow the order responses were sent in', async () => {
    const store = await openStore(t.dir, { batch: 20, today: '2026-11-24' });
    for (let i = 0; i < 20; i++) await store.save(`n: ${i}\n`, '2026-11-24');
    await expect.poll(() => written(t.dir).length).toBe(20);
    const byInode = written(t.dir)
      .map((f) => ({ ino: statSync(join(t.dir, f)).ino, n: Number(readFileSync(join(t.dir, f), 'utf8').slice(3)) }))
      .sort((a, b) => a.ino - b.ino)
      .map((x) => x.n);
    expect(byInode).toHaveLength(20);
    // 20! orders: the chance that the shuffle gives back the sending order is about 4e-19.
    expect(byInode).not.toEqual([...Array(20).keys()]);
    await store.close('2026-11-24');
  });

  test('a live collector holds the folder; a dead one’s lock and spool are taken over at the next start', async () => {
    const first = await openStore(t.dir, { batch: 5, today: '2026-11-24' });
    await expect(openStore(t.dir, { batch: 5, today: '2026-11-24' })).rejects.toBeInstanceOf(FolderInUse);
    await first.save('a: 1\n', '2026-11-24');
    // As a crash leaves it: the lock of a process that is gone, a response in the spool, a temporary file.
    writeFileSync(join(t.dir, '.collect.lock'), '2147483646\n');
    writeFileSync(join(t.dir, '.pending', '.response-0123456789abcdef.yaml.tmp'), 'half');
    const next = await openStore(t.dir, { batch: 5, today: '2026-11-24' });
    expect(written(t.dir).length).toBe(1);
    expect(pending(t.dir)).toEqual([]);
    expect(readdirSync(join(t.dir, '.pending'))).toEqual([]);
    await next.close('2026-11-24');
    expect(existsSync(join(t.dir, '.collect.lock'))).toBe(false);
  });
});
