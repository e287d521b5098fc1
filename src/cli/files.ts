// How the program reads the files a user names and writes the reports and answers files it makes.
// (Two writers follow rules of their own: src/collect/store.ts writes pulse responses, and check
// appends to GitHub's job summary in src/cli/commands/check.ts.)
//
// Reading: regular files only (a symlink to one is fine), at most MAX_INPUT_BYTES, valid UTF-8.
// A device (/dev/zero), a FIFO or a huge file is refused before anything is read.
//
// Writing: atomically (a temporary file in the target's folder, fsync, rename), so a crash leaves
// the old file or the new one, never half of one. A symlink is written through to its target (the
// link stays a link) and the target keeps its mode (0600 stays 0600).
//
// Two writers: a file the program reads and later rewrites (the answers file of the audit) is
// guarded by the FileStamp of what it last read or wrote. A guarded write refuses with a
// FileChangedError when the file on disk no longer matches, so another audit or a hand edit is
// never overwritten silently. To merge instead: catch FileChangedError, read the file again
// (readUserFile gives a fresh stamp), merge, and write with that stamp.
//
//   let { text, stamp } = readUserFile(cwd, file, 'answers file', hint);   // or stampOf() for a new file
//   stamp = writeGuarded(cwd, file, next, stamp);                          // after every answer
import { createHash } from 'node:crypto';
import {
  closeSync,
  constants,
  copyFileSync,
  existsSync,
  fchmodSync,
  fstatSync,
  fsyncSync,
  lstatSync,
  openSync,
  readlinkSync,
  readSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
  type Stats,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError, UsageError, type Problem } from '../errors.js';
import type { Io } from './io.js';

/** The largest file read. Banks, answers and configs are a few hundred KiB at most. */
export const MAX_INPUT_BYTES = 10 * 1024 * 1024;

/** What a file held when the program last read or wrote it; a guarded write compares the disk with it. */
export interface FileStamp {
  /** SHA-256 of the bytes, or null when there was no file. */
  sha256: string | null;
  /** Modification time (ms), or null when there was no file. */
  mtimeMs: number | null;
}

/** A file's text with the hash of its bytes and its stamp. */
export interface ReadFile {
  text: string;
  sha256: string;
  stamp: FileStamp;
}

const sha = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');

/** What a non-regular file is, in words. */
function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a folder';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isFIFO()) return 'a pipe (FIFO)';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

const MIB = (n: number) => `${Number((n / 1024 / 1024).toFixed(1))} MiB`;

/** Why a file could not be opened, by error code. */
const OPEN_ERRORS: Record<string, string> = {
  ENOENT: 'not found',
  EISDIR: 'is a folder, not a file',
  EACCES: 'cannot be read (permission denied)',
  EPERM: 'cannot be read (permission denied)',
  ENOTDIR: 'not found (a part of the path is not a folder)',
  ELOOP: 'cannot be read (too many symbolic links)',
  ENAMETOOLONG: 'cannot be read (the path is too long)',
};

/** The offset of the first byte that is not part of valid UTF-8, or -1. */
export function firstInvalidUtf8(buf: Uint8Array): number {
  const n = buf.length;
  let i = 0;
  while (i < n) {
    const b = buf[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : 0;
    if (need === 0 || i + need >= n) return i;
    const b1 = buf[i + 1]!;
    // Overlong forms, UTF-16 surrogates and code points above U+10FFFF.
    if (
      (b === 0xe0 && b1 < 0xa0) ||
      (b === 0xed && b1 > 0x9f) ||
      (b === 0xf0 && b1 < 0x90) ||
      (b === 0xf4 && b1 > 0x8f)
    )
      return i;
    for (let k = 1; k <= need; k++) if ((buf[i + k]! & 0xc0) !== 0x80) return i;
    i += need + 1;
  }
  return -1;
}

/** Where a byte offset stands as line and column (columns count characters). */
function byteLineCol(buf: Uint8Array, offset: number): { line: number; col: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset; i++) {
    if (buf[i] === 0x0a) {
      line++;
      start = i + 1;
    }
  }
  return { line, col: [...Buffer.from(buf.subarray(start, offset)).toString('utf8')].length + 1 };
}

