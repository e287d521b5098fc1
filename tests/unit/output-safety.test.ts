// Every renderer, fed text that tries to act: terminal escapes, line breaks, GitHub workflow
// commands, markdown and HTML. Each string of the model (ids included, mapped consistently so
// the model still holds together) carries the attack, so a field a renderer forgets shows here.
import { lint } from 'markdownlint/promise';
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { describe, expect, test } from 'vitest';
import { parseAnswers } from '../../src/answers/parse.js';
import { parseBank } from '../../src/bank/parse.js';
import { reportView } from '../../src/report/view.js';
import { evaluate } from '../../src/check/assertions.js';
import { assertionsFrom } from '../../src/check/config.js';
import {
  renderCheckGithub,
  renderCheckJunit,
  renderCheckMarkdown,
  renderCheckTerminal,
  renderProblemsGithub,
  type CheckOutcome,
} from '../../src/check/formats.js';
import { renderOutline } from '../../src/bank/formats.js';
import { compareAudits } from '../../src/compare/compare.js';
import { renderComparisonMarkdown, renderComparisonTerminal } from '../../src/compare/formats.js';
import { formatProblem } from '../../src/errors.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { buildReport } from '../../src/report/model.js';
import type { ReportModel } from '../../src/report/schema.js';
import { renderTerminal } from '../../src/report/terminal.js';
import { scoreAudit } from '../../src/score/score.js';
import { MARKDOWNLINT_CONFIG, MINI_BANK } from '../helpers.js';

const ATTACK =
  ' \u001b]0;pwned\u0007\u001b[2J\r\n::error file=x,line=1::injected\n##[error]old form\n# heading\n<img src=x onerror=alert(1)> see https://evil.example, www.evil.example or a@evil.example | *x* \u2028 1. item\n- item';
const hostile = (s: string) => `${s}${ATTACK}`;

/** Fields that hold one of a few fixed words, which renderers branch on rather than show. */
const FIXED = new Set(['level', 'operator', 'status', 'name', 'schemaVersion']);
/** Ids: the bank's schema allows only [a-z0-9.-_] in them, so they are hostile only in the terminal tests. */
const IDS = new Set(['id', 'questionId', 'area', 'element', 'question', 'band', 'unanswered', 'questions']);

/** Maps every string in a value (and the ids keying `positions`): the same input, the same output, so the model holds together. */
function mapStrings<T>(v: T, f: (s: string) => string, ids = true, keys = false): T {
  if (typeof v === 'string') return f(v) as T;
  if (Array.isArray(v)) return v.map((x) => mapStrings(x, f, ids)) as T;
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.entries(v).map(([k, x]) => [
        keys && ids ? f(k) : k,
        FIXED.has(k) || (!ids && IDS.has(k)) ? x : mapStrings(x, f, ids, k === 'positions'),
      ]),
    ) as T;
  return v;
}

const bank = parseBank('mini.yaml', MINI_BANK).bank!;
const ANSWERS = `bank: mini@1
organization: Acme
respondent: Dana
date: 2026-11-22
answers:
  c.one: { value: partly, note: "Only for new customers" }
  c.two: no
  d.one: { na: "we have no delivery" }
`;
const parsed = parseAnswers('answers.yaml', ANSWERS, bank).parsed!;
const cleanReport = buildReport(scoreAudit(bank, parsed.answers), {
  toolVersion: '1.0.0',
  bank,
  bankSha256: 'a'.repeat(64),
  answers: parsed.answers,
  answersFile: 'answers.yaml',
  answersSha256: 'b'.repeat(64),
  explain: true,
});
const report: ReportModel = mapStrings(cleanReport, hostile);
/** Hostile free text, valid ids (what a bank that passed validation can hold). */
const textReport: ReportModel = mapStrings(cleanReport, hostile, false);

function outcomeOf(m: ReportModel, file: string, positions: CheckOutcome['positions']): CheckOutcome {
  const assertions = assertionsFrom(undefined, { minScore: 90, minElementScore: 10 });
  const results = evaluate(assertions, reportView(m));
  // A warning too, so both levels of annotation are exercised.
  results.push({ ...results[0]!, level: 'warn', message: `${results[0]!.message} (warn)` });
  return {
    results,
    view: reportView(m),
    document: { kind: 'report', model: m },
    answersFile: file,
    positions,
    anchor: { line: 5, col: 1 },
  };
}
const outcome = mapStrings(outcomeOf(cleanReport, 'answers.yaml', parsed.positions), hostile);
const textOutcome = mapStrings(outcomeOf(cleanReport, 'answers.yaml', parsed.positions), hostile, false);

