import { dirname, relative, resolve, sep } from 'node:path';
import type { Io } from './io.js';

/** The path of a shipped JSON Schema, relative to the file that will point at it. */
export function schemaPathFor(io: Io, kind: 'answers' | 'config', forFile: string): string {
  const schema = resolve(dirname(io.builtinBank), '..', 'schemas', `${kind}.schema.json`);
  const rel = relative(dirname(resolve(io.cwd, forFile)), schema).split(sep).join('/');
  return rel.startsWith('.') ? rel : `./${rel}`;
}
