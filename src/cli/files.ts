import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync, unlinkSync, copyFileSync, existsSync } from 'node:fs';
import { dirname, basename, join, resolve } from 'node:path';
import { InputError } from '../errors.js';

/** The text of a file the user named, or an InputError naming it and saying what to do. */
export function readUserFile(cwd: string, file: string, what: string, hint: string): { text: string; sha256: string } {
  let buf: Buffer;
  try {
    buf = readFileSync(resolve(cwd, file));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? `${what} not found` : code === 'EISDIR' ? `${what} is a folder, not a file` : code === 'EACCES' ? `${what} cannot be read (permission denied)` : `${what} cannot be read (${code ?? String(e)})`;
    throw new InputError([{ file, line: 1, col: 1, message: why, fix: hint }]);
  }
  return { text: buf.toString('utf8'), sha256: createHash('sha256').update(buf).digest('hex') };
}

/**
 * Writes a file atomically: a temporary file beside it, then a rename, so a crash or Ctrl+C
 * at any moment leaves either the old file or the new one, never half of one.
 */
export function writeAtomic(cwd: string, file: string, text: string): string {
  const target = resolve(cwd, file);
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, text, 'utf8');
    renameSync(tmp, target);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      /* the temp file was never created */
    }
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError([{ file, line: 1, col: 1, message: `cannot write the file (${code ?? String(e)})`, fix: 'choose a path in a folder that exists and that you may write to' }]);
  }
  return target;
}

/** Copies a file to a free `.bak` name beside it and returns that name. */
export function backupFile(cwd: string, file: string): string {
  const target = resolve(cwd, file);
  let n = 0;
  let backup = `${target}.bak`;
  while (existsSync(backup)) backup = `${target}.${++n}.bak`;
  copyFileSync(target, backup);
  return backup;
}

export function fileExists(cwd: string, file: string): boolean {
  return existsSync(resolve(cwd, file));
}
