import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, test } from 'vitest';
import { parseAnswers } from '../../src/answers/parse.js';
import { parseBank } from '../../src/bank/parse.js';
import { reportView } from '../../src/report/view.js';
import { evaluate, summarise } from '../../src/check/assertions.js';
import { assertionsFrom, parseConfig } from '../../src/check/config.js';
import {
  renderCheckGithub,
  renderCheckJunit,
  renderCheckTerminal,
  type CheckOutcome,
} from '../../src/check/formats.js';
import { formatProblem } from '../../src/errors.js';
import { buildReport } from '../../src/report/model.js';
import { scoreAudit } from '../../src/score/score.js';
import { workflowData, workflowProperty } from '../../src/text/escape.js';
import { MINI_BANK } from '../helpers.js';

const bank = parseBank('mini.yaml', MINI_BANK).bank!;
// customer 62.5 (c.one partly), delivery 80, trust 45; overall 62.5 — see score.test.ts
const ANSWERS = 'bank: mini@1\nanswers:\n  c.one: partly\n  c.two: yes\n  d.one: often\n  t.share: 45\n';

function outcome(
  configText: string,
  flags: { minScore?: number; minElementScore?: number } = {},
  answersText = ANSWERS,
): CheckOutcome {
  const parsed = parseAnswers('answers.yaml', answersText, bank).parsed!;
  const report = buildReport(scoreAudit(bank, parsed.answers), {
    toolVersion: '1',
    bank,
    bankSha256: 'a'.repeat(64),
    answers: parsed.answers,
    answersFile: 'answers.yaml',
    answersSha256: 'b'.repeat(64),
  });
  const { config, problems } = parseConfig('.service-audit.yaml', configText, bank);
  expect(problems).toEqual([]);
  return {
    results: evaluate(assertionsFrom(config, flags), reportView(report)),
    view: reportView(report),
    document: { kind: 'report' as const, model: report },
    answersFile: 'answers.yaml',
    positions: parsed.positions,
    anchor: parsed.anchor,
  };
}

