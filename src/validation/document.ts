import {
  LineCounter,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  parseDocument,
  visit,
  type Document,
  type Node,
  type Pair,
  type YAMLMap,
} from 'yaml';
import type { Problem } from '../errors.js';

/** A parsed YAML file that can still tell where each value stands. */
export interface PositionedDoc {
  file: string;
  data: unknown;
  /** The line and column of the value at `path` (or of its nearest existing parent). */
  positionOf(path: readonly PropertyKey[]): { line: number; col: number };
  /** The line and column of the key itself at `path` (falls back to the value). */
  keyPositionOf(path: readonly PropertyKey[]): { line: number; col: number };
}

/** Most aliases a file may expand; a "billion laughs" bomb needs far more. */
const MAX_ALIAS_COUNT = 100;

const YAML_FIXES: Record<string, string> = {
  BAD_INDENT: 'indent this line like the other keys at its level (spaces only)',
  TAB_AS_INDENT: 'indent with spaces, not tabs',
  MISSING_CHAR: 'add the missing closing character',
  MULTILINE_IMPLICIT_KEY: 'put the key and its colon on one line, or quote the value',
  BLOCK_AS_IMPLICIT_KEY: 'check the indentation of this line and the line above',
  UNEXPECTED_TOKEN: 'remove the unexpected character or quote the value',
  BAD_SCALAR_START: 'quote the value (it starts with a character YAML reserves)',
};

/** Turns a `yaml` error message into one line without its position suffix or source excerpt. */
function oneLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?\s*$/, '').replace(/\.$/, '');
}

/** Characters YAML does not allow raw in a file (C0 and C1 controls but tab, LF, CR and NEL; DEL; U+FFFE/F). */
const NOT_PRINTABLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u0084\u0086-\u009F\uFFFE\uFFFF]/g;
const ANY_NOT_PRINTABLE = new RegExp(NOT_PRINTABLE.source);

/** Whether the text holds a character YAML does not allow raw (which parseYaml refuses, located). */
export const hasControlCharacters = (source: string): boolean => ANY_NOT_PRINTABLE.test(source);
const CONTROL_NAMES: Record<number, string> = {
  0: 'NUL',
  7: 'BEL',
  8: 'backspace',
  11: 'vertical tab',
  12: 'form feed',
  27: 'ESC',
  127: 'DEL',
};
/** At most this many control characters are listed; the rest are the same fix. */
const MAX_CONTROL_PROBLEMS = 10;

/** Every control character in the text (up to a limit), located: YAML forbids them and they could act on a terminal. */
function controlCharacters(file: string, source: string, lc: LineCounter): Problem[] {
  const out: Problem[] = [];
  for (const m of source.matchAll(NOT_PRINTABLE)) {
    const code = m[0].charCodeAt(0);
    const name = `U+${code.toString(16).toUpperCase().padStart(4, '0')}${CONTROL_NAMES[code] ? ` (${CONTROL_NAMES[code]})` : ''}`;
    out.push({
      file,
      ...lc.linePos(m.index),
      message: `control character ${name} in the text`,
      fix: 'remove it (an editor may show it as ^[ or a box); inside double quotes it may be written as an escape such as \\x1b',
    });
    if (out.length === MAX_CONTROL_PROBLEMS) break;
  }
  return out;
}

/** The node of one key in a mapping, by the key as text: an index built once per mapping, on first use. */
const keyIndex = new WeakMap<YAMLMap, Map<string, Pair>>();
function pairOf(map: YAMLMap, key: PropertyKey): Pair | undefined {
  let index = keyIndex.get(map);
  if (!index) {
    index = new Map();
    for (const pair of map.items) {
      const k = isScalar(pair.key) ? String(pair.key.value) : undefined;
      // The first of two equal keys, as the duplicate-key problem names it.
      if (k !== undefined && !index.has(k)) index.set(k, pair as Pair);
    }
    keyIndex.set(map, index);
  }
  return index.get(String(key));
}

/**
 * Parses YAML text keeping positions. Returns the document, or every syntax problem
 * (syntax errors, control characters, duplicate or unusable keys, alias bombs) as `Problem`s
 * with line and column.
 */
