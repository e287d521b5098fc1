// Where collected responses go, and how no time of day survives on disk. A file's ctime and birth
// time (which no program can set) and its inode number would say which response came when, and
// so, to someone who watched who tapped Send, whose it is. So each response is made durable at
// once in a hidden spool (responses/.pending/), and written out as its own file only in shuffled
// batches: every file of a batch is created at the same moment, in random order. The spool is
// emptied at each batch and at stop; a crash leaves it to be written out at the next start.
import { randomBytes, randomInt } from 'node:crypto';
import { mkdirSync, readdirSync, rmdirSync, unlinkSync } from 'node:fs';
import { link, open, readdir, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { LockHeld, takeLock } from './lock.js';

const PENDING = '.pending';
const LOCK = '.collect.lock';
const RESPONSE = /^response-[0-9a-f]{16}\.yaml$/;
const TEMP = /^\.response-[0-9a-f]{16}\.yaml\.tmp$/;

/** Another collector is writing to this folder. */
export class FolderInUse extends Error {
  constructor(readonly pid: number) {
    super(`another collect (process ${pid}) is using this folder`);
  }
}

const ignoreMissing = (e: unknown) => {
  if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
};

/**
 * Writes `text` as a new file in `dir` under a free random name: a temporary file, its times set
 * to the day's midnight, fsync, then a hard link (which never replaces another file). The
 * temporary file is removed whatever happens.
 */
async function writeNew(dir: string, text: string, day: string): Promise<string> {
  for (;;) {
    const name = `response-${randomBytes(8).toString('hex')}.yaml`;
    const tmp = join(dir, `.${name}.tmp`);
    try {
      const fh = await open(tmp, 'wx', 0o644);
      try {
        await fh.writeFile(text);
        const midnight = new Date(`${day}T00:00:00`);
        await fh.utimes(midnight, midnight);
        await fh.sync();
      } finally {
        await fh.close();
      }
      await link(tmp, join(dir, name));
      return name;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    } finally {
      await unlink(tmp).catch(ignoreMissing);
    }
  }
}

/** fsync a folder, so new names survive a power cut (a folder cannot be opened for it on Windows). */
async function syncDir(dir: string): Promise<void> {
  try {
    const fh = await open(dir, 'r');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  } catch {
    /* the links are still atomic; only their durability across a power cut is the OS's */
  }
}

function shuffle<T>(xs: T[]): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
  return xs;
}

export interface ResponseStore {
  /** Saves one response durably (in the spool); resolves once it is on disk. */
  save(text: string, day: string): Promise<void>;
  /** Writes out every response still in the spool, shuffled, and releases the folder. */
  close(day: string): Promise<void>;
}

/**
 * Opens the responses folder for one collector: takes its lock (refusing while another live
 * collector holds it; a dead one's lock is taken over, so a crash cannot leave it stuck), writes
 * out what a crash left in the spool, and removes temporary files a crash left behind.
 */
export async function openStore(
  dir: string,
  o: { batch: number; today: string; onError?: (message: string) => void },
): Promise<ResponseStore> {
  let lock: ReturnType<typeof takeLock>;
  try {
    lock = takeLock(join(dir, LOCK));
  } catch (e) {
    if (e instanceof LockHeld) throw new FolderInUse(e.holder.pid);
    throw e;
  }
  const pending = join(dir, PENDING);
  mkdirSync(pending, { recursive: true });
  for (const d of [dir, pending]) for (const f of readdirSync(d)) if (TEMP.test(f)) unlinkSync(join(d, f));

  let queue: Promise<void> = Promise.resolve();
  let waiting = 0;
  /** Writes out the spool's responses as files of their own, in random order; one flush at a time. */
  const flush = (day: string) =>
    (queue = queue
      .catch(() => undefined)
      .then(async () => {
        const names = shuffle((await readdir(pending)).filter((f) => RESPONSE.test(f)));
        for (const name of names) {
          await writeNew(dir, await readFile(join(pending, name), 'utf8'), day);
          await unlink(join(pending, name));
        }
        await syncDir(dir);
        await syncDir(pending);
      }));
  await flush(o.today);

  return {
    async save(text, day) {
      await writeNew(pending, text, day);
      await syncDir(pending);
      // The response is durable now; its batch is written out behind the request, not in its way.
      if (++waiting >= o.batch) {
        waiting = 0;
        flush(day).catch((e: unknown) =>
          o.onError?.(
            `responses stay in the spool until the next batch or stop (${(e as NodeJS.ErrnoException).code ?? String(e)})`,
          ),
        );
      }
    },
    async close(day) {
      try {
        await flush(day);
        rmdirSync(pending);
      } finally {
        lock.release();
      }
    },
  };
}
