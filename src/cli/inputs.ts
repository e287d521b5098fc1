import { createHash } from 'node:crypto';
import { type Dirent, readdirSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { readSeal, SEAL_FILE, sealChanges } from '../collect/seal.js';
import { spooledCount } from '../collect/store.js';
import type { Problem } from '../errors.js';

/** One file of a pool, as the user will see it named, and the real file it is. */
export interface PoolFile {
  /** The path as shown: relative to the working folder when inside it. */
  shown: string;
  real: string;
  /** Found in a folder or by a glob, not named by itself (a lead's own file must be named, with --lead). */
  found?: boolean;
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

/** Folders that could not be read while expanding (each is listed as left out; --strict makes it an error). */
let unreadable: string[] = [];

/** A folder's entries but hidden ones, by name; an unreadable folder is noted and has none. */
const entries = (dir: string): Dirent[] => {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((d) => !d.name.startsWith('.'))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'unreadable';
    // A folder that is not there (a glob's literal part, say) holds nothing; it is not unreadable.
    if (code !== 'ENOENT' && code !== 'ENOTDIR') unreadable.push(`${dir}\u0000${code}`);
    return [];
  }
};

const list = (dir: string) => entries(dir).map((d) => d.name);

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
    for (const e of entries(d)) {
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
export function expandPoolInputs(
  cwd: string,
  inputs: readonly string[],
): {
  files: PoolFile[];
  problems: Problem[];
  /** A sealed pulse whose files changed since it closed: the pool must not be made (exit 2). */
  fatal: Problem[];
  /** Said on stderr, never an error: responses waiting in the spool of a collect that did not stop. */
  notices: string[];
  /** Inputs that are not a sealed pulse (files, globs, CSV, folders without pulse-seal.json). */
  unsealed: string[];
} {
  const files: PoolFile[] = [];
  const problems: Problem[] = [];
  const fatal: Problem[] = [];
  const notices: string[] = [];
  const unsealed: string[] = [];
  const seen = new Set<string>();
  unreadable = [];
  const shownOf = (abs: string) => {
    const rel = relative(cwd, abs);
    return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : abs;
  };
  const add = (abs: string, shown: string, found = false, known?: string) => {
    let real: string;
    try {
      real = known ?? realpathSync(abs);
    } catch {
      real = abs;
    }
    if (seen.has(real)) return;
    seen.add(real);
    files.push({ shown, real, ...(found && { found }) });
  };
  /** A pulse folder: sealed (then it must be as it was sealed), or with responses still in a spool. */
  const pulseFolder = (abs: string, input: string) => {
    const seal = readSeal(abs);
    if (!seal) unsealed.push(input);
    if (seal) {
      const changes = sealChanges(abs, seal);
      if (changes.length > 0)
        fatal.push({
          file: join(input, SEAL_FILE),
          line: 1,
          col: 1,
          message: `the pulse closed on ${seal.sealed} with ${seal.responses} responses has changed since: ${changes.join(', ')}`,
          fix: 'restore the folder as it was when collect stopped (a pulse is committed as a whole, never one file at a time); a new pulse goes in a folder of its own',
        });
    }
    const spooled = spooledCount(abs);
    if (spooled > 0)
      notices.push(
        `${shownOf(abs)}/ has ${spooled} ${spooled === 1 ? 'response' : 'responses'} in the spool of a collect that did not stop (left out here): run the same collect on the folder again and stop it to write them out.`,
      );
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
      unsealed.push(input);
      for (const f of found) add(f, shownOf(f), true);
    } else if (isDir(abs)) {
      pulseFolder(abs, input);
      const found = expandFolder(abs);
      if (found.length === 0)
        problems.push({
          file: input,
          line: 1,
          col: 1,
          message: 'the folder holds no .yaml, .yml or .csv file',
          fix: 'put the answers files in it, or name the files themselves',
        });
      for (const f of found) add(f.path, shownOf(f.path), true, f.real);
    } else {
      unsealed.push(input);
      add(abs, input);
    }
  }
  for (const u of unreadable) {
    const [dir, code] = u.split('\u0000') as [string, string];
    problems.push({
      file: shownOf(dir),
      line: 1,
      col: 1,
      message: `this folder cannot be read (${code}), so its files are left out`,
      fix: 'make it readable (e.g. chmod +rx), or leave it out of the inputs',
    });
  }
  return { files, problems, fatal, notices, unsealed };
}

/** The id collect writes into each response ("# response id: …"): a pool counts it once. */
const RESPONSE_ID_LINE = /^# response id: ([0-9a-f]{16})$/m;

/**
 * Counts each response once: a file that is a byte-for-byte copy of one read before, or that
 * carries the response id of one read before, is a duplicate (a copy cannot pad the floor).
 * `check` answers with the earlier file's name, or undefined when the text is new.
 */
export function createDuplicateCheck() {
  const bytes = new Map<string, string>();
  const ids = new Map<string, string>();
  return (shown: string, text: string): string | undefined => {
    const digest = createHash('sha256').update(text).digest('hex');
    const copyOf = bytes.get(digest);
    if (copyOf !== undefined) return copyOf;
    bytes.set(digest, shown);
    const id = RESPONSE_ID_LINE.exec(text.slice(0, 400))?.[1];
    if (id === undefined) return undefined;
    const sameId = ids.get(id);
    if (sameId !== undefined) return sameId;
    ids.set(id, shown);
    return undefined;
  };
}

function existsQuiet(p: string): boolean {
  try {
    statSync(p);
    return true;
  } catch {
    return false;
  }
}

/** Why a lead's file found among the team's is left out: anyone can write "role: lead", so a lead is only ever named. */
export function leadRefused(source: string, where: string): Problem {
  return {
    file: source,
    line: 1,
    col: 1,
    message: `says role: lead, but is ${where}; a lead's answers are never taken from among the team's`,
    fix: "name the lead's own file by itself (--lead FILE where report offers it), outside the team's folder",
  };
}

/** Whether this runs in a CI job (where a report is made on every push). */
export const isCi = (env: Readonly<Record<string, string | undefined>>) =>
  Boolean(env.CI && env.CI !== 'false') || env.GITHUB_ACTIONS === 'true' || env.GITLAB_CI === 'true';

/** The warning for a pool that is not a sealed pulse, in CI (see docs/anonymity.md, "Reports over time"). */
export function unsealedNotice(unsealed: readonly string[]): string {
  const named = unsealed.slice(0, 3).join(', ') + (unsealed.length > 3 ? ` and ${unsealed.length - 3} more` : '');
  return `warning: ${named} ${unsealed.length === 1 ? 'is' : 'are'} not a sealed pulse: a report on every push shows, by difference, the answers of each person whose file a commit adds. Commit a pulse as a whole once collect has stopped and sealed it (docs/anonymity.md).\n`;
}
