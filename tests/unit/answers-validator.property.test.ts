// The differential property of the pool's answers validator (src/answers/validator.ts): it checks
// the common shape of a file by hand, for speed, and must accept and refuse exactly the documents
// the full answers parser (src/answers/parse.ts) accepts and refuses, with the same answers. The
// documents are built from the bank's own questions whatever their types (values drawn from each
// question's options, numbers, text, booleans, null, notes and reasons of every type), then
// written as YAML and sometimes damaged at the text level (control characters, quotes, tabs,
// duplicated lines). Seeded, so a failure repeats; fast-check prints the smallest failing case.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parse, stringify } from 'yaml';
import { parseAnswers } from '../../src/answers/parse.js';
import { answersValidator, plainYaml } from '../../src/answers/validator.js';
import { parseBank } from '../../src/bank/parse.js';
import { allQuestionsOf, bankRef } from '../../src/bank/queries.js';
import type { Bank, Question } from '../../src/bank/schema.js';
import { MINI_BANK_V2 } from '../helpers.js';
import { TEAM_BANK } from '../team-helpers.js';

const SEED = 20261206;
const RUNS = 600;

const bankOf = (file: string, text: string): Bank => {
  const { bank, problems } = parseBank(file, text);
  if (!bank) throw new Error(JSON.stringify(problems));
  return bank;
};

const BANKS: [string, Bank][] = [
  ['pulse (team statements)', bankOf('pulse.yaml', TEAM_BANK)],
  ['mini v2 (migrations from v1)', bankOf('mini.yaml', MINI_BANK_V2)],
  [
    'the built-in bank (profile questions)',
    bankOf('service-readiness.yaml', readFileSync('questions/service-readiness.yaml', 'utf8')),
  ],
];

/** A value of any JSON-ish type, as a file might hold where text or a number is wanted. */
const anyScalar = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.constantFrom('', ' ', 'x', 'yes', 'no', '45%', 'n/a', '1e1'),
  fc.integer({ min: -5, max: 150 }),
  fc.double({ noNaN: false }),
  fc.boolean(),
  fc.constant(null),
);

/** What may stand beside a value or a reason: mostly text, sometimes something the schema refuses. */
const note = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.constant([1]), fc.constant({})) },
);

/** Mostly a good value, sometimes a bad one: documents both paths accept must be common, or the property proves little. */
const mostly = (good: fc.Arbitrary<unknown>, bad: fc.Arbitrary<unknown>) =>
  fc.oneof({ weight: 20, arbitrary: good }, { weight: 1, arbitrary: bad });

/** An answer to one question, whatever its type: the question's own values where it has options. */
function answerTo(q: Question): fc.Arbitrary<unknown> {
  // A question with options takes one of their values; any other (percent, number…) takes a number.
  const own: fc.Arbitrary<unknown>[] = q.options?.length
    ? [fc.constantFrom(...q.options.map((o) => o.value))]
    : [fc.integer({ min: 0, max: 100 }), fc.double({ min: 0, max: 100, noNaN: true })];
  if (q.type === 'yesno') own.push(fc.boolean());
  const value = mostly(fc.oneof(...own), fc.oneof(anyScalar, fc.constantFrom([], [1], {}, { value: 1 })));
  return fc.oneof(
    { weight: 4, arbitrary: value },
    { weight: 2, arbitrary: fc.record({ value, note }, { requiredKeys: ['value'] }) },
    {
      weight: 1,
      arbitrary: fc.record(
        {
          na: mostly(fc.string({ minLength: 1, maxLength: 8 }), fc.constantFrom(null, '', ' ', 5, true, ['x'], {})),
          note,
        },
        { requiredKeys: ['na'] },
      ),
    },
    {
      weight: 1,
      arbitrary: fc.oneof(
        fc.constant(null),
        fc.record({ value, na: fc.string() }),
        fc.record({ value, extra: fc.string() }),
        fc.constant([1, 2]),
        fc.constant({}),
      ),
    },
  );
}