export function parseYaml(file: string, source: string): { doc?: PositionedDoc; problems: Problem[] } {
  const lineCounter = new LineCounter();
  // Duplicate keys are found below, with both positions; yaml's own check names neither key.
  // logLevel 'error': the library never prints its own warnings; every problem is reported here.
  const doc = parseDocument(source, { lineCounter, uniqueKeys: false, prettyErrors: true, logLevel: 'error' });
  const problems = controlCharacters(file, source, lineCounter);
  // One syntax error often sets off a cascade of others; the first is the one to fix.
  problems.push(
    ...doc.errors.slice(0, 1).map((e) => {
      const pos = e.linePos?.[0] ?? { line: 1, col: 1 };
      return {
        file,
        line: pos.line,
        col: pos.col,
        message: `YAML: ${oneLine(e.message)}`,
        fix: YAML_FIXES[e.code] ?? 'fix the YAML syntax here',
      };
    }),
  );
  // After a syntax error the parser's recovery can make odd keys: the error is the thing to fix.
  if (doc.errors.length === 0) problems.push(...keyProblems(doc, lineCounter, file));
  if (problems.length > 0) return { problems: problems.sort((a, b) => a.line - b.line || a.col - b.col) };

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    const why = e instanceof Error ? oneLine(e.message) : String(e);
    const unresolved = firstUnresolvedAlias(doc);
    if (unresolved) {
      const pos = lineCounter.linePos(unresolved.offset);
      return {
        problems: [
          {
            file,
            ...pos,
            message: `the alias *${unresolved.name} is not defined`,
            fix: `define it first with &${unresolved.name} on the value it stands for, or write the value here`,
          },
        ],
      };
    }
    const pos = lineCounter.linePos(firstAliasOffset(doc));
    return {
      problems: [
        {
          file,
          line: pos.line,
          col: pos.col,
          message: `YAML: ${why}`,
          fix: `use fewer aliases (*name); at most ${MAX_ALIAS_COUNT} expansions are allowed`,
        },
      ],
    };
  }

  /** The nodes along `path`, as far as it exists: the key's pair (if the last step is a key) and the deepest node. */
  const walk = (path: readonly PropertyKey[]): { node: Node | undefined; pair?: Pair } => {
    let node = doc.contents as Node | null;
    let pair: Pair | undefined;
    let found: Node | undefined = node ?? undefined;
    for (const [i, k] of path.entries()) {
      pair = undefined;
      let next: unknown;
      if (isMap(node)) {
        pair = pairOf(node, k);
        next = pair?.value;
      } else if (isSeq(node)) next = node.items[Number(k)];
      if (!next || typeof next !== 'object' || !('range' in next))
        return { node: found, ...(i === path.length - 1 && pair && { pair }) };
      node = next as Node;
      if (node.range) found = node;
    }
    return { node: found, ...(pair && { pair }) };
  };
  const toPos = (offset: number | undefined) =>
    offset === undefined ? { line: 1, col: 1 } : lineCounter.linePos(offset);

  return {
    problems: [],
    doc: {
      file,
      data,
      positionOf: (path) => toPos(walk(path).node?.range?.[0]),
      keyPositionOf: (path) => {
        const { node, pair } = walk(path);
        if (pair && isScalar(pair.key) && pair.key.range) return toPos(pair.key.range[0]);
        return toPos(node?.range?.[0]);
      },
    },
  };
}

/** Names that would reach JavaScript's Object.prototype rather than a key of the data. */
const PROTOTYPE_KEYS = new Set(['__proto__']);

/**
 * Keys that cannot be used: one that repeats an earlier key of the same mapping (with where the
 * first one stands), a list or mapping used as a key, and `__proto__`.
 */
function keyProblems(doc: Document, lc: LineCounter, file: string): Problem[] {
  const out: Problem[] = [];
  const at = (offset: number, message: string, fix: string) => out.push({ file, ...lc.linePos(offset), message, fix });
  visit(doc, {
    Map(_key, map) {
      const seen = new Map<string, number>();
      for (const pair of map.items) {
        const key = pair.key as Node | null;
        if (key && !isScalar(key) && key.range) {
          at(key.range[0], 'a key must be plain text, not a list or a mapping', 'write the key as text');
          continue;
        }
        if (!isScalar(key) || !key.range) continue;
        const name = String(key.value);
        if (PROTOTYPE_KEYS.has(name)) {
          at(key.range[0], `"${name}" cannot be used as a key`, 'rename it or remove it');
          continue;
        }
        const first = seen.get(name);
        if (first === undefined) {
          seen.set(name, key.range[0]);
          continue;
        }
        at(
          key.range[0],
          `duplicate key "${name}" (first at line ${lc.linePos(first).line})`,
          'remove or rename one of the two keys',
        );
      }
    },
  });
  return out;
}

/** The first alias whose anchor is not defined before it, if any. */
function firstUnresolvedAlias(doc: Document): { name: string; offset: number } | undefined {
  let found: { name: string; offset: number } | undefined;
  visit(doc, {
    Alias(_key, node) {
      if (isAlias(node) && node.range && node.resolve(doc) === undefined) {
        found = { name: node.source, offset: node.range[0] };
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

function firstAliasOffset(doc: Document): number {
  let offset = 0;
  visit(doc, {
    Alias(_key, node) {
      if (isAlias(node) && node.range) {
        offset = node.range[0];
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return offset;
}