describe('assertions', () => {
  test.each([
    [
      'nothing asserted: the answers must be complete',
      '{}',
      {},
      { passed: true, errors: 0, warnings: 0 },
      ['unanswered questions: count 0 ≤ 0'],
    ],
    [
      'overall passes',
      'assertions: { overall: { minScore: 60 } }',
      {},
      { passed: true, errors: 0, warnings: 0 },
      ['overall: score 62.5 ≥ 60', 'unanswered questions: count 0 ≤ 0'],
    ],
    [
      'overall fails',
      'assertions: { overall: { minScore: 70 } }',
      {},
      { passed: false, errors: 1, warnings: 0 },
      ['overall: score 62.5 < 70 (error)', 'unanswered questions: count 0 ≤ 0'],
    ],
    [
      'one element fails at warn level',
      'assertions:\n  element:dna.customer: { minScore: 70, level: warn }',
      {},
      { passed: true, errors: 0, warnings: 1 },
      ['element dna.customer: score 62.5 < 70 (warn)', 'unanswered questions: count 0 ≤ 0'],
    ],
    [
      'every element',
      'assertions: { elements: { minScore: 50 } }',
      {},
      { passed: false, errors: 1, warnings: 0 },
      [
        'element dna.customer: score 62.5 ≥ 50',
        'element dna.delivery: score 80 ≥ 50',
        'element eng.trust: score 45 < 50 (error)',
        'unanswered questions: count 0 ≤ 0',
      ],
    ],
    [
      'an area',
      'assertions:\n  area:eng: { minScore: 40 }',
      {},
      { passed: true, errors: 0, warnings: 0 },
      ['area eng: score 45 ≥ 40', 'unanswered questions: count 0 ≤ 0'],
    ],
    [
      'flags override the config',
      'assertions: { overall: { minScore: 90, level: warn } }',
      { minScore: 60, minElementScore: 40 },
      { passed: true, errors: 0, warnings: 0 },
      [
        'overall: score 62.5 ≥ 60',
        'element dna.customer: score 62.5 ≥ 40',
        'element dna.delivery: score 80 ≥ 40',
        'element eng.trust: score 45 ≥ 40',
        'unanswered questions: count 0 ≤ 0',
      ],
    ],
  ])('%s', (_name, config, flags, summary, messages) => {
    const o = outcome(config, flags);
    expect(o.results.map((r) => r.message)).toEqual(messages);
    expect(summarise(o.results)).toMatchObject(summary);
  });

  test('scores asserted without completeness: missing answers are a warning', () => {
    const answers = 'bank: mini@1\nanswers:\n  c.one: yes\n  c.two: yes\n';
    const o = outcome('assertions: { overall: { minScore: 60 } }', {}, answers);
    expect(o.results.map((r) => r.message)).toEqual([
      'overall: score 100 ≥ 60',
      'unanswered questions: count 2 > 0 (warn)',
    ]);
    expect(summarise(o.results)).toMatchObject({ passed: true, errors: 0, warnings: 1 });
  });

  test('unanswered and not-applicable counts', () => {
    const answers = 'bank: mini@1\nanswers:\n  c.one: partly\n  c.two: { na: "n/a here" }\n';
    const o = outcome('assertions:\n  unanswered: { max: 1 }\n  notApplicable: { max: 0, level: warn }', {}, answers);
    expect(o.results.map((r) => [r.message, r.questions])).toEqual([
      ['unanswered questions: count 2 > 1 (error)', ['d.one', 't.share']],
      ['not-applicable answers: count 1 > 0 (warn)', ['c.two']],
    ]);
  });

  test('a failed score names the weakest answers behind it', () => {
    const [r] = outcome('assertions: { overall: { minScore: 70 } }').results;
    expect(r!.weaknesses.map((w) => w.questionId)).toEqual(['c.one', 't.share', 'd.one']);
    const text = renderCheckTerminal(outcome('assertions: { overall: { minScore: 70 } }'));
    expect(text).toContain(
      '✗ overall: score 62.5 < 70 (error)\n    c.one = partly (+18.8 points): Question one?\n      → Do one.',
    );
    expect(text).toContain('check failed: 1 error, 0 warnings, 1 passed (overall 62.5, answers.yaml)');
  });
});

describe('config files', () => {
  test.each([
    [
      'a typo in an assertion name',
      'assertions:\n  overal: { minScore: 70 }',
      ['.service-audit.yaml:2:3  unknown assertion "overal" — did you mean "overall"?'],
    ],
    [
      'an unknown element',
      'assertions:\n  element:dna.proceses: { minScore: 60 }',
      [
        '.service-audit.yaml:2:3  unknown element "dna.proceses" — name an element as area.element, e.g. element:dna.customer (`service-audit bank` lists them)',
      ],
    ],
    [
      'an unknown area',
      'assertions:\n  area:sales: { minScore: 60 }',
      ['.service-audit.yaml:2:3  unknown area "sales" — use one of: area:dna, area:eng'],
    ],
    [
      'a score over 100',
      'assertions:\n  overall: { minScore: 170 }',
      ['.service-audit.yaml:2:24  "minScore" is 170 but must be at most 100 — change it to a number at most 100'],
    ],
    [
      'a bad level',
      'assertions:\n  overall: { minScore: 70, level: fatal }',
      ['.service-audit.yaml:2:35  "level" is the text "fatal"; expected one of error, warn — use one of error, warn'],
    ],
    [
      'max on a score',
      'assertions:\n  overall: { max: 3 }',
      [
        '.service-audit.yaml:2:3  missing "minScore" — add "minScore:" with a number',
        '.service-audit.yaml:2:14  unknown key "max" — remove it (allowed here: minScore, level)',
      ],
    ],
  ])('%s', (_name, text, expected) => {
    const { config, problems } = parseConfig('.service-audit.yaml', text, bank);
    expect(config).toBeUndefined();
    expect(problems.map(formatProblem)).toEqual(expected);
  });
});