/** A whole answers document for a bank, as data. */
function documentFor(bank: Bank): fc.Arbitrary<Record<string, unknown>> {
  const questions = allQuestionsOf(bank).map((x) => x.question);
  const ids = questions.map((q) => q.id);
  const answers = fc
    .subarray(questions, { maxLength: Math.min(5, questions.length) })
    .chain((qs) => fc.tuple(...qs.map((q) => answerTo(q).map((a): [string, unknown] => [q.id, a]))))
    .map((pairs) => Object.fromEntries(pairs));
  const unknownAnswer = fc.tuple(fc.constantFrom(...ids.map((id) => `${id}x`), 'nope'), anyScalar);
  const head = fc.record(
    {
      organization: mostly(fc.string({ maxLength: 8 }), fc.integer()),
      respondent: mostly(fc.string({ maxLength: 8 }), fc.constant(null)),
      group: mostly(
        fc.oneof(fc.constantFrom('day', 'night', ' day ', 'x'.repeat(100)), fc.string({ minLength: 1, maxLength: 4 })),
        fc.oneof(fc.constantFrom('', '  ', 'x'.repeat(101)), fc.integer()),
      ),
      role: mostly(fc.constant('lead'), fc.constantFrom('boss', 'Lead')),
      date: mostly(fc.constant('2026-11-22'), fc.constantFrom('2026-02-30', '22/11/2026')),
    },
    { requiredKeys: [] },
  );
  return fc
    .tuple(
      mostly(
        fc.constant(bankRef(bank)),
        fc.constantFrom(`${bank.id}@1`, `${bank.id}@${bank.version + 1}`, 'other@1', 'x', ''),
      ),
      head,
      fc.oneof(
        { weight: 10, arbitrary: answers },
        { weight: 1, arbitrary: fc.tuple(answers, unknownAnswer).map(([a, [id, v]]) => ({ ...a, [id]: v })) },
        { weight: 1, arbitrary: fc.constantFrom(null, [], 'none') },
      ),
      fc.oneof({ weight: 10, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: fc.constant({ extra: 1 }) }),
    )
    .map(([ref, h, a, extra]) => ({ bank: ref, ...h, ...extra, answers: a }));
}

/** Characters that change what a YAML text means, or that YAML does not allow raw. */
const RAW = [
  '\u0007',
  '\u001b',
  '\u0000',
  '\u007f',
  '\u0085',
  '\u0090',
  '\ufffe',
  '\t',
  '"',
  "'",
  ':',
  ' #',
  '&a ',
  '*a',
  '\ufeff',
];

/** A change to a text, named so that fast-check's counterexample says what it did. */
const named = (name: string, f: (t: string) => string) => Object.assign(f, { toString: () => name });

