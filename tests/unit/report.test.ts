import { Ajv } from 'ajv';
import { lint } from 'markdownlint/promise';
import { describe, expect, test } from 'vitest';
import { parseAnswers } from '../../src/answers/parse.js';
import { parseBank } from '../../src/bank/parse.js';
import { jsonSchema } from '../../src/cli/commands/schema.js';
import { renderJson } from '../../src/report/json.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { buildReport } from '../../src/report/model.js';
import { renderTerminal } from '../../src/report/terminal.js';
import { colorLevel, type Style } from '../../src/text/style.js';
import { scoreAudit } from '../../src/score/score.js';
import { MARKDOWNLINT_CONFIG, MINI_BANK } from '../helpers.js';

const bank = parseBank('mini.yaml', MINI_BANK).bank!;
const ANSWERS = `bank: mini@1
organization: Acme | Support
date: 2026-11-22
answers:
  c.one: { value: partly, note: "Only | for *new* customers" }
  c.two: yes
  d.one: { na: "we have no delivery" }
  t.share: 45
`;
const model = (explain = false) => {
  const answers = parseAnswers('answers.yaml', ANSWERS, bank).parsed!.answers;
  return buildReport(scoreAudit(bank, answers), {
    toolVersion: '1.2.3',
    bank,
    bankSha256: 'a'.repeat(64),
    answers,
    answersFile: 'answers.yaml',
    answersSha256: 'b'.repeat(64),
    explain,
  });
};

async function lintMarkdown(md: string): Promise<string[]> {
  const results = await lint({ strings: { report: md }, config: MARKDOWNLINT_CONFIG });
  return results.report!.map(
    (r) => `${r.lineNumber}: ${r.ruleNames.join('/')} ${r.ruleDescription} ${r.errorDetail ?? ''}`,
  );
}

describe('the report model', () => {
  test('holds the scores with one decimal and the contract fields', () => {
    const m = model();
    expect(m.schemaVersion).toBe(5);
    expect(m.overall).toEqual({ score: 56.7, band: 'low', missing: [] }); // (2×62.5 + 45) / 3
    expect(m.elements.map((e) => [e.id, e.score, e.answered, e.notApplicable, e.unanswered])).toEqual([
      ['dna.customer', 62.5, 2, 0, 0],
      ['dna.delivery', null, 0, 1, 0],
      ['eng.trust', 45, 1, 0, 0],
    ]);
    expect(m.notApplicable).toEqual([{ questionId: 'd.one', reason: 'we have no delivery' }]);
    expect(m.elements[0]!.notes).toEqual([{ questionId: 'c.one', note: 'Only | for *new* customers' }]);
    expect(m.priorities.map((p) => [p.questionId, p.answer, p.answerLabel])).toEqual([
      ['c.one', 'partly', 'Partly'],
      ['t.share', 45, '45%'],
    ]);
    expect(m.elements[0]!.explain).toBeUndefined();
    expect(model(true).elements[0]!.explain).toEqual([
      { questionId: 'c.one', status: 'answered', answer: 'partly', weight: 3, credit: 0.5 },
      { questionId: 'c.two', status: 'answered', answer: 'yes', weight: 1, credit: 1 },
    ]);
  });

  test('as JSON validates against the published report schema and is byte-identical run to run', () => {
    const ajv = new Ajv({ strict: false });
    const validate = ajv.compile(JSON.parse(jsonSchema('report')));
    for (const m of [model(), model(true)]) {
      const ok = validate(JSON.parse(renderJson(m)));
      expect(validate.errors ?? []).toEqual([]);
      expect(ok).toBe(true);
    }
    expect(renderJson(model())).toBe(renderJson(model()));
  });
});

