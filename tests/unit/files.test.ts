import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  linkSync,
  lstatSync,
  readFileSync,
  readdirSync,
  statSync,
  symlinkSync,
  truncateSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  FileChangedError,
  MAX_INPUT_BYTES,
  firstInvalidUtf8,
  readUserFile,
  stampOf,
  writeAtomic,
  writeGuarded,
} from '../../src/cli/files.js';
import { guardOutput } from '../../src/cli/files.js';
import type { Io } from '../../src/cli/io.js';
import { InputError, UsageError, formatProblem } from '../../src/errors.js';
import { tempDir } from '../helpers.js';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

const posix = process.platform !== 'win32';
const read = (name: string) => readUserFile(tmp.dir, name, 'answers file', 'check the path');
const problemOf = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    if (e instanceof InputError) return e.problems.map(formatProblem).join('\n');
    if (e instanceof UsageError) return `error: ${e.message}`;
    throw e;
  }
  throw new Error('no error');
};

describe('reading a file the user named', () => {
  test('a regular file and a symlink to one are read, with the hash of the bytes', () => {
    tmp.write('a.yaml', 'bank: x@1\n');
    symlinkSync('a.yaml', join(tmp.dir, 'link.yaml'));
    const a = read('a.yaml');
    expect(a.text).toBe('bank: x@1\n');
    expect(a.sha256).toBe(createHash('sha256').update('bank: x@1\n').digest('hex'));
    expect(read('link.yaml').sha256).toBe(a.sha256);
    expect(a.stamp).toEqual({ sha256: a.sha256, mtimeMs: statSync(join(tmp.dir, 'a.yaml')).mtimeMs });
  });

  test.runIf(posix)('a device is refused before it is read (/dev/zero would grow without end)', () => {
    expect(problemOf(() => readUserFile('/', '/dev/zero', 'answers file', 'check the path'))).toBe(
      '/dev/zero:1:1  answers file is a character device, not a regular file — give the path of a regular file (save the content to a file first)',
    );
    expect(problemOf(() => readUserFile('/', '/dev/urandom', 'bank file', 'check the path'))).toMatch(
      /^\/dev\/urandom:1:1 {2}bank file is a character device, not a regular file/,
    );
  });

  test.runIf(posix)('a FIFO is refused at once instead of waiting for a writer forever', () => {
    execFileSync('mkfifo', [join(tmp.dir, 'fifo')]);
    expect(problemOf(() => read('fifo'))).toBe(
      'fifo:1:1  answers file is a pipe (FIFO), not a regular file — give the path of a regular file (save the content to a file first)',
    );
  });

  test('a file over 10 MiB is refused, saying the limit, before it is read', () => {
    const big = tmp.write('big.yaml', '');
    truncateSync(big, MAX_INPUT_BYTES + 1);
    expect(problemOf(() => read('big.yaml'))).toBe(
      'big.yaml:1:1  answers file is larger than 10 MiB, the most service-audit reads — check the path: a bank, answers or config file is far smaller',
    );
    truncateSync(big, MAX_INPUT_BYTES);
    expect(read('big.yaml').text.length).toBe(MAX_INPUT_BYTES);
  });

  test('an empty path is named as such, not as a folder', () => {
    expect(problemOf(() => read(''))).toBe('error: the answers file name is empty; check the path');
  });

  test('a folder, a missing file', () => {
    expect(problemOf(() => read('.'))).toBe('.:1:1  answers file is a folder, not a file — check the path');
    expect(problemOf(() => read('nope.yaml'))).toBe('nope.yaml:1:1  answers file not found — check the path');
  });

  test('Latin-1 bytes are a located error, never saved as U+FFFD', () => {
    writeFileSync(
      join(tmp.dir, 'l1.yaml'),
      Buffer.concat([Buffer.from('bank: x@1\norganization: Caf'), Buffer.from([0xe9]), Buffer.from(' Ü\n')]),
    );
    expect(problemOf(() => read('l1.yaml'))).toBe(
      'l1.yaml:2:18  the file is not valid UTF-8 (byte 0xE9) — save it as UTF-8 (it looks like Latin-1 or Windows-1252); most editors offer this under "Save with encoding"',
    );
    writeFileSync(join(tmp.dir, 'ok.yaml'), 'organization: Café Ü 😀\n');
    expect(read('ok.yaml').text).toBe('organization: Café Ü 😀\n');
  });

  test.each([
    [[0x41, 0x42], -1],
    [[0xc3, 0xa9], -1],
    [[0xf0, 0x9f, 0x98, 0x80], -1],
    [[0x41, 0xe9, 0x41], 1],
    [[0x41, 0xc3], 1],
    [[0xc0, 0x80], 0],
    [[0xed, 0xa0, 0x80], 0],
    [[0xf4, 0x90, 0x80, 0x80], 0],
    [[0xe0, 0x80, 0x80], 0],
    [[0xff], 0],
  ])('firstInvalidUtf8(%j) is %i', (bytes, at) => {
    expect(firstInvalidUtf8(Uint8Array.from(bytes))).toBe(at);
  });
});