/** Damage that only text can carry: raw control characters, stray quotes and colons, tabs, a line twice. */
const damage = fc.oneof(
  { weight: 12, arbitrary: fc.constant(named('as written', (t: string) => t)) },
  {
    // Inside a value: at the end of a line, before its closing quote if it has one.
    weight: 3,
    arbitrary: fc.tuple(fc.nat(), fc.constantFrom(...RAW)).map(([at, c]) =>
      named(`${JSON.stringify(c)} at the end of line ${at}`, (t: string) => {
        const lines = t.split('\n');
        const i = at % lines.length;
        const l = lines[i]!;
        const end = /["']$/.test(l) ? l.length - 1 : l.length;
        lines[i] = l.slice(0, end) + c + l.slice(end);
        return lines.join('\n');
      }),
    ),
  },
  {
    weight: 3,
    arbitrary: fc.tuple(fc.nat(), fc.constantFrom(...RAW)).map(([at, c]) =>
      named(`${JSON.stringify(c)} at offset ${at}`, (t: string) => {
        const i = at % (t.length + 1);
        return t.slice(0, i) + c + t.slice(i);
      }),
    ),
  },
  {
    weight: 1,
    arbitrary: fc.nat().map((at) =>
      named(`line ${at} twice`, (t: string) => {
        const lines = t.split('\n');
        const i = at % lines.length;
        return [...lines.slice(0, i + 1), lines[i], ...lines.slice(i + 1)].join('\n');
      }),
    ),
  },
);

/** What each path decided: refused, or the answers it read (as plain data). */
function verdicts(bank: Bank, text: string) {
  const quick = answersValidator(bank)('a.yaml', text);
  const full = parseAnswers('a.yaml', text, bank);
  const plain = (x: unknown) => JSON.parse(JSON.stringify(x)) as unknown;
  return {
    quick: quick.answers ? plain(quick.answers) : 'refused',
    full: full.parsed ? plain(full.parsed.answers) : 'refused',
  };
}

describe('the pool validator accepts and refuses what the full answers parser does', () => {
  for (const [name, bank] of BANKS)
    test(name, () => {
      let accepted = 0;
      fc.assert(
        fc.property(documentFor(bank), damage, (doc, hurt) => {
          const { quick, full } = verdicts(bank, hurt(stringify(doc)));
          expect(quick).toEqual(full);
          if (full !== 'refused') accepted++;
        }),
        { seed: SEED, numRuns: RUNS },
      );
      // Neither side may be trivial: plenty of documents accepted, plenty refused.
      expect(accepted).toBeGreaterThan(RUNS * 0.15);
      expect(accepted).toBeLessThan(RUNS * 0.85);
    });

  test.each([
    ['a note that is a number', 'answers:\n  u.self: { value: agree, note: 5 }\n'],
    ['a note on a reason that is a number', 'answers:\n  u.self: { na: "new here", note: 5 }\n'],
    ['a raw control character in a note', 'answers:\n  u.self: { value: agree, note: "a\u0007b" }\n'],
    ['a raw C1 control character in a group', 'group: day\u0085x\u0090\nanswers:\n  u.self: agree\n'],
    ['a __proto__ key', 'answers:\n  __proto__: agree\n'],
    ['a value that is a list', 'answers:\n  u.self: { value: [agree] }\n'],
    ['a reason that is a number', 'answers:\n  u.self: { na: 5 }\n'],
    ['a value beside a reason', 'answers:\n  u.self: { value: agree, na: "new here" }\n'],
    ['a role that is not lead', 'role: boss\nanswers:\n  u.self: agree\n'],
    ['a group with spaces around it, too long once trimmed', `group: " ${'x'.repeat(101)} "\nanswers: {}\n`],
    ['an organization that is a number', 'organization: 5\nanswers: {}\n'],
    ['an unknown key', 'teams: day\nanswers: {}\n'],
  ])('refused by both: %s', (_name, rest) => {
    const bank = BANKS[0]![1];
    const text = `bank: pulse@1\n${rest}`;
    expect(verdicts(bank, text)).toEqual({ quick: 'refused', full: 'refused' });
  });
});

describe('the line reader of plain answers files reads what YAML.parse reads, or leaves the file to it', () => {
  /** What the line reader gave, beside what YAML gives for the same text, when it took the file. */
  const both = (text: string) => {
    const mine = plainYaml(text);
    let yaml: unknown;
    try {
      yaml = parse(text);
    } catch {
      yaml = 'YAML refuses it';
    }
    return { mine: mine === undefined ? 'left to YAML' : mine, yaml: mine === undefined ? 'left to YAML' : yaml };
  };

  for (const [name, bank] of BANKS)
    test(name, () => {
      fc.assert(
        fc.property(documentFor(bank), damage, fc.boolean(), (doc, hurt, commented) => {
          const text = hurt(
            (commented ? '# yaml-language-server: $schema=x.json\n# a comment\n' : '') + stringify(doc),
          );
          const { mine, yaml } = both(text);
          expect(mine).toEqual(yaml);
        }),
        { seed: SEED + 1, numRuns: RUNS },
      );
    });

  test('it takes every file in the shape collect and the pulse write (or it would speed nothing up)', () => {
    const bank = BANKS[2]![1];
    const questions = allQuestionsOf(bank).map((x) => x.question);
    const pulse = fc.record(
      {
        bank: fc.constant(bankRef(bank)),
        group: fc.constantFrom('day', 'night', 'weekend'),
        answers: fc
          .subarray(questions, { minLength: 1 })
          .chain((qs) =>
            fc.tuple(
              ...qs.map((q) =>
                (q.options?.length ? fc.constantFrom(...q.options.map((o) => o.value)) : fc.nat(100)).map(
                  (v): [string, unknown] => [q.id, v],
                ),
              ),
            ),
          )
          .map((pairs) => Object.fromEntries(pairs)),
      },
      { requiredKeys: ['bank', 'answers'] },
    );
    fc.assert(
      fc.property(pulse, (doc) => {
        const text = stringify(doc);
        expect(plainYaml(text)).toEqual(parse(text));
      }),
      { seed: SEED + 2, numRuns: RUNS },
    );
  });

  test.each([
    ['words YAML reads as booleans or null', 'bank: b@1\nanswers:\n  a: True\n  b: NULL\n  c: false\n'],
    ['a key YAML reads as a boolean', 'bank: b@1\nanswers:\n  true: agree\n'],
    ['numbers with a sign, a point or a leading zero', 'bank: b@1\nanswers:\n  a: 010\n  b: -1\n  c: 4.5\n'],
    ['a comment after a value', 'bank: b@1\nanswers:\n  a: agree # really\n'],
    ['trailing spaces', 'bank: b@1 \nanswers:\n  a: agree  \n'],
    ['CRLF line ends', 'bank: b@1\r\nanswers:\r\n  a: agree\r\n'],
    ['a repeated key', 'bank: b@1\nanswers:\n  a: agree\n  a: neutral\n'],
    ['entries indented unevenly', 'bank: b@1\nanswers:\n  a: agree\n   b: agree\n'],
    ['an empty answers block', 'bank: b@1\nanswers:\n# nothing yet\n'],
    ['unanswered questions', 'bank: b@1\nanswers:\n  a:\n  b: 40\n'],
    ['a quoted group and an escape', 'bank: b@1\ngroup: "night shift"\nrespondent: "A \\"B\\""\nanswers: {}\n'],
    ['a document marker', '---\nbank: b@1\nanswers: {}\n'],
    ['comments alone', '# nothing\n'],
    [
      'notes as service-audit writes them',
      'bank: b@1\nanswers:\n  a: { value: agree, note: "late # shift, really" }\n  b: { value: 40, note: "" }\n',
    ],
    [
      'a note with an escape, a value that is a list',
      'bank: b@1\nanswers:\n  a: { value: agree, note: "a\\"b" }\n  b: { value: [x], note: "" }\n',
    ],
    [
      'a note that is a number, a value that is null',
      'bank: b@1\nanswers:\n  a: { value: agree, note: 5 }\n  b: { value: null, note: "" }\n',
    ],
  ])('%s', (_name, text) => {
    const { mine, yaml } = both(text);
    expect(mine).toEqual(yaml);
  });
});
