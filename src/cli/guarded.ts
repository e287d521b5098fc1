// A file the program reads, then rewrites again and again while someone else may change it too
// (the answers file during an audit, the plan file during `plan`). Every write is atomic and
// guarded by the stamp of what was last read or written; a write that finds the file changed
// reads it again, merges three ways (what we last knew, what we want, what is there now) and
// tries again. A real conflict stops with the merge's problems: nobody's change is overwritten.
import { FileChangedError, readUserFile, writeGuarded, type FileStamp } from './files.js';

/** How one kind of file is written, read back and merged. */
export interface GuardedKind<T> {
  /** What the file is, in messages ("answers file", "plan file"). */
  what: string;
  /** What to do when the file cannot be read, in messages. */
  hint: string;
  render(value: T): string;
  /** The value of the file's text as it is now on disk; throws InputError when it cannot be used. */
  read(text: string): T;
  /**
   * Three-way merge: `base` as this writer last knew the file, `ours` what it wants to write,
   * `theirs` the file now. Throws InputError naming each thing both sides changed differently.
   */
  merge(base: T, ours: T, theirs: T): T;
  /** What the file held when it was removed meanwhile: `ours` is then written whole. */
  empty(ours: T): T;
}

/** The file as this writer last read or wrote it. */
export interface Known<T> {
  stamp: FileStamp;
  value: T;
}

/** The stamp of a file not yet written. */
export const NO_FILE: FileStamp = { sha256: null, mtimeMs: null };

/** How many times a write that keeps finding the file changed merges and tries again. */
const ATTEMPTS = 3;

/** One file kept in step with the disk: `write` saves, merging what others changed since. */
export class GuardedFile<T> {
  constructor(
    private readonly cwd: string,
    readonly file: string,
    private readonly kind: GuardedKind<T>,
    public known: Known<T>,
  ) {}

  /** Takes in what changed on disk since `known`; throws when both sides changed the same thing. */
  mergeWithDisk(ours: T): T {
    const now = readUserFile(this.cwd, this.file, this.kind.what, this.kind.hint);
    const theirs = this.kind.read(now.text);
    const merged = this.kind.merge(this.known.value, ours, theirs);
    this.known = { stamp: now.stamp, value: theirs };
    return merged;
  }

  /** Writes `next` (merged with any change made meanwhile) and returns what was written. */
  write(next: T): T {
    let value = next;
    // A write that finds the file changed merges and tries again; a third writer racing every
    // time is told so rather than looped on.
    for (let attempt = 0; ; attempt++) {
      try {
        const stamp = writeGuarded(this.cwd, this.file, this.kind.render(value), this.known.stamp);
        this.known = { stamp, value };
        return value;
      } catch (e) {
        if (!(e instanceof FileChangedError) || attempt >= ATTEMPTS) throw e;
        // Removed meanwhile: written again with everything this writer knows.
        if (e.current.sha256 === null) this.known = { stamp: e.current, value: this.kind.empty(value) };
        else value = this.mergeWithDisk(value);
      }
    }
  }
}
