import { lint } from 'markdownlint/promise';
import { describe, expect, test } from 'vitest';
import { parseAnswers } from '../../src/answers/parse.js';
import { parseBank } from '../../src/bank/parse.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { buildReport } from '../../src/report/model.js';
import { scoreAudit } from '../../src/score/score.js';
import { sentence } from '../../src/text/sentence.js';
import { MARKDOWNLINT_CONFIG, MINI_BANK } from '../helpers.js';

// Issue 22 item 13: "not its exact wording.." (a source that ends in a full stop got a second one)
// and a Difference column with no unit.

function markdown(source: string): string {
  const bank = parseBank('mini.yaml', MINI_BANK.replace('source: A poll', `source: "${source}"`)).bank!;
  const answers = parseAnswers('a.yaml', 'bank: mini@1\nanswers:\n  t.share: 45\n', bank).parsed!.answers;
  return renderMarkdown(
    buildReport(scoreAudit(bank, answers), {
      toolVersion: '1',
      bank,
      bankSha256: 'a'.repeat(64),
      answers,
      answersFile: 'a.yaml',
      answersSha256: 'b'.repeat(64),
      explain: false,
    }),
  );
}

describe('markdown wording (issue 22 item 13)', () => {
  test('a source that ends its own sentence gets no second full stop', async () => {
    const md = markdown('A poll. The statement gives its finding, not its exact wording.');
    expect(md).toContain('not its exact wording.\n');
    expect(md).not.toMatch(/wording\.\./);
    expect(markdown('A poll')).toContain('Source: A poll.\n');
    const results = await lint({ strings: { report: md }, config: MARKDOWNLINT_CONFIG });
    expect(results.report).toEqual([]);
  });

  test('the Difference column says its unit', () => {
    expect(markdown('A poll')).toContain('| Statement | Yours | Poll | Difference (points) |');
  });

  test('sentence() ends a text once', () => {
    expect(['a', 'a.', 'a?', 'a!', 'a.)', 'a …'].map(sentence)).toEqual(['a.', 'a.', 'a?', 'a!', 'a.)', 'a …']);
  });
});
