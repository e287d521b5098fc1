// Where collected responses go, and how nothing on disk orders or times them. A file's ctime and
// birth time (which no program can set) and its inode number would say which response came when,
// and so, to someone who watched who tapped Send, whose it is. So no response gets a file of its
// own while the pulse runs: every response is kept in ONE spool file (responses/.collect-spool),
// rewritten whole, in a new random order, each time responses are added (several at once when
// they arrive together), fsynced before the person is told "saved". At stop every response is
// written out as a file of its own, all together, in random order, with the day's midnight as
// their modification time; then the folder is sealed (see seal.ts) and the spool removed. A crash
// leaves the spool, which the next start on the folder takes up again: a response is written out
// under a name made from its random id, so writing out twice never makes two files.
import { randomBytes, randomInt } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, unlinkSync } from 'node:fs';
import { link, open, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { LockHeld, takeLock } from './lock.js';
import { readSeal, SEAL_FILE, sealText, type Seal } from './seal.js';

export const SPOOL = '.collect-spool';
const SPOOL_TMP = `${SPOOL}.tmp`;
const LOCK = '.collect.lock';
const TEMP = /^\.response-[0-9a-f]{16}\.yaml\.tmp$/;
/** A response's random id: 64 bits, as 16 hex digits. Its file is response-<id>.yaml. */
export const RESPONSE_ID = /^[0-9a-f]{16}$/;
export const newResponseId = () => randomBytes(8).toString('hex');
export const responseName = (id: string) => `response-${id}.yaml`;

/** Another collector is writing to this folder. */
export class FolderInUse extends Error {
  constructor(readonly pid: number) {
    super(`another collect (process ${pid}) is using this folder`);
  }
}

/** The folder holds a closed pulse: collecting into it again would change what was sealed. */
export class FolderSealed extends Error {
  constructor(readonly seal: Seal) {
    super('the folder holds a closed pulse');
  }
}

/** The responses could not be written out at stop; every one of them is still in the spool (when `kept`). */
export class WriteOutFailed extends Error {
  constructor(
    readonly code: string,
    readonly count: number,
    readonly kept: boolean,
  ) {
    super(`the responses could not be written out (${code})`);
  }
}

const errCode = (e: unknown) => (e as NodeJS.ErrnoException).code ?? String((e as Error).message ?? e);

export function shuffle<T>(xs: T[]): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
  return xs;
}

/** What the spool holds: the run's key (so forms and the "sent" mark survive a restart), unused one-time codes (hashes), responses. */
export interface SpoolState {
  key: string;
  codes: string[];
  responses: { id: string; text: string }[];
}

/** The spool as text: responses and codes in a fresh random order each time. Pure but for the shuffle. */
export function spoolText(s: SpoolState): string {
  return `${JSON.stringify({ v: 1, key: s.key, codes: [...s.codes].sort(), responses: shuffle([...s.responses]) })}\n`;
}

/** Reads a spool back; undefined when the text is not one (never a half-written one: it is replaced by rename). */
export function parseSpool(text: string): SpoolState | undefined {
  try {
    const j = JSON.parse(text) as Partial<SpoolState> & { v?: number };
    if (j.v !== 1 || typeof j.key !== 'string' || !Array.isArray(j.codes) || !Array.isArray(j.responses))
      return undefined;
    const responses = j.responses.filter(
      (r): r is { id: string; text: string } =>
        typeof r?.id === 'string' && RESPONSE_ID.test(r.id) && typeof r.text === 'string',
    );
    return { key: j.key, codes: j.codes.filter((c): c is string => typeof c === 'string'), responses };
  } catch {
    return undefined;
  }
}

/** How many responses wait in a folder's spool (a collect that was stopped by a crash); 0 when none. */
export function spooledCount(dir: string): number {
  try {
    return parseSpool(readFileSync(join(dir, SPOOL), 'utf8'))?.responses.length ?? 0;
  } catch {
    return 0;
  }
}

const midnightOf = (day: string) => new Date(`${day}T00:00:00`);

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
    /* the renames and links are still atomic; only their durability across a power cut is the OS's */
  }
}

