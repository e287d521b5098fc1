// A lock file that says who holds a folder, robust to the two ways a pid-only lock fails:
//
// - A reused pid. After a crash, the pid in the lock may later belong to an unrelated live
//   process, which blocked the folder until someone deleted the lock. The lock records the
//   holder's start time (from /proc, on Linux) and the boot it started in: a live process with
//   that pid but another start time, or another boot, is not the holder, and the lock is stale.
// - A check-then-act gap in the takeover. Two starters that both find a stale lock must not both
//   delete it (the second would delete the first one's fresh lock). The lock is created whole in
//   one step (a hard link of a complete temporary file, so it is never seen empty), and a stale
//   lock is taken over only by the one starter that creates the marker named after its inode (a
//   hard link, which fails for everyone else); the marker proves that the file about to be removed
//   is still the stale one that was judged.
import { randomBytes } from 'node:crypto';
import { linkSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';

/** Who holds a lock, as written in it. */
export interface LockHolder {
  pid: number;
  /** Random; tells this holder from any other, whatever its pid. */
  token: string;
  /** The process's start time (clock ticks since boot, from /proc/PID/stat), or null where unknown. */
  start: string | null;
  /** The boot the process started in (/proc/sys/kernel/random/boot_id), or null where unknown. */
  boot: string | null;
  host: string;
}

/** What the lock needs to know of the system; tests pass their own. */
export interface LockSystem {
  pid: number;
  host: string;
  bootId(): string | null;
  /** A process's start time, or null when it cannot be told (no /proc, or no such process). */
  startOf(pid: number): string | null;
  /** A process's command line, or null when it cannot be told. */
  commandOf(pid: number): string | null;
  alive(pid: number): boolean;
  /** Called between judging a lock stale and taking it over (tests use it to race). */
  beforeTakeover?(): void;
}

const readOr = (path: string): string | null => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
};

/** The start time of a process: field 22 of /proc/PID/stat (counted after the command, which may hold spaces). */
export function startFromStat(stat: string): string | null {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields[19] ?? null;
}

/** This machine, as the lock sees it. */
export const SYSTEM: LockSystem = {
  pid: process.pid,
  host: hostname(),
  bootId: () => readOr('/proc/sys/kernel/random/boot_id')?.trim() || null,
  startOf: (pid) => {
    const stat = readOr(`/proc/${pid}/stat`);
    return stat === null ? null : startFromStat(stat);
  },
  commandOf: (pid) => readOr(`/proc/${pid}/cmdline`)?.replace(/\0/g, ' ') ?? null,
  alive: (pid) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch (e) {
      return (e as NodeJS.ErrnoException).code === 'EPERM';
    }
  },
};

/** Reads a lock's text: the JSON holder, or an older lock's bare pid (token, start and boot unknown). */
export function parseLock(text: string): LockHolder | null {
  const bare = text.trim();
  if (/^\d+$/.test(bare)) return { pid: Number(bare), token: '', start: null, boot: null, host: '' };
  try {
    const h = JSON.parse(text) as Partial<LockHolder>;
    if (typeof h.pid !== 'number' || !Number.isInteger(h.pid) || h.pid <= 0 || typeof h.token !== 'string') return null;
    return {
      pid: h.pid,
      token: h.token,
      start: typeof h.start === 'string' ? h.start : null,
      boot: typeof h.boot === 'string' ? h.boot : null,
      host: typeof h.host === 'string' ? h.host : '',
    };
  } catch {
    return null;
  }
}

/** Whether the holder named in a lock still runs. A lock written on another machine cannot be judged: held. */
export function holderRuns(h: LockHolder, sys: LockSystem): boolean {
  if (h.host !== '' && h.host !== sys.host) return true;
  if (!sys.alive(h.pid)) return false;
  const boot = sys.bootId();
  if (h.boot !== null && boot !== null && h.boot !== boot) return false;
  const start = sys.startOf(h.pid);
  if (h.start !== null && start !== null) return h.start === start;
  // An older lock (a bare pid): its process is ours only if its command line says so.
  const command = h.start === null ? sys.commandOf(h.pid) : null;
  return command === null || /service-audit|collect/.test(command);
}

/** The folder is held by a process that still runs. */
export class LockHeld extends Error {
  constructor(readonly holder: LockHolder) {
    super(`held by process ${holder.pid}`);
  }
}

const code = (e: unknown) => (e as NodeJS.ErrnoException).code;

/**
 * Takes the lock at `path`, or throws LockHeld naming the process that holds it. A lock whose
 * holder no longer runs (dead, its pid reused, another boot) is taken over atomically. Returns a
 * function that releases the lock (only if it is still this holder's).
 */
export function takeLock(path: string, sys: LockSystem = SYSTEM): { holder: LockHolder; release(): void } {
  const holder: LockHolder = {
    pid: sys.pid,
    token: randomBytes(12).toString('hex'),
    start: sys.startOf(sys.pid),
    boot: sys.bootId(),
    host: sys.host,
  };
  const text = `${JSON.stringify(holder)}\n`;
  const tmp = `${path}.${holder.token}.tmp`;
  writeFileSync(tmp, text, { flag: 'wx' });
  try {
    for (let attempt = 0; ; attempt++) {
      if (attempt > 50) throw new LockHeld(parseLock(readOr(path) ?? '') ?? holder);
      try {
        linkSync(tmp, path);
        break;
      } catch (e) {
        if (code(e) !== 'EEXIST') throw e;
      }
      takeOverIfStale(path, sys);
    }
  } finally {
    unlinkSync(tmp);
  }
  return {
    holder,
    release() {
      if (parseLock(readOr(path) ?? '')?.token === holder.token) unlinkSync(path);
    },
  };
}

/** Removes the lock at `path` if its holder no longer runs; throws LockHeld if it does. */
function takeOverIfStale(path: string, sys: LockSystem): void {
  let ino: number;
  let seen: string | null;
  try {
    ino = statSync(path).ino;
    seen = readOr(path);
  } catch (e) {
    if (code(e) === 'ENOENT') return; // released meanwhile: try to create it again
    throw e;
  }
  if (seen === null) return;
  const h = parseLock(seen);
  if (h !== null && holderRuns(h, sys)) throw new LockHeld(h);
  sys.beforeTakeover?.();
  // Only one starter can create this name; it names the inode, which cannot be reused while linked.
  const marker = `${path}.stale-${ino}`;
  try {
    linkSync(path, marker);
  } catch (e) {
    if (code(e) === 'ENOENT') return;
    if (code(e) !== 'EEXIST') throw e;
    // Another starter is taking it over, or crashed doing so: a marker older than a few seconds is left over.
    try {
      if (Date.now() - statSync(marker).ctimeMs > 5000) unlinkSync(marker);
    } catch {
      /* gone already */
    }
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
    return;
  }
  try {
    // The lock we linked must be the one judged stale (same inode, same text); else it is a fresh lock.
    if (statSync(marker).ino === ino && readOr(marker) === seen && statSync(path).ino === ino) unlinkSync(path);
  } catch (e) {
    if (code(e) !== 'ENOENT') throw e;
  } finally {
    unlinkSync(marker);
  }
}
