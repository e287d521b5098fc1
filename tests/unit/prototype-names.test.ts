// Names of Object.prototype's properties, put wherever a bank, an answers file or a config takes
// a name: each is either a legitimate id that works like any other, or refused with a located
// problem. Never a crash (exit 70), never silently dropped.
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { parseAnswers } from '../../src/answers/parse.js';
import { parseBank } from '../../src/bank/parse.js';
import { parseConfig } from '../../src/check/config.js';
import type { Io } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import type { Problem } from '../../src/errors.js';
import { scoreAudit } from '../../src/score/score.js';
import { MINI_BANK, tempDir } from '../helpers.js';

const NAMES = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  '__defineGetter__',
  '__lookupSetter__',
];
/** The names an id may be (lower-case letters, digits, dashes): these must work as ids. */
const LEGAL = (n: string) => /^[a-z0-9]+$/.test(n);

const bank = parseBank('mini.yaml', MINI_BANK).bank!;
const ANSWERS = 'bank: mini@1\nanswers:\n  c.one: partly\n';

/** A problem is located: a line and column inside the text. */
const located = (source: string) => (p: Problem) => {
  expect(p.line).toBeGreaterThanOrEqual(1);
  expect(p.line).toBeLessThanOrEqual(source.split('\n').length);
  expect(p.col).toBeGreaterThanOrEqual(1);
};

/** Where a bank takes a name, as a change of MINI_BANK. */
const BANK_PLACES: [string, (n: string) => string][] = [
  ['the scale a question uses', (n) => MINI_BANK.replace('scale: agree', `scale: ${n}`)],
  [
    'a scale name',
    (n) => MINI_BANK.replace('scales:\n  agree:', `scales:\n  ${n}:`).replace('scale: agree', `scale: ${n}`),
  ],
  ['a question id', (n) => MINI_BANK.replace('id: c.one', `id: ${n}`)],
  ['an area id', (n) => MINI_BANK.replace('id: dna', `id: ${n}`)],
  ['the bank id', (n) => MINI_BANK.replace('id: mini', `id: ${n}`)],
  ['a band id', (n) => MINI_BANK.replace('id: low', `id: ${n}`)],
  ['a key of a question', (n) => MINI_BANK.replace('            weight: 3', `            ${n}: 3`)],
  ['the benchmark question', (n) => MINI_BANK.replace('question: t.share', `question: ${n}`)],
];

describe('Object.prototype names in a bank', () => {
  test.each(NAMES.flatMap((n) => BANK_PLACES.map(([where, edit]) => [where, n, edit] as const)))(
    '%s: %s',
    (where, name, edit) => {
      const source = edit(name);
      expect(source).not.toBe(MINI_BANK);
      const { bank: b, problems } = parseBank('b.yaml', source);
      problems.forEach(located(source));
      const ok =
        LEGAL(name) && !['the scale a question uses', 'a key of a question', 'the benchmark question'].includes(where);
      if (ok) {
        expect(problems).toEqual([]);
        // A legitimate id works like any other: an unanswered question stays unanswered.
        const scores = scoreAudit(b!, { bank: 'x', answers: {} });
        expect(scores.totals.unanswered).toBe(4);
      } else {
        expect(b).toBeUndefined();
        expect(problems.length).toBeGreaterThan(0);
      }
    },
  );

  test('scale: constructor is an unknown scale, not a crash', () => {
    const { problems } = parseBank('b.yaml', MINI_BANK.replace('scale: agree', 'scale: constructor'));
    expect(problems.map((p) => `${p.line}:${p.col} ${p.message}`)).toEqual(['23:20 unknown scale "constructor"']);
  });

  test('__proto__ is refused where it stands', () => {
    const { problems } = parseBank('b.yaml', MINI_BANK.replace('scales:\n  agree:', 'scales:\n  __proto__:'));
    expect(problems.map((p) => `${p.line}:${p.col} ${p.message} — ${p.fix}`)).toEqual([
      '8:3 "__proto__" cannot be used as a key — rename it or remove it',
    ]);
  });

  test('a question called constructor or tostring is unanswered until answered', () => {
    const b = parseBank(
      'b.yaml',
      MINI_BANK.replace('id: c.one', 'id: constructor').replace('id: c.two', 'id: tostring'),
    ).bank!;
    const { parsed } = parseAnswers('a.yaml', 'bank: mini@1\nanswers:\n  constructor: yes\n', b);
    const scores = scoreAudit(b, parsed!.answers);
    expect(scores.unanswered).toEqual(['tostring', 'd.one', 't.share']);
    expect(scores.totals.answered).toBe(1);
  });
});

describe('Object.prototype names in answers and configs', () => {
  test.each(NAMES)('answer id %s: an unknown question, located, or refused', (name) => {
    const source = `${ANSWERS}  ${name}: yes\n`;
    const { parsed, problems } = parseAnswers('a.yaml', source, bank);
    expect(parsed).toBeUndefined();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: 4, col: 3 });
    expect(problems[0]!.message).toMatch(
      name === '__proto__' ? /cannot be used as a key/ : new RegExp(`unknown question id "${name}"`),
    );
  });

  test.each(NAMES)('top-level key %s of an answers file is refused, located', (name) => {
    const { problems } = parseAnswers('a.yaml', `${name}: x\n${ANSWERS}`, bank);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: 1, col: 1 });
  });

  test.each(NAMES.flatMap((n) => [n, `area:${n}`, `element:${n}`]))('assertion %s is refused, located', (key) => {
    const source = `assertions:\n  ${key}: { minScore: 50 }\n`;
    const { config, problems } = parseConfig('c.yaml', source, bank);
    expect(config).toBeUndefined();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: 2, col: 3 });
  });
});

describe('through the command line', () => {
  test.each(NAMES)('no command exits 70 on %s', async (name) => {
    const tmp = tempDir();
    try {
      tmp.write('bank.yaml', MINI_BANK.replace('scale: agree', `scale: ${name}`));
      tmp.write('good.yaml', MINI_BANK);
      tmp.write('a.yaml', `${ANSWERS}  ${name}: yes\n`);
      tmp.write('c.yaml', `bank: good.yaml\nassertions:\n  ${name}: { minScore: 50 }\n`);
      const run = async (argv: string[]) => {
        const err: string[] = [];
        const io: Io = {
          stdout: { write: () => true },
          stderr: { write: (s: string) => err.push(s) },
          stdin: process.stdin,
          env: {},
          cwd: tmp.dir,
          version: '0.0.0',
          builtinBank: fileURLToPath(new URL('../../questions/service-readiness.yaml', import.meta.url)),
          today: () => '2026-11-24',
        };
        const code = await main(argv, io);
        return { code, err: err.join('') };
      };
      for (const argv of [
        ['validate', 'bank.yaml'],
        ['report', '--bank', 'good.yaml', '--answers', 'a.yaml'],
        ['check', '--config', 'c.yaml', '--answers', 'a.yaml'],
      ]) {
        const r = await run(argv);
        expect(r.code, `${argv.join(' ')}: ${r.err}`).toBe(2);
        expect(r.err).not.toMatch(/internal error/);
      }
    } finally {
      tmp.cleanup();
    }
  });
});