async function writeSynced(path: string, text: string, day: string, flag: string): Promise<void> {
  const fh = await open(path, flag, 0o600);
  try {
    await fh.writeFile(text);
    await fh.utimes(midnightOf(day), midnightOf(day));
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/**
 * Writes one response out under its id's name: a temporary file (times set to the day's
 * midnight, fsynced), then a hard link, which never replaces a file: when the name exists the
 * response was written out before a crash, and it is left as it is. The temporary file is removed
 * whatever happens.
 */
async function writeOut(dir: string, id: string, text: string, day: string): Promise<void> {
  const name = responseName(id);
  const tmp = join(dir, `.${name}.tmp`);
  try {
    await writeSynced(tmp, text, day, 'w');
    await link(tmp, join(dir, name)).catch((e: unknown) => {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    });
  } finally {
    await unlink(tmp).catch(() => undefined);
  }
}

export interface ResponseStore {
  /** The run's secret key (random; kept in the spool so a restart after a crash keeps the same forms valid). */
  key: Buffer;
  /** Responses kept so far in this pulse (a restarted one included). */
  count(): number;
  /** Whether an unused one-time code has this hash. */
  hasCode(hash: string): boolean;
  /** Whether any one-time code is unused (a pulse with codes, restarted after a crash). */
  hasAnyCode(): boolean;
  /**
   * Keeps one response durably; resolves once it is on disk. With `code`, that code is used up
   * in the same write (so a response and its code go together, crash or not); rejects with
   * 'code-used' when it is not (or no longer) an unused code.
   */
  save(id: string, text: string, code?: string): Promise<void>;
  /** Adds one-time codes (hashes), durably. */
  addCodes(hashes: readonly string[]): Promise<void>;
  /** Writes out every response as its own file, seals the folder, removes the spool, releases the folder. */
  close(day: string): Promise<Seal>;
  /** Releases the folder without writing anything out (the spool stays, for the next start). */
  release(): void;
}

/**
 * Opens the responses folder for one collector: takes its lock (refusing while another live
 * collector holds it; a dead one's lock is taken over, so a crash cannot leave it stuck), refuses a
 * sealed folder, and takes up what a crash left in the spool.
 */
export async function openStore(dir: string, o: { today: string }): Promise<ResponseStore> {
  const seal = readSeal(dir);
  if (seal) throw new FolderSealed(seal);
  let lock: ReturnType<typeof takeLock>;
  try {
    lock = takeLock(join(dir, LOCK));
  } catch (e) {
    if (e instanceof LockHeld) throw new FolderInUse(e.holder.pid);
    throw e;
  }
  const release = () => {
    try {
      lock.release();
    } catch {
      /* the folder is gone: nothing to release */
    }
  };
  let state: SpoolState;
  try {
    for (const f of readdirSync(dir)) if (TEMP.test(f) || f === SPOOL_TMP) unlinkSync(join(dir, f));
    let text: string | undefined;
    try {
      text = readFileSync(join(dir, SPOOL), 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    const found = text === undefined ? undefined : parseSpool(text);
    if (text !== undefined && !found)
      throw Object.assign(new Error(`${SPOOL} is not a spool this collect wrote`), { code: 'EBADSPOOL' });
    state = found ?? { key: randomBytes(32).toString('base64url'), codes: [], responses: [] };
  } catch (e) {
    release();
    throw e;
  }
  const codes = new Set(state.codes);
  /** Codes being used by a write in flight: not usable twice, given back if the write fails. */
  const taking = new Set<string>();

  const persist = async (s: SpoolState) => {
    const tmp = join(dir, SPOOL_TMP);
    await writeSynced(tmp, spoolText(s), o.today, 'w');
    await rename(tmp, join(dir, SPOOL));
    await syncDir(dir);
  };
  // Group commit: what arrives while the spool is being written goes into the next write together.
  type Waiter = {
    entry?: { id: string; text: string };
    code?: string;
    add?: readonly string[];
    done(e?: unknown): void;
  };
  let queue: Waiter[] = [];
  let writing = false;
  const run = async () => {
    writing = true;
    while (queue.length > 0) {
      const batch = queue;
      queue = [];
      const nextCodes = new Set(codes);
      for (const w of batch) {
        if (w.code !== undefined) nextCodes.delete(w.code);
        for (const h of w.add ?? []) nextCodes.add(h);
      }
      const next: SpoolState = {
        key: state.key,
        codes: [...nextCodes],
        responses: [...state.responses, ...batch.flatMap((w) => (w.entry ? [w.entry] : []))],
      };
      try {
        await persist(next);
        state = next;
        codes.clear();
        for (const c of nextCodes) codes.add(c);
        for (const w of batch) w.done();
      } catch (e) {
        for (const w of batch) w.done(e);
      } finally {
        for (const w of batch) if (w.code !== undefined) taking.delete(w.code);
      }
    }
    writing = false;
  };
  const enqueue = (w: Omit<Waiter, 'done'>) =>
    new Promise<void>((resolve, reject) => {
      queue.push({ ...w, done: (e) => (e === undefined ? resolve() : reject(e)) });
      if (!writing) void run();
    });

  return {
    key: Buffer.from(state.key, 'base64url'),
    count: () => state.responses.length,
    hasCode: (h) => codes.has(h) && !taking.has(h),
    hasAnyCode: () => codes.size > 0,
    save(id, text, code) {
      if (code !== undefined) {
        if (!codes.has(code) || taking.has(code)) return Promise.reject(new Error('code-used'));
        taking.add(code);
      }
      return enqueue({ entry: { id, text }, ...(code !== undefined && { code }) });
    },
    addCodes: (add) => enqueue({ add }),
    async close(day) {
      while (writing) await new Promise((r) => setTimeout(r, 5));
      const all = state.responses;
      try {
        // The folder may have vanished while collecting: every response is still in memory.
        mkdirSync(dir, { recursive: true });
        for (const r of shuffle([...all])) await writeOut(dir, r.id, r.text, day);
        await syncDir(dir);
        const s = sealText(dir, day);
        await writeSynced(join(dir, `.${SEAL_FILE}.tmp`), s.text, day, 'w');
        await rename(join(dir, `.${SEAL_FILE}.tmp`), join(dir, SEAL_FILE));
        await unlink(join(dir, SPOOL)).catch(() => undefined);
        await syncDir(dir);
        release();
        return s.seal;
      } catch (e) {
        // Nothing is lost: the spool was written before each response was acknowledged. If the
        // folder vanished, the spool goes back where it was, when it can.
        let kept = true;
        try {
          readFileSync(join(dir, SPOOL));
        } catch {
          kept = await persist(state).then(
            () => true,
            () => false,
          );
        }
        release();
        throw new WriteOutFailed(errCode(e), all.length, kept);
      }
    },
    release,
  };
}
