import { readFileSync } from 'node:fs';
import { lint } from 'markdownlint/promise';
import { describe, expect, test } from 'vitest';
import { parseAnswers } from '../../src/answers/parse.js';
import { parseBank } from '../../src/bank/parse.js';
import { compareAudits } from '../../src/compare/compare.js';
import { renderComparisonMarkdown } from '../../src/compare/formats.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { buildReport } from '../../src/report/model.js';
import { scoreAudit } from '../../src/score/score.js';
import { MARKDOWNLINT_CONFIG, MINI_BANK } from '../helpers.js';

const bank = parseBank('mini.yaml', MINI_BANK).bank!;
const answers = parseAnswers(
  'answers.yaml',
  'bank: mini@1\nanswers:\n  c.one: partly\n  c.two: yes\n  d.one: { na: "no delivery" }\n',
  bank,
).parsed!.answers;
const reportOf = (explain: boolean, answersFile = 'answers.yaml') =>
  buildReport(scoreAudit(bank, answers), {
    toolVersion: '1.2.3',
    bank,
    bankSha256: 'a'.repeat(64),
    answers,
    answersFile,
    answersSha256: 'b'.repeat(64),
    explain,
  });
const markdown = (explain: boolean) => renderMarkdown(reportOf(explain), {});
const lintErrors = async (md: string) =>
  (await lint({ strings: { md }, config: MARKDOWNLINT_CONFIG })).md!.map(
    (r) => `${r.lineNumber}: ${r.ruleNames.join('/')} ${r.errorDetail ?? ''}`,
  );

describe('markdown --explain', () => {
  test("shows each element's arithmetic: a row per question, then the formula", () => {
    const md = markdown(true);
    expect(md).toContain(
      [
        '| Question | Answer | Weight | Credit | Weight × credit |',
        '| --- | --- | ---: | ---: | ---: |',
        '| `c.one` | partly | 3 | 0.50 | 1.5 |',
        '| `c.two` | yes | 1 | 1.00 | 1 |',
        '',
        'Score = 100 × 2.5 / 4 = 62.5.',
      ].join('\n'),
    );
    // An element with no score gets no empty table: it is named once, in the Not scored line.
    expect(md).not.toContain('| `d.one` |');
    expect(md).toMatch(/^Not scored: .*Delivery/m);
    expect(md).not.toContain('| `t.share` |');
    // How areas and the overall combine, from the model's arithmetic.
    expect(md).toContain(
      '## How the scores combine\n\n- `dna` = (2 × 62.5) / 2 = 62.5 → 62.5\n- overall (by elements) = (2 × 62.5) / 2 → 62.5\n',
    );
  });

  test('is absent without --explain', () => {
    expect(markdown(false)).not.toContain('| Question | Answer |');
    expect(markdown(false)).not.toContain('How the scores combine');
  });

  test('still passes markdownlint', async () => {
    expect(await lintErrors(markdown(true))).toEqual([]);
  });
});

describe('markdownlint', () => {
  test('the comparison passes too, with long file names', async () => {
    const audit = (file: string) => ({ report: reportOf(false, file), answers });
    const md = renderComparisonMarkdown(
      compareAudits(
        bank,
        audit('audits/2026/first-quarter/service-audit-answers.yaml'),
        audit('audits/2026/second-quarter/service-audit-answers.yaml'),
      ),
      {},
    );
    expect(await lintErrors(md)).toEqual([]);
  });

  test('is run with its defaults but one rule, which the README names with the reason', () => {
    expect(MARKDOWNLINT_CONFIG).toEqual({
      default: true,
      MD013: { line_length: 80, tables: false, code_blocks: false },
    });
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8').replace(/\s+/g, ' ');
    expect(readme).toContain(
      'relaxed: MD013 (line length, 80 columns) does not apply to tables and code blocks (`{ "MD013": { "tables": false, "code_blocks": false } }`)',
    );
  });
});
