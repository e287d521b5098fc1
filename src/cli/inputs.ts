import { type Dirent, readdirSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Problem } from '../errors.js';

/** One file of a pool, as the user will see it named, and the real file it is. */
export interface PoolFile {
  /** The path as shown: relative to the working folder when inside it. */
  shown: string;
  real: string;
}

/** The file names a folder or a glob picks up: answers files and CSV exports. */
const POOL_FILE = /\.(ya?ml|csv)$/i;
const GLOB_CHARS = /[*?[]/;

/** A glob segment as a regular expression: `*` and `?` within one name, `[abc]` a class. */
function segmentRegex(seg: string): RegExp {
  let re = '';
  for (let i = 0; i < seg.length; i++) {
    const c = seg[i]!;
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = seg.indexOf(']', i + 1);
      if (end < 0) re += '\\[';
      else {
        const body = seg
          .slice(i + 1, end)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\');
        re += `[${body}]`;
        i = end;
      }
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

const isDir = (p: string) => {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
};

const list = (dir: string) => {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((d) => !d.name.startsWith('.'))
      .map((d) => d.name)
      .sort();
  } catch {
    return [];
  }
};

/**
 * Expands a glob (`*`, `?`, `[…]` within a name, `**` across folders) by walking the folders
 * it names; hidden files and folders are skipped, as shells do. Node 20 has no fs.glob, and
 * this small walker saves a dependency.
 */
function expandGlob(cwd: string, pattern: string): string[] {
  const abs = isAbsolute(pattern);
  const parts = pattern.split(/[\\/]+/).filter((p, i) => p !== '' || i === 0);
  let bases = [abs ? sep : cwd];
  let i = abs ? 1 : 0;
  // Walk the literal prefix directly.
  while (i < parts.length && !GLOB_CHARS.test(parts[i]!)) bases = [join(bases[0]!, parts[i++]!)];
  const seen = new Set<string>();
  const walk = (dir: string, k: number, out: string[]) => {
    if (k === parts.length) {
      out.push(dir);
      return;
    }
    const seg = parts[k]!;
    if (seg === '**') {
      walk(dir, k + 1, out);
      let real: string;
      try {
        real = realpathSync(dir);
      } catch {
        return;
      }
      // A symlink loop would otherwise be walked forever.
      if (seen.has(`${real}\u0000${k}`)) return;
      seen.add(`${real}\u0000${k}`);
      for (const name of list(dir)) if (isDir(join(dir, name))) walk(join(dir, name), k, out);
      return;
    }
    if (!GLOB_CHARS.test(seg)) {
      walk(join(dir, seg), k + 1, out);
      return;
    }
    const re = segmentRegex(seg);
    for (const name of list(dir)) if (re.test(name)) walk(join(dir, name), k + 1, out);
  };
  const out: string[] = [];
  for (const b of bases) walk(b, i, out);
  return out.filter((p) => !isDir(p)).sort();
}

/**
 * Every pool file in a folder and the folders below it (hidden ones skipped, symlink loops cut),
 * with its real path. The folder's entries say their own type, so a plain file costs no stat and
 * no realpath (its real path is its real folder's and its name); only symlinks are followed.
 */
function expandFolder(dir: string): { path: string; real?: string }[] {
  const out: { path: string; real?: string }[] = [];
  const seen = new Set<string>();
  const walk = (d: string) => {
    let real: string;
    try {
      real = realpathSync(d);
    } catch {
      return;
    }
    if (seen.has(real)) return;
    seen.add(real);
    let entries: Dirent[];
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.filter((x) => !x.name.startsWith('.')).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(d, e.name);
      if (e.isDirectory() || (e.isSymbolicLink() && isDir(p))) walk(p);
      else if (POOL_FILE.test(e.name))
        out.push(e.isSymbolicLink() ? { path: p } : { path: p, real: join(real, e.name) });
    }
  };
  walk(dir);
  return out;
}

/**
 * Turns the files, folders and globs a user named into the files of a pool, each once (two
 * paths to the same file, through a symlink or `./`, count once), in the order given.
 * Inputs that name nothing are returned as problems: the pool goes on without them.
 */
export function expandPoolInputs(cwd: string, inputs: readonly string[]): { files: PoolFile[]; problems: Problem[] } {
  const files: PoolFile[] = [];
  const problems: Problem[] = [];
  const seen = new Set<string>();
  const shownOf = (abs: string) => {
    const rel = relative(cwd, abs);
    return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : abs;
  };
  const add = (abs: string, shown: string, known?: string) => {
    let real: string;
    try {
      real = known ?? realpathSync(abs);
    } catch {
      real = abs;
    }
    if (seen.has(real)) return;
    seen.add(real);
    files.push({ shown, real });
  };
  for (const input of inputs) {
    const abs = resolve(cwd, input);
    if (GLOB_CHARS.test(input) && !existsQuiet(abs)) {
      const found = expandGlob(cwd, input);
      if (found.length === 0)
        problems.push({
          file: input,
          line: 1,
          col: 1,
          message: 'no file matches this pattern',
          fix: 'check the pattern; quote it so that the shell passes it on, e.g. "answers/*.yaml"',
        });
      for (const f of found) add(f, shownOf(f));
    } else if (isDir(abs)) {
      const found = expandFolder(abs);
      if (found.length === 0)
        problems.push({
          file: input,
          line: 1,
          col: 1,
          message: 'the folder holds no .yaml, .yml or .csv file',
          fix: 'put the answers files in it, or name the files themselves',
        });
      for (const f of found) add(f.path, shownOf(f.path), f.real);
    } else add(abs, input);
  }
  return { files, problems };
}

function existsQuiet(p: string): boolean {
  try {
    statSync(p);
    return true;
  } catch {
    return false;
  }
}
