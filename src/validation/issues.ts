import type * as core from 'zod/v4/core';
import type { Problem } from '../errors.js';
import type { PositionedDoc } from './document.js';
import { closest, didYouMean } from './closest.js';

type Issue = core.$ZodIssue;
type AnySchema = core.$ZodType;

/** The value at `path` inside plain data (undefined when a step is missing). */
export function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = data;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

/** The keys an object schema allows at `path`, found by walking the zod schema. */
export function allowedKeys(schema: AnySchema, path: readonly PropertyKey[]): string[] {
  let s: AnySchema | undefined = schema;
  const unwrap = (x: AnySchema | undefined): AnySchema | undefined => {
    let cur = x;
    for (let i = 0; cur && i < 10; i++) {
      const def = cur._zod.def as { type: string; innerType?: AnySchema; in?: AnySchema };
      if (def.innerType) cur = def.innerType;
      else if (def.type === 'pipe' && def.in) cur = def.in;
      else break;
    }
    return cur;
  };
  for (const k of path) {
    s = unwrap(s);
    if (!s) return [];
    const def = s._zod.def as {
      type: string;
      shape?: Record<string, AnySchema>;
      element?: AnySchema;
      valueType?: AnySchema;
    };
    if (def.type === 'object' && def.shape) s = def.shape[String(k)];
    else if (def.type === 'array') s = def.element;
    else if (def.type === 'record') s = def.valueType;
    else return [];
  }
  s = unwrap(s);
  const def = s?._zod.def as { type: string; shape?: Record<string, unknown> } | undefined;
  return def?.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}

function describe(v: unknown): string {
  if (v === null || v === undefined) return 'empty';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `the text "${v.length > 30 ? `${v.slice(0, 27)}...` : v}"`;
  return `${typeof v === 'number' ? 'the number' : 'the value'} ${String(v)}`;
}

const TYPE_WORDS: Record<string, string> = {
  string: 'some text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping of keys',
  record: 'a mapping of keys',
};

function label(path: readonly PropertyKey[]): string {
  for (let i = path.length - 1; i >= 0; i--) {
    const k = path[i];
    if (typeof k === 'string') return i === path.length - 1 ? `"${k}"` : `item ${Number(path[i + 1]) + 1} of "${k}"`;
  }
  return 'the file';
}

/** Splits a schema's custom message written as "what — fix". */
function splitMessage(message: string, fallbackFix: string): { message: string; fix: string } {
  const i = message.indexOf(' — ');
  return i === -1 ? { message, fix: fallbackFix } : { message: message.slice(0, i), fix: message.slice(i + 3) };
}

/** Turns zod issues into positioned, human problems (one per issue, one per unknown key). */
export function issuesToProblems(doc: PositionedDoc, schema: AnySchema, issues: readonly Issue[]): Problem[] {
  const out: Problem[] = [];
  const at = (path: readonly PropertyKey[], text: { message: string; fix: string }, key = false) => {
    const pos = key ? doc.keyPositionOf(path) : doc.positionOf(path);
    out.push({ file: doc.file, line: pos.line, col: pos.col, ...text });
  };
  for (const issue of issues) {
    const path = issue.path as PropertyKey[];
    const value = valueAt(doc.data, path);
    switch (issue.code) {
      case 'unrecognized_keys': {
        const allowed = allowedKeys(schema, path);
        for (const key of issue.keys) {
          const near = closest(key, allowed);
          at(
            [...path, key],
            {
              message: `unknown key "${key}"`,
              fix: near ? `${didYouMean(near)} Rename it` : `remove it (allowed here: ${allowed.join(', ')})`,
            },
            true,
          );
        }
        break;
      }
      case 'invalid_type': {
        const want = TYPE_WORDS[issue.expected] ?? issue.expected;
        if (value === undefined) {
          const name = path[path.length - 1];
          at(
            path.slice(0, -1),
            { message: `missing "${String(name)}"`, fix: `add "${String(name)}:" with ${want}` },
            true,
          );
        } else {
          at(path, { message: `${label(path)} must be ${want}, not ${describe(value)}`, fix: `write ${want} here` });
        }
        break;
      }
      case 'too_small':
      case 'too_big': {
        const small = issue.code === 'too_small';
        const bound = small
          ? (issue as { minimum: number | bigint }).minimum
          : (issue as { maximum: number | bigint }).maximum;
        const inclusive = issue.inclusive !== false;
        if (issue.origin === 'array' || issue.origin === 'string') {
          const unit = issue.origin === 'array' ? 'item' : 'character';
          at(path, {
            message: `${label(path)} ${small ? 'needs at least' : 'allows at most'} ${String(bound)} ${unit}${Number(bound) === 1 ? '' : 's'}`,
            fix: small ? (issue.origin === 'array' ? 'add the missing items' : 'write some text here') : 'shorten it',
          });
        } else {
          const rel = small ? (inclusive ? 'at least' : 'greater than') : inclusive ? 'at most' : 'less than';
          at(path, {
            message: `${label(path)} is ${String(value)} but must be ${rel} ${String(bound)}`,
            fix: `change it to a number ${rel} ${String(bound)}`,
          });
        }
        break;
      }
      case 'invalid_value': {
        const values = issue.values.map(String);
        const near = typeof value === 'string' ? closest(value, values) : undefined;
        at(path, {
          message: `${label(path)} is ${describe(value)}; expected one of ${values.join(', ')}`,
          fix: near ? didYouMean(near) : `use one of ${values.join(', ')}`,
        });
        break;
      }
      case 'invalid_format':
      case 'invalid_union':
      case 'custom':
        at(path, splitMessage(issue.message, 'correct this value'));
        break;
      default:
        at(path, { message: `${label(path)}: ${issue.message}`, fix: 'correct this value' });
    }
  }
  return out;
}
