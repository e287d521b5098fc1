// Property tests: whatever a valid bank holds (ids and values that look like numbers, booleans or
// null; titles and texts with newlines, quotes, comment marks and control characters) and
// whatever the answers are, the answers file the audit and `init` write reads back as exactly
// those answers. Seeded, so a failure repeats; fast-check prints the smallest failing case.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parseAnswers } from '../../src/answers/parse.js';
import type { Answer, Answers } from '../../src/answers/schema.js';
import { renderAnswersFile } from '../../src/answers/write.js';
import { bankRef } from '../../src/bank/queries.js';
import { YES_NO, type Bank, type Option, type Question } from '../../src/bank/schema.js';

const SEED = 20261124;

/** Words and numbers YAML reads as something other than text, in one version or another. */
const TRICKY_WORDS = [
  '0',
  '00',
  '1',
  '010',
  '007',
  '1e3',
  '12e-3',
  '0x1f',
  '0o17',
  '1_000',
  'null',
  'true',
  'false',
  'yes',
  'no',
  'on',
  'off',
  'y',
  'n',
  'nan',
  'inf',
  'e',
  '2026-01-01',
];
/** Texts that break naive YAML, terminals or comments. */
const TRICKY_TEXTS = [
  'a\nb',
  'x\r\ny',
  '# not a comment',
  'key: value',
  '- item',
  '"quoted"',
  "it's",
  '\\',
  '\u2028line',
  'e\u0085nel',
  '\u001b[2J\u001b]0;title\u0007',
  '::error::boom',
  '\ud800 lone',
  'tab\there',
  '\u0000nul',
  '\u007f\u0080',
  '\ufeffbom',
  '\uffff',
  ' lead and trail ',
  '&anchor *alias',
  '{ flow: map }',
  '[a, b]',
  '!tag x',
  '%YAML',
  '---',
  '...',
  '|',
  '>',
  '@',
  '`',
];

const segment = fc.oneof(
  fc.constantFrom(...TRICKY_WORDS.filter((w) => /^[a-z0-9]+$/.test(w))),
  fc.stringMatching(/^[a-z0-9]{1,5}$/),
);
/** An id as the bank schema allows it: segments of [a-z0-9] joined by the given separators. */
const idOf = (seps: string[]) =>
  fc.oneof(
    { weight: 1, arbitrary: fc.constantFrom(...TRICKY_WORDS) },
    {
      weight: 3,
      arbitrary: fc
        .tuple(segment, fc.array(fc.tuple(fc.constantFrom(...seps), segment), { maxLength: 2 }))
        .map(([h, t]) => h + t.map(([s, x]) => s + x).join('')),
    },
  );
const optionValue = idOf(['-', '_']);
const questionId = idOf(['-', '_', '.']);

/** Any text, trimmed and non-empty as the schema leaves it. */
const text = fc
  .oneof(
    fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }),
    fc.constantFrom(...TRICKY_TEXTS),
    fc.constantFrom(...TRICKY_WORDS),
    fc.tuple(fc.constantFrom(...TRICKY_TEXTS), fc.string({ unit: 'binary', maxLength: 10 })).map(([a, b]) => a + b),
  )
  .map((s) => s.trim())
  .filter((s) => s.length > 0);
/** Free text as a user types it: anything at all. */
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(...TRICKY_TEXTS, ...TRICKY_WORDS, ''),
);

type Kind = Question['type'];
const options = fc
  .uniqueArray(optionValue, { minLength: 2, maxLength: 4 })
  .chain((values) =>
    fc
      .tuple(...values.map((value) => text.map((label): Option => ({ value, label, credit: 0.5 }))))
      .map((os) => os.map((o, i) => ({ ...o, credit: i === 0 ? 0 : i === os.length - 1 ? 1 : o.credit }))),
  );

const questionOf = (id: string) =>
  fc
    .record({ type: fc.constantFrom<Kind>('scale', 'yesno', 'choice', 'percent'), text, opts: options, help: text })
    .map(
      ({ type, text: t, opts, help }): Question => ({
        id,
        text: t,
        type,
        weight: 1,
        audience: 'lead',
        ...(type === 'percent' ? { min: 0, max: 100 } : { options: type === 'yesno' ? YES_NO : opts }),
        help,
        recommendation: help,
        sources: [{ ref: 'x', concept: 'y' }],
      }),
    );

