import { Ajv } from 'ajv';
import { lint } from 'markdownlint/promise';
import { describe, expect, test } from 'vitest';
import { parseAnswers } from '../../src/answers/parse.js';
import { parseBank } from '../../src/bank/parse.js';
import { referenceLine } from '../../src/bank/sources.js';
import { jsonSchema } from '../../src/cli/commands/schema.js';
import { REPORT_FORMATS } from '../../src/report/formats.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { buildReport } from '../../src/report/model.js';
import { scoreAudit } from '../../src/score/score.js';
import { MARKDOWNLINT_CONFIG, MINI_BANK, MINI_BANK_V2, V1_ANSWERS } from '../helpers.js';

const v2 = parseBank(
  'mini-v2.yaml',
  MINI_BANK_V2.replace(
    'note: as reported in the DNA article }',
    'note: as reported in the DNA article, url: "https://example.org/8th-habit" }',
  ),
).bank!;
const model = (text = V1_ANSWERS) => {
  const parsed = parseAnswers('answers.yaml', text, v2).parsed!;
  return buildReport(scoreAudit(v2, parsed.answers), {
    toolVersion: '1.2.3',
    bank: v2,
    bankSha256: 'a'.repeat(64),
    answers: parsed.answers,
    answersFile: 'answers.yaml',
    answersSha256: 'b'.repeat(64),
    ...(parsed.upgrade && { upgrade: parsed.upgrade }),
  });
};

describe('sources in the report', () => {
  test('each element names its sources by title and concept; the report lists every article cited', () => {
    const m = model();
    expect(m.elements.map((e) => [e.id, e.sources])).toEqual([
      [
        'dna.customer',
        [
          { ref: 'dna', title: 'The DNA of Service Excellence', concept: 'One' },
          { ref: 'dna', title: 'The DNA of Service Excellence', concept: 'Two' },
        ],
      ],
      ['dna.delivery', [{ ref: 'dna', title: 'The DNA of Service Excellence', concept: 'Three' }]],
      ['eng.trust', [{ ref: 'poll', title: 'The 8th Habit', concept: 'Trust' }]],
    ]);
    expect(m.sources).toEqual([
      { id: 'dna', title: 'The DNA of Service Excellence', author: 'A. Writer', date: '2013' },
      {
        id: 'poll',
        title: 'The 8th Habit',
        author: 'Stephen R. Covey',
        date: '2004',
        note: 'as reported in the DNA article',
        url: 'https://example.org/8th-habit',
      },
    ]);
  });

  test('markdown: a Sources line per element and the Sources list at the end, lint-clean', async () => {
    const md = renderMarkdown(model());
    expect(md).toContain('Source: The DNA of Service Excellence (One; Two).');
    // The Delivery has no score: it is named once, not drawn as an empty section with its sources.
    expect(md).not.toContain('(Three).');
    expect(md.match(/The Delivery/g)?.length ?? 0).toBeLessThanOrEqual(1);
    const list = md.slice(md.indexOf('## Sources'));
    expect(list).toContain('- *The DNA of Service Excellence*. A. Writer, 2013\n');
    expect(list).toContain(
      '- *The 8th Habit*. Stephen R. Covey, 2004. as reported in the DNA article.\n  `https://example.org/8th-habit`',
    );
    const results = await lint({ strings: { report: md }, config: MARKDOWNLINT_CONFIG });
    expect(results.report!.map((r) => `${r.lineNumber}: ${r.ruleNames.join('/')} ${r.errorDetail ?? ''}`)).toEqual([]);
  });

  test('JSON validates against the published schema (schemaVersion 3), with and without an upgrade', () => {
    const validate = new Ajv({ strict: false }).compile(JSON.parse(jsonSchema('report')));
    for (const m of [model(), model('bank: mini@2\nanswers:\n  t.share: 10\n')]) {
      expect(validate(JSON.parse(REPORT_FORMATS.json(m, {})))).toBe(true);
      expect(validate.errors ?? []).toEqual([]);
    }
    expect(model().upgrade).toEqual({
      from: 'mini@1',
      newQuestions: ['profile.in-person', 'd.brochure', 'd.brochure-current', 't.new'],
    });
    expect(model('bank: mini@2\nanswers: {}\n').upgrade).toBeUndefined();
  });

  test('titles with markup are escaped in markdown', () => {
    const b = parseBank(
      'x.yaml',
      MINI_BANK_V2.replace('title: The DNA of Service Excellence', 'title: "<img src=x> *DNA* [link](http://evil)"'),
    ).bank!;
    const parsed = parseAnswers('a.yaml', 'bank: mini@2\nanswers:\n  c.one-b: mostly\n', b).parsed!;
    const md = renderMarkdown(
      buildReport(scoreAudit(b, parsed.answers), {
        toolVersion: '1',
        bank: b,
        bankSha256: 'a'.repeat(64),
        answers: parsed.answers,
        answersFile: 'a.yaml',
        answersSha256: 'b'.repeat(64),
      }),
    );
    expect(md).toContain('Source: \\<img src=x\\> \\*DNA\\* \\[link\\](http\\://evil) (One; Two).');
    expect(md).not.toMatch(/(^|[^\\])<img/m);
    expect(md).not.toMatch(/[^\\]\]\(http/);
  });

  test('the ? help line names title and concept; a v1 bank shows its file as the title', () => {
    const q = v2.areas[0]!.elements[0]!.questions[0]!;
    expect(referenceLine(v2, q)).toBe('Source: The DNA of Service Excellence (One)');
    const v1 = parseBank('mini.yaml', MINI_BANK).bank!;
    expect(referenceLine(v1, v1.areas[0]!.elements[0]!.questions[0]!)).toBe('Source: a.txt (One)');
  });
});
