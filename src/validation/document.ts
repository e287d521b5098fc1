import { LineCounter, isAlias, isMap, isScalar, parseDocument, visit, type Document, type Node } from 'yaml';
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

/**
 * Parses YAML text keeping positions. Returns the document, or every syntax problem
 * (syntax errors, duplicate keys, alias bombs) as `Problem`s with line and column.
 */
export function parseYaml(file: string, source: string): { doc?: PositionedDoc; problems: Problem[] } {
  const lineCounter = new LineCounter();
  // Duplicate keys are found below, with both positions; yaml's own check names neither key.
  const doc = parseDocument(source, { lineCounter, uniqueKeys: false, prettyErrors: true });
  // One syntax error often sets off a cascade of others; the first is the one to fix.
  const problems: Problem[] = doc.errors.slice(0, 1).map((e) => {
    const pos = e.linePos?.[0] ?? { line: 1, col: 1 };
    return {
      file,
      line: pos.line,
      col: pos.col,
      message: `YAML: ${oneLine(e.message)}`,
      fix: YAML_FIXES[e.code] ?? 'fix the YAML syntax here',
    };
  });
  problems.push(...duplicateKeys(doc, lineCounter, file));
  if (problems.length > 0) return { problems: problems.sort((a, b) => a.line - b.line || a.col - b.col) };

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    const at = firstAliasOffset(doc);
    const pos = lineCounter.linePos(at);
    const why = e instanceof Error ? oneLine(e.message) : String(e);
    return {
      problems: [{ file, line: pos.line, col: pos.col, message: `YAML: ${why}`, fix: `use fewer aliases (*name); at most ${MAX_ALIAS_COUNT} expansions are allowed` }],
    };
  }

  const nodeAt = (path: readonly PropertyKey[]): Node | undefined => {
    for (let n = path.length; n >= 0; n--) {
      const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n) as unknown[], true);
      if (node && typeof node === 'object' && 'range' in node && (node as Node).range) return node as Node;
    }
    return undefined;
  };
  const toPos = (offset: number | undefined) => (offset === undefined ? { line: 1, col: 1 } : lineCounter.linePos(offset));

  return {
    problems: [],
    doc: {
      file,
      data,
      positionOf: (path) => toPos(nodeAt(path)?.range?.[0]),
      keyPositionOf: (path) => {
        if (path.length === 0) return toPos(nodeAt(path)?.range?.[0]);
        const parent = doc.getIn(path.slice(0, -1) as unknown[], true) as Node | undefined;
        const last = path[path.length - 1];
        if (parent && isMap(parent)) {
          const pair = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === String(last));
          if (pair && isScalar(pair.key) && pair.key.range) return toPos(pair.key.range[0]);
        }
        return toPos(nodeAt(path)?.range?.[0]);
      },
    },
  };
}

/** Every key that repeats an earlier key of the same mapping, with where the first one stands. */
function duplicateKeys(doc: Document, lc: LineCounter, file: string): Problem[] {
  const out: Problem[] = [];
  visit(doc, {
    Map(_key, map) {
      const seen = new Map<string, number>();
      for (const pair of map.items) {
        if (!isScalar(pair.key) || !pair.key.range) continue;
        const name = String(pair.key.value);
        const first = seen.get(name);
        if (first === undefined) {
          seen.set(name, pair.key.range[0]);
          continue;
        }
        const pos = lc.linePos(pair.key.range[0]);
        out.push({ file, line: pos.line, col: pos.col, message: `duplicate key "${name}" (first at line ${lc.linePos(first).line})`, fix: 'remove or rename one of the two keys' });
      }
    },
  });
  return out;
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