describe('GitHub annotations', () => {
  test.each([
    ['100% done', '100%25 done'],
    ['line one\nline two\r\n', 'line one%0Aline two%0D%0A'],
    ['a: b, c', 'a: b, c'],
  ])('message %j escapes to %j', (input, out) => expect(workflowData(input)).toBe(out));

  test.each([
    ['dir:a,b/50%.yaml', 'dir%3Aa%2Cb/50%25.yaml'],
    ['x\ny', 'x%0Ay'],
  ])('property %j escapes to %j', (input, out) => expect(workflowProperty(input)).toBe(out));

  test('point at the line of the weakest answer behind each failure', () => {
    const text = renderCheckGithub(
      outcome(
        'assertions:\n  element:dna.customer: { minScore: 70 }\n  element:eng.trust: { minScore: 50, level: warn }',
      ),
    );
    const lines = text.split('\n');
    expect(lines[0]).toBe(
      '::error file=answers.yaml,line=3,col=3,title=service-audit%3A element dna.customer::element dna.customer: score 62.5 < 70 (error)%0Ac.one = partly: Do one.',
    );
    expect(lines[1]).toBe(
      '::warning file=answers.yaml,line=6,col=3,title=service-audit%3A element eng.trust::element eng.trust: score 45 < 50 (warn)%0At.share = 45: Build trust.',
    );
  });

  test('at most 10 of each kind', () => {
    const o = outcome(
      'assertions: { elements: { minScore: 99 }, areas: { minScore: 99 }, overall: { minScore: 99 }, unanswered: { max: 0 } }',
    );
    // 3 elements + 2 areas + overall = 6 failures; force more by repeating the results.
    const results = [...o.results, ...o.results].filter((r) => !r.passed);
    expect(results.length).toBe(12);
    const text = renderCheckGithub({ ...o, results });
    expect(text.split('\n').filter((l) => l.startsWith('::error')).length).toBe(10);
    expect(text).toContain('2 more errors not annotated');
  });
});

describe('JUnit XML', () => {
  test('is valid XML with one testcase per assertion, a failure for each failed error, and a warning as a passing case that says so', () => {
    const o = outcome(
      'assertions:\n  overall: { minScore: 70 }\n  element:dna.delivery: { minScore: 50 }\n  element:eng.trust: { minScore: 50, level: warn }',
    );
    o.results[0]!.message += ' <&"\'> \u0001';
    const xml = renderCheckJunit(o);
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml);
    const suite = doc.testsuites.testsuite;
    // Only the error fails: Jenkins, GitLab and Azure fail a build on any <failure>, and the gate passed the warning.
    expect(suite).toMatchObject({ tests: '4', failures: '1' });
    expect(doc.testsuites).toMatchObject({ tests: '4', failures: '1' });
    const cases = suite.testcase as {
      name: string;
      failure?: { type: string; message: string };
      'system-out'?: string;
    }[];
    expect(cases.map((c) => [c.name, c.failure?.type ?? 'pass'])).toEqual([
      ['overall', 'error'],
      ['element dna.delivery', 'pass'],
      ['element eng.trust', 'pass'],
      ['unanswered questions', 'pass'],
    ]);
    expect(cases[2]!['system-out']).toBe(
      'warning (does not fail the check): element eng.trust: score 45 < 50 (warn)\nt.share = 45: Build trust.',
    );
    expect(cases.filter((c) => c['system-out'] !== undefined)).toHaveLength(1);
    // Special characters survive; the control character XML cannot hold is dropped.
    expect(cases[0]!.failure!.message).toMatch(/^overall: score 62\.5 < 70 \(error\) <&"'>\s*$/);
  });
});
