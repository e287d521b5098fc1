// The seal of a closed pulse: when collect stops it writes pulse-seal.json beside the responses:
// the day it closed, how many files, and a SHA-256 digest of each. `report` and `check` compare a
// sealed folder with its seal and refuse it when a file was added, removed or changed, so a pulse
// cannot be padded with copies or grown one file at a time after it closed (a report before and
// after one added file would show that one person's answers by difference).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const SEAL_FILE = 'pulse-seal.json';
const POOL_FILE = /\.(ya?ml|csv)$/i;

export interface Seal {
  /** The day the pulse closed (YYYY-MM-DD). */
  sealed: string;
  /** How many response files it holds. */
  responses: number;
  /** SHA-256 of each file, by its path inside the folder ('/' between folders). */
  files: Record<string, string>;
}

const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

/** Every file a pool would read in the folder (hidden ones skipped, as the pool skips them), by relative path, sorted. */
export function sealedPaths(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, rel: string) => {
    let entries: import('node:fs').Dirent[];
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return; // an unreadable folder's files count as removed, and the pool lists the folder as left out
    }
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(join(d, e.name), r);
      else if (POOL_FILE.test(e.name)) out.push(r);
    }
  };
  walk(dir, '');
  return out.sort();
}

const digestOf = (path: string) => {
  try {
    return sha256(readFileSync(path));
  } catch {
    return 'unreadable';
  }
};

/** The seal of a folder as it is now, and its text. */
export function sealText(dir: string, day: string): { seal: Seal; text: string } {
  const files: Record<string, string> = {};
  for (const p of sealedPaths(dir)) files[p] = sha256(readFileSync(join(dir, p)));
  const seal: Seal = { sealed: day, responses: Object.keys(files).length, files };
  return { seal, text: `${JSON.stringify(seal, null, 2)}\n` };
}

/** The folder's seal, or undefined when it has none. A seal that cannot be read counts as a seal that matches nothing. */
export function readSeal(dir: string): Seal | undefined {
  let text: string;
  try {
    text = readFileSync(join(dir, SEAL_FILE), 'utf8');
  } catch {
    return undefined;
  }
  try {
    const j = JSON.parse(text) as Seal;
    if (typeof j.sealed === 'string' && typeof j.responses === 'number' && j.files && typeof j.files === 'object')
      return j;
  } catch {
    /* below */
  }
  return { sealed: '?', responses: 0, files: {} };
}

/** What changed in a sealed folder since it was sealed, one phrase each (at most `max`, then a count). Empty when nothing did. */
export function sealChanges(dir: string, seal: Seal, max = 5): string[] {
  const changes: string[] = [];
  const now = new Set(sealedPaths(dir));
  for (const p of now) {
    if (!(p in seal.files)) changes.push(`${p} was added`);
    else if (digestOf(join(dir, p)) !== seal.files[p]) changes.push(`${p} was changed`);
  }
  for (const p of Object.keys(seal.files).sort()) if (!now.has(p)) changes.push(`${p} was removed`);
  return changes.length > max ? [...changes.slice(0, max), `${changes.length - max} more`] : changes;
}