describe('writing', () => {
  test.runIf(posix)('through a symlink to its target: the link stays a link and the target keeps mode 0600', () => {
    const real = tmp.write('real.yaml', 'old\n');
    chmodSync(real, 0o600);
    symlinkSync('real.yaml', join(tmp.dir, 'link.yaml'));
    writeAtomic(tmp.dir, 'link.yaml', 'new\n');
    expect(lstatSync(join(tmp.dir, 'link.yaml')).isSymbolicLink()).toBe(true);
    expect(readFileSync(real, 'utf8')).toBe('new\n');
    expect(statSync(real).mode & 0o777).toBe(0o600);
    expect(readdirSync(tmp.dir).sort()).toEqual(['link.yaml', 'real.yaml']);
  });

  test.runIf(posix)('a dangling symlink is written through: its target is created', () => {
    symlinkSync('made.yaml', join(tmp.dir, 'link.yaml'));
    writeAtomic(tmp.dir, 'link.yaml', 'x\n');
    expect(lstatSync(join(tmp.dir, 'link.yaml')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(tmp.dir, 'made.yaml'), 'utf8')).toBe('x\n');
  });

  test('a failed write names the file and leaves no temporary file', () => {
    expect(problemOf(() => writeAtomic(tmp.dir, 'no/such/a.yaml', 'x'))).toBe(
      'no/such/a.yaml:1:1  cannot write the file (its folder does not exist) — choose a path in a folder that exists and that you may write to',
    );
    expect(readdirSync(tmp.dir)).toEqual([]);
  });
});

describe('two writers on one file', () => {
  test('a guarded write goes through while the file is as it was read, and returns the next stamp', () => {
    tmp.write('a.yaml', 'one\n');
    let { stamp } = read('a.yaml');
    stamp = writeGuarded(tmp.dir, 'a.yaml', 'two\n', stamp);
    stamp = writeGuarded(tmp.dir, 'a.yaml', 'three\n', stamp);
    expect(readFileSync(join(tmp.dir, 'a.yaml'), 'utf8')).toBe('three\n');
    expect(stamp.sha256).toBe(read('a.yaml').sha256);
  });

  test('a change by someone else since the read is never overwritten', () => {
    tmp.write('a.yaml', 'one\n');
    const { stamp } = read('a.yaml');
    tmp.write('a.yaml', 'edited by hand\n');
    let err: unknown;
    try {
      writeGuarded(tmp.dir, 'a.yaml', 'two\n', stamp);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(FileChangedError);
    expect(formatProblem((err as FileChangedError).problems[0]!)).toBe(
      'a.yaml:1:1  was changed by another program (another audit or an editor) since service-audit read it; nothing was written — run the command again: it reads the file as it is now and continues from there',
    );
    expect((err as FileChangedError).current.sha256).toBe(read('a.yaml').sha256);
    expect(readFileSync(join(tmp.dir, 'a.yaml'), 'utf8')).toBe('edited by hand\n');
    expect(readdirSync(tmp.dir)).toEqual(['a.yaml']);
  });

  test('merging: read again for a fresh stamp, then the write goes through', () => {
    tmp.write('a.yaml', 'one\n');
    const first = read('a.yaml').stamp;
    tmp.write('a.yaml', 'two\n');
    expect(() => writeGuarded(tmp.dir, 'a.yaml', 'mine\n', first)).toThrow(FileChangedError);
    const again = read('a.yaml');
    writeGuarded(tmp.dir, 'a.yaml', `${again.text}mine\n`, again.stamp);
    expect(readFileSync(join(tmp.dir, 'a.yaml'), 'utf8')).toBe('two\nmine\n');
  });

  test('a file created, or removed, since the start is not overwritten; one only touched is', () => {
    const none = stampOf(tmp.dir, 'new.yaml');
    expect(none).toEqual({ sha256: null, mtimeMs: null });
    tmp.write('new.yaml', 'someone else\n');
    expect(() => writeGuarded(tmp.dir, 'new.yaml', 'x\n', none)).toThrow(FileChangedError);
    const s = stampOf(tmp.dir, 'new.yaml');
    unlinkSync(join(tmp.dir, 'new.yaml'));
    expect(problemOf(() => writeGuarded(tmp.dir, 'new.yaml', 'x\n', s))).toMatch(
      /^new\.yaml:1:1 {2}was removed since service-audit read it; nothing was written/,
    );
    tmp.write('t.yaml', 'same\n');
    const t = stampOf(tmp.dir, 't.yaml');
    utimesSync(join(tmp.dir, 't.yaml'), new Date(2001, 1, 1), new Date(2001, 1, 1));
    writeGuarded(tmp.dir, 't.yaml', 'next\n', t);
    expect(readFileSync(join(tmp.dir, 't.yaml'), 'utf8')).toBe('next\n');
  });
});

describe('never writing over an input', () => {
  const io = () => ({ cwd: tmp.dir }) as Io;
  test.runIf(posix)('an output that is an input through a symlink or a hard link is refused', () => {
    tmp.write('real.yaml', 'x');
    symlinkSync('real.yaml', join(tmp.dir, 'link.yaml'));
    linkSync(join(tmp.dir, 'real.yaml'), join(tmp.dir, 'hard.yaml'));
    expect(() => guardOutput(io(), 'real.yaml', ['link.yaml'])).toThrow(
      '--out real.yaml is the input file link.yaml; nothing was written',
    );
    expect(() => guardOutput(io(), 'link.yaml', ['real.yaml'])).toThrow(UsageError);
    expect(() => guardOutput(io(), 'hard.yaml', ['real.yaml'])).toThrow(UsageError);
    expect(() => guardOutput(io(), './sub/../real.yaml', ['real.yaml'])).toThrow(UsageError);
    expect(() => guardOutput(io(), 'other.md', ['real.yaml', undefined])).not.toThrow();
  });
});