/** A valid, normalised bank: 1-7 questions with unique ids: maybe a profile, then 1-2 areas. */
const bank: fc.Arbitrary<Bank> = fc
  .uniqueArray(questionId, { minLength: 1, maxLength: 7 })
  .chain((ids) =>
    fc.tuple(
      fc.tuple(...ids.map(questionOf)),
      optionValue,
      text,
      text,
      text,
      fc.option(text, { nil: undefined }),
      fc.integer({ min: 1, max: 3 }),
      fc.integer({ min: 0, max: 2 }),
    ),
  )
  .map(([all, id, title, areaTitle, elementTitle, concept, version, profiles]): Bank => {
    const p = Math.min(profiles, all.length - 1);
    const profile = all.slice(0, p).map((q): Question => ({ ...q, profile: true }));
    const questions = all.slice(p);
    const half = Math.ceil(questions.length / 2);
    const element = (eid: string, qs: Question[]) => ({
      id: eid,
      title: elementTitle,
      ...(concept !== undefined && { concept }),
      weight: 1,
      questions: qs,
    });
    const areas = [{ id: 'a', title: areaTitle, elements: [element('a.e', questions.slice(0, half))] }];
    if (questions.length > half) areas.push({ id: '0', title, elements: [element('0.1', questions.slice(half))] });
    return {
      id,
      version,
      title,
      bands: [{ id: 'low', label: 'Low', min: 0 }],
      sources: [{ id: 'x', title: 'X' }],
      profile,
      areas,
    };
  });

/** Answers as the audit gives them: a value of the question, or a reason it does not apply; maybe a note. */
const answerTo = (q: Question): fc.Arbitrary<Answer> => {
  const note = fc.option(
    anyText.filter((s) => s !== ''),
    { nil: undefined },
  );
  const value: fc.Arbitrary<string | number> =
    q.type === 'percent'
      ? fc.oneof(fc.integer({ min: 0, max: 100 }), fc.double({ min: 0, max: 100, noNaN: true }))
      : fc.constantFrom(...q.options!.map((o) => o.value));
  return fc.oneof(
    fc.tuple(value, note).map(([v, n]): Answer => ({ value: v, ...(n !== undefined && { note: n }) })),
    fc.tuple(text, note).map(([na, n]): Answer => ({ na, ...(n !== undefined && { note: n }) })),
  );
};

const day = fc
  .date({ min: new Date('1900-01-01'), max: new Date('2199-12-31'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

const bankAndAnswers = bank.chain((b) => {
  const qs = [...b.profile, ...b.areas.flatMap((a) => a.elements.flatMap((e) => e.questions))];
  return fc
    .record(
      {
        organization: anyText,
        respondent: anyText,
        group: text.filter((s) => s.length <= 100),
        role: fc.constant('lead' as const),
        date: day,
        given: fc.tuple(...qs.map((q) => fc.option(answerTo(q), { nil: undefined }))),
      },
      { requiredKeys: ['given'] },
    )
    .map(({ given, ...meta }) => {
      const answers: Record<string, Answer> = {};
      qs.forEach((q, i) => {
        if (given[i] !== undefined) answers[q.id] = given[i]!;
      });
      return { bank: b, answers: { ...meta, answers } as Omit<Answers, 'bank'> };
    });
});

describe('the answers file reads back as written, for any valid bank', () => {
  test('write → read gives the same answers (2,000 random banks and answers)', () => {
    fc.assert(
      fc.property(bankAndAnswers, ({ bank: b, answers }) => {
        const file = renderAnswersFile(b, answers, './schema.json');
        const { parsed, problems } = parseAnswers('a.yaml', file, b);
        expect(problems).toEqual([]);
        expect(parsed!.answers).toEqual({ bank: bankRef(b), ...answers });
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });

  test('the init template is valid and empty (1,000 random banks)', () => {
    fc.assert(
      fc.property(bank, anyText, (b, schemaPath) => {
        const file = renderAnswersFile(b, { answers: {} }, schemaPath);
        const { parsed, problems } = parseAnswers('t.yaml', file, b);
        expect(problems).toEqual([]);
        expect(parsed!.answers).toEqual({ bank: bankRef(b), answers: {} });
        // Every line is a comment, a key, or blank: no bank text escaped its comment.
        for (const line of file.split('\n'))
          expect(line).toMatch(/^(\s*#.*|[a-z]+:.*|\s+("[^"]*"|[A-Za-z][A-Za-z0-9_.-]*):|)$/);
      }),
      { seed: SEED + 1, numRuns: 1000 },
    );
  });
});