/** What a terminal would act on: any control character but newline, or a line/paragraph separator, or a bidi control. */
const ACTS_ON_TERMINAL = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/;

describe('terminal output shows hostile text, never acts on it', () => {
  test.each([
    ['report', () => renderTerminal(report)],
    ['check', () => renderCheckTerminal(outcome)],
    [
      'compare',
      () =>
        renderComparisonTerminal(
          mapStrings(
            compareAudits(
              bank,
              { report: cleanReport, answers: parsed.answers },
              {
                report: cleanReport,
                answers: { ...parsed.answers, answers: { ...parsed.answers.answers, 'c.two': { value: 'yes' } } },
              },
            ),
            hostile,
          ),
        ),
    ],
    ['bank outline', () => renderOutline({ bank: mapStrings(bank, hostile), file: hostile('mini.yaml') })],
  ])('%s', (_name, render) => {
    const text = render();
    expect(text).not.toMatch(ACTS_ON_TERMINAL);
    // The attack is there, visibly: its escape shows as text.
    expect(text).toContain('\\x1b]0;pwned\\x07\\x1b[2J\\r\\n::error');
  });

  test('a problem is one line, whatever its file name, message and fix hold', () => {
    const line = formatProblem({
      file: hostile('a.yaml'),
      line: 3,
      col: 4,
      message: hostile('bad'),
      fix: hostile('fix it'),
    });
    expect(line.split('\n')).toHaveLength(1);
    expect(line).not.toMatch(ACTS_ON_TERMINAL);
    expect(line.startsWith('a.yaml \\x1b]0;pwned')).toBe(true);
  });

  test.each(['::error::x.yaml', '  ::warning::x', '##[error]x'])(
    'a file name %j cannot make a problem line a workflow command',
    (file) => {
      expect(formatProblem({ file, line: 1, col: 1, message: 'm', fix: 'f' })).toMatch(/^\.\//);
    },
  );
});

/**
 * The workflow commands GitHub's runner would act on in a log: every line whose trimmed text
 * starts with `::` (or the old `##[`), except between `::stop-commands::TOKEN` and `::TOKEN::`.
 */
function commandsIn(log: string): string[] {
  const found: string[] = [];
  let stopped: string | undefined;
  for (const raw of log.split(/\r\n|\r|\n/)) {
    const line = raw.trimStart();
    if (stopped !== undefined) {
      if (line === `::${stopped}::`) stopped = undefined;
      continue;
    }
    const stop = /^::stop-commands::(.+)$/.exec(line);
    if (stop) stopped = stop[1];
    else if (line.startsWith('::') || line.startsWith('##[')) found.push(line);
  }
  return found;
}

describe('GitHub workflow commands', () => {
  test('the github format holds exactly the annotations meant, however hostile the text', () => {
    const log = renderCheckGithub(outcome, { token: 'tok-123' });
    const commands = commandsIn(log);
    const failed = outcome.results.filter((r) => !r.passed);
    // overall < 90; dna.delivery not scored (every question N/A: never a pass); the added warning; unanswered.
    expect(failed.map((r) => r.level)).toEqual(['error', 'error', 'error', 'warn', 'warn']);
    expect(commands.map((c) => c.slice(0, c.indexOf(' ')))).toEqual([
      '::error',
      '::error',
      '::error',
      '::warning',
      '::warning',
    ]);
    for (const c of commands) {
      // One file, one line, one col, one title: no property was added by the text.
      expect(c).toMatch(/^::(error|warning) file=[^,:]*,line=\d+,col=\d+,title=[^,:]*::/);
      expect(c).not.toMatch(ACTS_ON_TERMINAL);
    }
    // The echoed results are there, inside the pause.
    expect(log).toContain('::stop-commands::tok-123\n');
    expect(log.trimEnd().endsWith('::tok-123::')).toBe(true);
    expect(log).toContain('check failed');
  });

  test('without a token from the edge, the pause ends with a hash of the text, which the text cannot contain', () => {
    const log = renderCheckGithub(outcome);
    const token = /::stop-commands::([0-9a-f]{64})\n/.exec(log)![1]!;
    expect(log.indexOf(`::${token}::`)).toBe(log.length - token.length - 5);
  });

  test('the problems of a file the check cannot use: one annotation each, at most 10', () => {
    const problems = Array.from({ length: 12 }, (_, i) => ({
      file: hostile('answers.yaml'),
      line: i + 1,
      col: 3,
      message: hostile('bad value'),
      fix: hostile('fix it'),
    }));
    const log = renderProblemsGithub(problems);
    const commands = commandsIn(log);
    expect(commands).toHaveLength(10);
    expect(commands[0]).toMatch(
      /^::error file=answers\.yaml \\x1b\]0;pwned[^,:]*,line=1,col=3,title=service-audit%3A answers\.yaml[^,:]*::bad value /,
    );
    expect(log).toContain('2 more problems not annotated');
  });
});

