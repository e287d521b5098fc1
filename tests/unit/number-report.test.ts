import { Ajv } from 'ajv';
import { lint } from 'markdownlint/promise';
import { describe, expect, test } from 'vitest';
import { parseAnswers } from '../../src/answers/parse.js';
import { parseBank } from '../../src/bank/parse.js';
import { jsonSchema } from '../../src/cli/commands/schema.js';
import { REPORT_FORMATS } from '../../src/report/formats.js';
import { buildReport } from '../../src/report/model.js';
import { scoreAudit } from '../../src/score/score.js';
import { MARKDOWNLINT_CONFIG, NUMBER_BANK } from '../helpers.js';

const bank = parseBank('num.yaml', NUMBER_BANK).bank!;
const model = (answers: string) => {
  const parsed = parseAnswers('answers.yaml', answers, bank).parsed!.answers;
  return buildReport(scoreAudit(bank, parsed), {
    toolVersion: '1.2.3',
    bank,
    bankSha256: 'a'.repeat(64),
    answers: parsed,
    answersFile: 'answers.yaml',
    answersSha256: 'b'.repeat(64),
  });
};
const WEAK = 'bank: num@1\nanswers:\n  s.chat: 12\n  s.csat: 80\n  b.escalate: no\n';
const UNMEASURED =
  'bank: num@1\nanswers:\n  s.chat: { na: "we don\'t measure this" }\n  s.csat: 95\n  b.escalate: yes\n';
/** Every format's text on one line, tags and markdown marks taken out, so a wrapped phrase is still found. */
const flat = (text: string) =>
  text
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/[*\\]/g, '')
    .replace(/\s+/g, ' ');

describe('number answers and advice in every report format', () => {
  test.each(Object.keys(REPORT_FORMATS) as (keyof typeof REPORT_FORMATS)[])(
    '%s: the target beside the value; the first step, owner and check of the advice',
    (format) => {
      const text = flat(REPORT_FORMATS[format](model(WEAK), {}));
      expect(text).toContain('12 minutes (target ≤ 2)');
      expect(text).toContain('80% (target ≥ 90)');
      expect(text).toContain('Route chats to a person at once.');
      if (format === 'json') {
        expect(text).toContain('"firstStep": "Turn on chat notifications for two people per shift."');
        expect(text).toContain('"owner": "IT"');
        expect(text).toContain('"check": "No chat waits more than 10 minutes in a week\'s log."');
      } else {
        expect(text).toContain('First step: Turn on chat notifications for two people per shift.');
        expect(text).toContain('Owner: IT');
        expect(text).toContain("Check: No chat waits more than 10 minutes in a week's log.");
        expect(text).toContain('Owner: Team lead');
      }
    },
  );

  test.each(Object.keys(REPORT_FORMATS) as (keyof typeof REPORT_FORMATS)[])(
    '%s: a number answered N/A becomes advice to start measuring',
    (format) => {
      const text = flat(REPORT_FORMATS[format](model(UNMEASURED), {}));
      expect(text).toContain('Start timing chat replies.');
      expect(text).toContain(
        format === 'json' ? '"firstStep": "Export last week\'s chat log."' : "First step: Export last week's chat log.",
      );
      if (format !== 'json') expect(text).toMatch(/Start measuring/);
    },
  );

  test('the model lists the unmeasured number with its unit, target, reason and advice; JSON validates', () => {
    const m = model(UNMEASURED);
    expect(m.schemaVersion).toBe(5);
    expect(m.unmeasured).toEqual([
      {
        questionId: 's.chat',
        element: 'ops.speed',
        text: 'How many minutes does a first reply on chat take, at the median?',
        unit: 'minutes',
        target: 'target ≤ 2',
        reason: "we don't measure this",
        recommendation: 'Start timing chat replies.',
        firstStep: "Export last week's chat log.",
        owner: 'IT',
        check: "A median is on the team's dashboard every Monday.",
      },
    ]);
    expect(model(WEAK).unmeasured).toEqual([]);
    const validate = new Ajv({ strict: false }).compile(JSON.parse(jsonSchema('report')));
    for (const x of [model(WEAK), model(UNMEASURED)])
      expect(validate(JSON.parse(JSON.stringify(x))), JSON.stringify(validate.errors)).toBe(true);
  });

  test('the markdown passes markdownlint', async () => {
    for (const answers of [WEAK, UNMEASURED]) {
      const results = await lint({
        strings: { r: REPORT_FORMATS.markdown(model(answers), {}) },
        config: MARKDOWNLINT_CONFIG,
      });
      expect(results.r).toEqual([]);
    }
  });
});
