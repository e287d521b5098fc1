import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { SchemaLink } from '../answers/write.js';
import type { Io } from './io.js';

const MODELINE = /^# yaml-language-server: \$schema=(\S+)\s*$/;

/** The schema path on the first line of an existing file: the user's choice (or ours), kept when the file is rewritten. */
function modelineOf(file: string): string | undefined {
  let first: string;
  try {
    const fd = openSync(file, 'r');
    try {
      const buf = Buffer.alloc(1024);
      first = buf
        .subarray(0, readSync(fd, buf, 0, buf.length, 0))
        .toString('utf8')
        .split('\n')[0]!;
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined; // no file yet
  }
  const path = MODELINE.exec(first)?.[1];
  // Not one written by an older service-audit run through npx: a path into npm's cache.
  return path !== undefined && !/[\\/]_npx[\\/]/.test(path) ? path : undefined;
}

/** Quotes a path for a shell command shown to the user, when it needs quoting. */
const shellWord = (s: string) => (/^[\w./:@-]+$/.test(s) ? s : `'${s.replaceAll("'", "'\\''")}'`);

/**
 * How a file written for the user points at its JSON Schema. A modeline path only when the
 * schema is inside the project: a node_modules/service-audit/schemas/ file reachable from the
 * file's folder, as Node would find the package. Otherwise (npx runs from npm's cache, a global
 * install) such a path would be machine-specific and end up committed, so there is no modeline,
 * only the command that writes the schema.
 */
export function schemaLinkFor(
  io: Io,
  kind: 'answers' | 'config' | 'plan',
  forFile: string,
  bankFile?: string,
): SchemaLink {
  const kept = modelineOf(resolve(io.cwd, forFile));
  if (kept !== undefined) return { path: kept };
  const folder = dirname(resolve(io.cwd, forFile));
  for (let dir = folder; ; dir = dirname(dir)) {
    const schema = join(dir, 'node_modules', 'service-audit', 'schemas', `${kind}.schema.json`);
    if (existsSync(schema)) return { path: relative(folder, schema).split(sep).join('/') };
    if (dirname(dir) === dir) break;
  }
  return { command: `service-audit schema ${kind}${bankFile !== undefined ? ` --bank ${shellWord(bankFile)}` : ''}` };
}