describe('the terminal renderer', () => {
  const text = renderTerminal(model());
  test('opens with the one-screen summary, then elements weakest first, and ends on what to fix first', () => {
    const lines = text.split('\n');
    expect(lines.slice(0, 7)).toEqual([
      'Mini bank — Acme | Support, 2026-11-22',
      'Overall 56.7 / 100  Low',
      'Weakest element: Trust 45.0  Low',
      'Answered 3 of 4, 1 not applicable',
      'Do first',
      '  1. Question one? (importance 6 × gap 0.5)',
      '  2. What share trusts it? (importance 1 × gap 0.55)',
    ]);
    const order = ['Trust', 'The Customer'].map((t) => lines.findIndex((l) => l.startsWith(`  ${t}`)));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    // An unscored element is named once, not drawn as an empty row.
    expect(text).toContain('  Not scored: The Delivery\n');
    expect(text).not.toMatch(/The Delivery +·/);
    expect(text).toContain(
      '  2. What share trusts it? (45%; importance 1 × gap 0.55; +18.3 points, t.share)\n     → Build trust.\n',
    );
    expect(text.trimEnd().endsWith('→ Build trust.')).toBe(true);
    expect(text).toContain('  Trust                                  yours 45% vs 20% (+25)');
    expect(text).toContain('  1 question not applicable: we have no delivery (d.one)');
  });

  test('fits 80 columns and has no colour codes without a style', () => {
    for (const l of renderTerminal(model(true)).split('\n')) expect(l.length, l).toBeLessThanOrEqual(80);
    expect(text).not.toMatch(/\u001b\[/);
  });

  test('--explain shows the arithmetic: element sums, how areas combine, and the overall', () => {
    const x = renderTerminal(model(true));
    expect(x).toContain('      score = 100 × 2.5 / 4 = 62.5');
    expect(x).toContain('      dna = (2 × 62.5) / 2 = 62.5 → 62.5\n');
    expect(x).toContain('      overall (by elements) = (2 × 62.5 + 1 × 45) / 3 → 56.7\n');
  });

  test('colours through the style it is given', () => {
    const tag = (t: string) => (s: string) => `<${t}>${s}</${t}>`;
    const style: Style = {
      bold: tag('b'),
      dim: tag('d'),
      red: tag('r'),
      yellow: tag('y'),
      green: tag('g'),
      cyan: tag('c'),
    };
    expect(renderTerminal(model(), { style })).toContain('<r>Low</r>');
  });
});

describe('colour decisions', () => {
  test.each([
    [{ flag: true, env: {}, isTTY: true }, 1],
    [{ flag: true, env: {}, isTTY: false }, 0],
    [{ flag: false, env: {}, isTTY: true }, 0],
    [{ flag: true, env: { NO_COLOR: '1' }, isTTY: true }, 0],
    [{ flag: true, env: { NO_COLOR: '' }, isTTY: true }, 1],
    [{ flag: true, env: { FORCE_COLOR: '1' }, isTTY: false }, 1],
    [{ flag: true, env: { FORCE_COLOR: '3' }, isTTY: false }, 3],
    [{ flag: true, env: { FORCE_COLOR: '0' }, isTTY: true }, 0],
    [{ flag: false, env: { FORCE_COLOR: '1' }, isTTY: true }, 0],
    [{ flag: true, env: { TERM: 'dumb' }, isTTY: true }, 0],
  ])('%o → level %i', (input, level) => {
    expect(colorLevel(input)).toBe(level);
  });
});

describe('the markdown renderer', () => {
  const md = renderMarkdown(model());
  test('passes markdownlint', async () => {
    expect(await lintMarkdown(md)).toEqual([]);
    expect(await lintMarkdown(renderMarkdown(model(true)))).toEqual([]);
  });

  test('has the title, summary table, chart, checklist, benchmarks and lists', () => {
    expect(md.startsWith('# Mini bank: Acme \\| Support\n')).toBe(true);
    expect(md).toContain(
      '| Area | Element | Score | Band |\n| --- | --- | ---: | --- |\n| DNA | The Customer | 62.5 | High |',
    );
    expect(md).toContain('```mermaid\nxychart-beta horizontal\n');
    expect(md).toContain('  x-axis ["The Customer", "Trust"]\n  y-axis "Score" 0 --> 100\n  bar [62.5, 45.0]');
    expect(md).toContain(
      '- [ ] What share trusts it? (`t.share`; 45%; importance 1 × gap 0.55; +18.3\n      points): Build trust.',
    );
    expect(md).toContain('| I trust it. | 45% | 20% | +25.0 |');
    expect(md).toContain('Source: A poll.');
    expect(md).toContain('> Note on `c.one`: Only \\| for \\*new\\* customers');
    expect(md).toContain('## Left out of the scores\n\n- 1 question not applicable: we have no delivery (d.one)');
    // The one-screen summary comes first; the report ends on Fix first.
    expect(md.indexOf('Weakest element: **Trust** 45.0')).toBeLessThan(md.indexOf('## Scores'));
    expect(md).toContain('## Do first\n\n1. Question one? (importance 6 × gap 0.5)\n2. What share trusts it?');
    expect(md.slice(md.lastIndexOf('\n## '))).toMatch(/^\n## Fix first\n\n- \[ \] Question one\?/);
  });

  test('the linter really catches broken markdown', async () => {
    expect(await lintMarkdown('# A\n# A\n')).not.toEqual([]);
  });
});