/** Decodes UTF-8 strictly: a byte that is not UTF-8 is a located problem, never a silent U+FFFD. */
function decodeUtf8(file: string, buf: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    const at = firstInvalidUtf8(buf);
    const pos = byteLineCol(buf, Math.max(0, at));
    const byte = at >= 0 ? ` (byte 0x${buf[at]!.toString(16).toUpperCase().padStart(2, '0')})` : '';
    throw new InputError([
      {
        file,
        ...pos,
        message: `the file is not valid UTF-8${byte}`,
        fix: 'save it as UTF-8 (it looks like Latin-1 or Windows-1252); most editors offer this under "Save with encoding"',
      },
    ]);
  }
}

/** The bytes of a regular file (symlinks followed) of at most MAX_INPUT_BYTES, with its modification time. */
function readBytes(cwd: string, file: string, what: string, hint: string): { bytes: Buffer; mtimeMs: number } {
  if (file === '') throw new UsageError(`the ${what} name is empty; ${hint}`);
  const problem = (message: string, fix = hint): InputError =>
    new InputError([{ file, line: 1, col: 1, message: `${what} ${message}`, fix }]);
  let fd: number;
  try {
    // Non-blocking, so that opening a FIFO with no writer cannot hang; it is refused just below.
    fd = openSync(resolve(cwd, file), constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    throw problem(OPEN_ERRORS[code] ?? `cannot be read (${code})`);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile())
      throw problem(
        st.isDirectory() ? 'is a folder, not a file' : `is ${kindOf(st)}, not a regular file`,
        st.isDirectory() ? hint : 'give the path of a regular file (save the content to a file first)',
      );
    const tooBig = () =>
      problem(
        `is larger than ${MIB(MAX_INPUT_BYTES)}, the most service-audit reads`,
        'check the path: a bank, answers or config file is far smaller',
      );
    if (st.size > MAX_INPUT_BYTES) throw tooBig();
    // Read at most one byte past the limit: a file that grew since fstat is still refused.
    const buf = Buffer.allocUnsafe(Math.min(st.size, MAX_INPUT_BYTES) + 1);
    let len = 0;
    for (;;) {
      let n: number;
      try {
        n = readSync(fd, buf, len, buf.length - len, null);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code ?? String(e);
        throw problem(code === 'EISDIR' ? 'is a folder, not a file' : `cannot be read (${code})`);
      }
      if (n === 0) break;
      len += n;
      if (len === buf.length) {
        if (len > MAX_INPUT_BYTES) throw tooBig();
        break;
      }
    }
    return { bytes: buf.subarray(0, len), mtimeMs: st.mtimeMs };
  } finally {
    closeSync(fd);
  }
}

/**
 * The text of a file the user named, with its hash and stamp, or an InputError naming it and
 * saying what to do. Regular files only (symlinks followed), at most 10 MiB, valid UTF-8: a
 * device, a FIFO or a huge file is refused before a byte is read.
 */
export function readUserFile(cwd: string, file: string, what: string, hint: string): ReadFile {
  const { bytes, mtimeMs } = readBytes(cwd, file, what, hint);
  const digest = sha(bytes);
  return { text: decodeUtf8(file, bytes), sha256: digest, stamp: { sha256: digest, mtimeMs } };
}

/** The stamp of a file as it is on disk now: for a file about to be created, `{ sha256: null }`. */
export function stampOf(cwd: string, file: string): FileStamp {
  try {
    const { bytes, mtimeMs } = readBytes(cwd, file, 'file', 'check the path');
    return { sha256: sha(bytes), mtimeMs };
  } catch (e) {
    if (e instanceof InputError && !existsSync(resolve(cwd, file))) return { sha256: null, mtimeMs: null };
    throw e;
  }
}