const renderMd = (md: string) =>
  micromark(md, { allowDangerousHtml: true, extensions: [gfm()], htmlExtensions: [gfmHtml()] });

async function lintMarkdown(md: string): Promise<string[]> {
  const results = await lint({ strings: { md }, config: MARKDOWNLINT_CONFIG });
  return results.md!.map(
    (r) => `${r.lineNumber}: ${r.ruleNames.join('/')} ${r.ruleDescription} ${r.errorDetail ?? ''}`,
  );
}

/** The headings of a markdown text, as rendered. */
const headings = (md: string) => [...renderMd(md).matchAll(/<h(\d)>([\s\S]*?)<\/h\1>/g)].map((m) => `${m[1]} ${m[2]}`);

describe('markdown output: hostile text stays text', () => {
  const compared = mapStrings(
    compareAudits(
      bank,
      { report: cleanReport, answers: parsed.answers },
      {
        report: cleanReport,
        answers: { ...parsed.answers, answers: { ...parsed.answers.answers, 'c.two': { value: 'yes' } } },
      },
    ),
    hostile,
    false,
  );
  test.each([
    ['report', renderMarkdown(textReport), renderMarkdown(cleanReport)],
    [
      'check (and the job summary)',
      renderCheckMarkdown(textOutcome),
      renderCheckMarkdown(outcomeOf(cleanReport, 'answers.yaml', parsed.positions)),
    ],
    [
      'compare',
      renderComparisonMarkdown(compared),
      renderComparisonMarkdown(
        compareAudits(
          bank,
          { report: cleanReport, answers: parsed.answers },
          {
            report: cleanReport,
            answers: { ...parsed.answers, answers: { ...parsed.answers.answers, 'c.two': { value: 'yes' } } },
          },
        ),
      ),
    ],
  ])('%s: lint-clean, no raw <, no link, no heading but ours', async (_name, md, clean) => {
    expect(await lintMarkdown(md)).toEqual([]);
    // Outside the mermaid block, which has its own label escaping.
    const text = md.replace(/```mermaid[\s\S]*?```/g, '');
    expect(text).not.toMatch(/(?<!\\)</);
    const html = renderMd(md);
    expect(html).not.toMatch(/<(a|img|script)\b/);
    // The same headings as for harmless text, in the same order (their words differ).
    expect(headings(md).map((h) => h.slice(0, 1))).toEqual(headings(clean).map((h) => h.slice(0, 1)));
    expect(headings(md).length).toBe(headings(clean).length);
  });

  test('the mermaid chart stays one chart: each label one quoted string', () => {
    const md = renderMarkdown(report);
    const block = /```mermaid\n([\s\S]*?)```/.exec(md)![1]!;
    const axis = block.split('\n').find((l) => l.startsWith('  x-axis'))!;
    expect(axis).toMatch(/^ {2}x-axis \["[^"\n]*"(, "[^"\n]*")*\]$/);
    expect(block.split('\n')).toHaveLength(6);
  });

  test('the markdown report of the hostile answers through the built pieces: organization with newlines makes no heading', () => {
    const org = 'Acme\n# Owned\n<script>alert(1)</script>';
    const m = { ...cleanReport, answers: { ...cleanReport.answers, organization: org } };
    const md = renderMarkdown(m);
    expect(md.split('\n')[0]).toBe('# Mini bank: Acme \\# Owned \\<script\\>alert(1)\\</script\\>');
    expect(headings(md).filter((h) => h.includes('Owned'))).toHaveLength(1);
  });
});

describe('JUnit', () => {
  test('hostile text stays inside its element', async () => {
    const { XMLParser, XMLValidator } = await import('fast-xml-parser');
    const xml = renderCheckJunit(outcome);
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml);
    expect(doc.testsuites.testsuite.testcase).toHaveLength(outcome.results.length);
  });
});