/**
 * The file a path finally names: symlinks followed, even a dangling one (whose target will be
 * created). Two paths name the same file exactly when their real paths are equal.
 */
export function realTarget(cwd: string, file: string): string {
  let path = resolve(cwd, file);
  for (let hops = 0; hops < 40; hops++) {
    try {
      return realpathSync(path);
    } catch {
      /* missing, or a dangling link: follow it by hand below */
    }
    let st: Stats;
    try {
      st = lstatSync(path);
    } catch {
      // Not there at all: the folder's real path plus the name.
      try {
        return join(realpathSync(dirname(path)), basename(path));
      } catch {
        return path;
      }
    }
    if (!st.isSymbolicLink()) return path;
    path = resolve(dirname(path), readlinkSync(path));
  }
  return path;
}

/** The one message of a file changed on disk by someone else. */
export class FileChangedError extends InputError {
  constructor(
    readonly file: string,
    /** The stamp of the file as it is now. */
    readonly current: FileStamp,
  ) {
    super([
      {
        file,
        line: 1,
        col: 1,
        message:
          current.sha256 === null
            ? 'was removed since service-audit read it; nothing was written'
            : 'was changed by another program (another audit or an editor) since service-audit read it; nothing was written',
        fix: 'run the command again: it reads the file as it is now and continues from there',
      },
    ]);
    this.name = 'FileChangedError';
  }
}

/** How long to wait before retrying a rename Windows refused (a virus scanner or indexer holds the file). */
const RENAME_RETRIES_MS = [10, 30, 60, 120, 250];

/** Renames, retrying on Windows while another program holds the file (EPERM, EBUSY, EACCES). */
export function renameRetrying(
  from: string,
  to: string,
  rename: (from: string, to: string) => void = renameSync,
  platform: NodeJS.Platform = process.platform,
): void {
  for (let i = 0; ; i++) {
    try {
      rename(from, to);
      return;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const wait = RENAME_RETRIES_MS[i];
      if (platform !== 'win32' || (code !== 'EPERM' && code !== 'EBUSY' && code !== 'EACCES') || wait === undefined)
        throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, wait);
    }
  }
}

let tmpCounter = 0;

/** Writes bytes to `target` atomically, keeping an existing target's mode; returns the new stamp. */
function replaceFile(target: string, text: string, check?: () => void): FileStamp {
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.${++tmpCounter}.tmp`);
  let mode: number | undefined;
  try {
    mode = statSync(target).mode & 0o7777;
  } catch {
    /* a new file: the default mode (umask applies) */
  }
  const fd = openSync(tmp, 'wx', mode ?? 0o666);
  let renamed = false;
  try {
    const bytes = Buffer.from(text, 'utf8');
    let off = 0;
    while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
    // openSync's mode is masked by the umask; the target's own mode is kept exactly.
    if (mode !== undefined) fchmodSync(fd, mode);
    fsyncSync(fd);
    const mtimeMs = fstatSync(fd).mtimeMs;
    closeSync(fd);
    check?.();
    renameRetrying(tmp, target);
    renamed = true;
    syncFolder(dirname(target));
    return { sha256: sha(bytes), mtimeMs };
  } finally {
    if (!renamed) {
      try {
        closeSync(fd);
      } catch {
        /* already closed */
      }
      try {
        unlinkSync(tmp);
      } catch {
        /* never created */
      }
    }
  }
}

/** Makes a rename durable (best effort: Windows cannot open a folder for fsync). */
function syncFolder(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    /* not supported here */
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The InputError for a write that failed, naming the file. */
function writeProblem(file: string, e: unknown): InputError {
  if (e instanceof InputError) return e;
  const code = (e as NodeJS.ErrnoException).code;
  const why: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    ENOSPC: 'the disk is full',
    EROFS: 'the file system is read-only',
    ENOENT: 'its folder does not exist',
    EISDIR: 'it is a folder',
    ENAMETOOLONG: 'the name is too long',
  };
  const p: Problem = {
    file,
    line: 1,
    col: 1,
    message: `cannot write the file (${why[code ?? ''] ?? code ?? String(e)})`,
    fix: 'choose a path in a folder that exists and that you may write to',
  };
  return new InputError([p]);
}

/**
 * Writes a file atomically (temporary file in the target's folder, fsync, rename): a crash or
 * Ctrl+C at any moment leaves either the old file or the new one, never half of one. Writes
 * through a symlink to its target and keeps the target's mode. Returns the path written.
 */
export function writeAtomic(cwd: string, file: string, text: string): string {
  try {
    replaceFile(realTarget(cwd, file), text);
  } catch (e) {
    throw writeProblem(file, e);
  }
  return resolve(cwd, file);
}

/**
 * As writeAtomic, but only when the file on disk still matches `since` (the stamp of what the
 * program last read or wrote); otherwise nothing is written and FileChangedError is thrown. The
 * content decides: a file touched but not changed is written. Returns the stamp to pass next time.
 */
export function writeGuarded(cwd: string, file: string, text: string, since: FileStamp): FileStamp {
  const target = realTarget(cwd, file);
  const check = () => {
    const now = stampOf(cwd, file);
    if (now.sha256 !== since.sha256) throw new FileChangedError(file, now);
  };
  try {
    // Checked just before the rename, so the window for a lost edit is the rename itself.
    return replaceFile(target, text, check);
  } catch (e) {
    throw writeProblem(file, e);
  }
}

/**
 * Copies a file to a free `.bak` name beside it and returns that name. A backup that cannot be
 * written (a read-only folder, a full disk) is an InputError naming the file: nothing was changed.
 */
export function backupFile(cwd: string, file: string): string {
  const target = resolve(cwd, file);
  let n = 0;
  let backup = `${target}.bak`;
  for (;;) {
    try {
      copyFileSync(target, backup, constants.COPYFILE_EXCL);
      return backup;
    } catch (e) {
      // Taken since (another upgrade made one): the next free name.
      if ((e as NodeJS.ErrnoException).code === 'EEXIST' && n < 1000) {
        backup = `${target}.${++n}.bak`;
        continue;
      }
      const p = writeProblem(file, e).problems[0]!;
      throw new InputError([
        {
          ...p,
          message: `${p.message.replace('cannot write the file', `cannot write its backup ${basename(backup)}`)}; nothing was changed`,
          fix: 'make its folder writable, or copy the file to a folder you may write to and run the command there',
        },
      ]);
    }
  }
}

/** Whether a path names an existing file (or folder). */
export function fileExists(cwd: string, file: string): boolean {
  return file !== '' && existsSync(resolve(cwd, file));
}

/**
 * Refuses to write a report over one of the files it was made from. Paths are compared as real
 * paths (symlinks followed) and as files (a hard link is the same file), so no spelling of an
 * input's path can destroy it.
 */
export function guardOutput(io: Io, out: string | undefined, inputs: readonly (string | undefined)[]): void {
  if (out === undefined) return;
  const target = realTarget(io.cwd, out);
  const id = fileId(target);
  const clash = inputs.find((f) => {
    if (f === undefined || f === '') return false;
    const real = realTarget(io.cwd, f);
    if (real === target) return true;
    const other = fileId(real);
    return id !== undefined && other !== undefined && id === other;
  });
  if (clash)
    throw new UsageError(
      `--out ${out} is the input file ${clash}; nothing was written. Choose another file for the output.`,
    );
}

/** Device and inode of an existing file, to recognise a hard link. */
function fileId(path: string): string | undefined {
  try {
    const st = statSync(path);
    return st.ino === 0 ? undefined : `${st.dev}:${st.ino}`;
  } catch {
    return undefined;
  }
}
