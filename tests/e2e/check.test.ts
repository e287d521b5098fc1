import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { tempDir } from '../helpers.js';
import { cli, FIXTURES, NO_STACK, V1_BANK } from './cli-helpers.js';

// The answers fixtures are checked against the v1 bank they were given against (a config that names
// another bank says so itself). complete.yaml scores: overall 54.7 (its team statements are the team's: not measured in a single report); dna.processes 63;
// engagement.understanding 3.3 (the weakest).
let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
  copyFileSync(join(FIXTURES, 'complete.yaml'), join(tmp.dir, 'service-audit-answers.yaml'));
  copyFileSync(join(FIXTURES, 'partial.yaml'), join(tmp.dir, 'partial.yaml'));
});
afterEach(() => tmp.cleanup());

const run = (args: string[], config?: string, env: Record<string, string> = {}) => {
  if (config !== undefined) tmp.write('.service-audit.yaml', config);
  const bank = config?.includes('bank:') ? [] : ['--bank', V1_BANK];
  return cli(['check', ...bank, ...args], { cwd: tmp.dir, env });
};

describe('check', () => {
  test.each([
    [
      'no config, complete answers: passes',
      [],
      undefined,
      0,
      /^✓ unanswered questions: count 0 ≤ 0\n\ncheck passed: 0 errors, 0 warnings, 1 passed \(overall 54.7, service-audit-answers\.yaml\)\n$/,
    ],
    ['overall above the minimum', ['--min-score', '54'], undefined, 0, /✓ overall: score 54\.7 ≥ 54/],
    [
      'overall below the minimum',
      ['--min-score', '60'],
      undefined,
      1,
      /^✗ overall: score 54\.7 < 60 \(error\)\n {4}delivery\.listened-to = rarely \(\+1\.9 points\): /,
    ],
    [
      'an element below the minimum, from the config',
      [],
      'assertions:\n  element:dna.processes: { minScore: 70 }\n',
      1,
      /^✗ element dna\.processes: score 63 < 70 \(error\)\n/,
    ],
    [
      'warn-only failures keep exit 0',
      [],
      'assertions:\n  elements: { minScore: 50, level: warn }\n',
      0,
      /^! element sales\.proposal: score 43\.3 < 50 \(warn\)[\s\S]*check passed: 0 errors, 4 warnings, 11 passed/,
    ],
    [
      'unanswered over the limit',
      ['--answers', 'partial.yaml'],
      'assertions:\n  unanswered: { max: 5 }\n',
      1,
      /^✗ unanswered questions: count 14 > 5 \(error\)\n {4}proposal\.template, /,
    ],
    [
      'no config: incomplete answers fail',
      ['--answers', 'partial.yaml'],
      undefined,
      1,
      /^✗ unanswered questions: count 14 > 0 \(error\)/,
    ],
    [
      'flags add to the config',
      ['--min-element-score', '3'],
      'assertions:\n  overall: { minScore: 50 }\n',
      0,
      /✓ overall: score 54\.7 ≥ 50\n✓ element dna\.customer: score 67\.5 ≥ 3/,
    ],
  ])('%s', (_name, args, config, code, out) => {
    const r = run(args, config);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(out);
    expect(r.code).toBe(code);
  });

  test('an invalid config: exit 2 with line and column', () => {
    const r = run([], 'assertions:\n  overall: { minScore: 70 }\n  element:dna.proceses: { minScore: 60 }\n');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      '.service-audit.yaml:3:3  unknown element "dna.proceses" — did you mean "element:dna.processes"?\n',
    );
    expect(r.stderr).not.toMatch(NO_STACK);
  });

  test('a missing answers file: exit 2', () => {
    const r = run(['--answers', 'nope.yaml']);
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'nope.yaml:1:1  answers file not found — check the path, or create one with `service-audit init` or the interactive audit\n',
    });
  });

  test('the config can name the answers file and the bank, relative to itself', () => {
    copyFileSync(V1_BANK, join(tmp.dir, 'bank.yaml'));
    const r = run([], 'bank: bank.yaml\nanswers: partial.yaml\nassertions:\n  overall: { minScore: 60 }\n');
    expect(r.stdout).toContain('✓ overall: score 66.3 ≥ 60');
    expect(r.code).toBe(0);
  });

  test("the job summary never grows past GitHub's 1 MiB limit", () => {
    const summary = join(tmp.dir, 'summary.md');
    writeFileSync(summary, 'x'.repeat(1024 * 1024 - 6000));
    const r = run(['--min-score', '90'], undefined, { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary });
    expect(r.code).toBe(1);
    const text = readFileSync(summary, 'utf8');
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(1024 * 1024);
    expect(
      text.endsWith(
        '_Report cut to fit the 1 MiB job summary; `service-audit report --format markdown` prints all of it._\n',
      ),
    ).toBe(true);
  });

  test('paths in a config elsewhere are relative to the config, and shown relative to the current folder', () => {
    mkdirSync(join(tmp.dir, 'ci'));
    tmp.write('ci/audit.yaml', 'answers: ../partial.yaml\nassertions:\n  unanswered: { max: 0 }\n');
    const r = cli(['check', '--bank', V1_BANK, '--config', 'ci/audit.yaml', '--format', 'github'], { cwd: tmp.dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /^::error file=partial\.yaml,line=\d+,col=1,title=service-audit%3A unanswered questions::/,
    );
  });

  const FORMATS: [string, (text: string) => void][] = [
    ['json', (t) => expect(JSON.parse(t)).toMatchObject({ schemaVersion: 1, report: { schemaVersion: 5 } })],
    ['junit', (t) => expect(XMLValidator.validate(t)).toBe(true)],
    ['github', (t) => expect(t).toMatch(/check (passed|failed)/)],
    ['markdown', (t) => expect(t).toMatch(/^# service-audit check: (passed|failed)\n/)],
    ['terminal', (t) => expect(t).toMatch(/check (passed|failed)/)],
  ];
  test.each(FORMATS)('--format %s --out writes the results on pass and on fail', (format, valid) => {
    for (const [min, code, word] of [
      [50, 0, 'passed'],
      [60, 1, 'failed'],
    ] as const) {
      const r = run(['--min-score', String(min), '--format', format, '--out', `out.${format}`]);
      expect(r.code).toBe(code);
      // The results are the data, in the file; the verdict is a message, on stderr.
      expect(r.stderr).toMatch(
        new RegExp(`^check results \\(${format}\\) written to .*out\\.${format}\\ncheck ${word}: `),
      );
      expect(r.stdout).toBe('');
      const text = readFileSync(join(tmp.dir, `out.${format}`), 'utf8');
      valid(text);
      expect(text).not.toMatch(/\u001b\[/);
    }
  });

  test('json results carry each assertion and the report', () => {
    const r = run(['--min-score', '60', '--format', 'json']);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ passed: false, errors: 1, warnings: 0 });
    expect(j.results[0]).toMatchObject({
      name: 'overall',
      operator: '>=',
      expected: 60,
      actual: 54.7,
      passed: false,
      level: 'error',
    });
    expect(j.report.overall).toEqual({ score: 54.7, band: 'developing', missing: [] });
  });

  test('junit has one testcase per assertion and a failure for each failed error; a warning is a passing case that says so', () => {
    const r = run(
      ['--format', 'junit'],
      'assertions:\n  overall: { minScore: 60 }\n  element:dna.processes: { minScore: 60 }\n  element:sales.proposal: { minScore: 60, level: warn }\n',
    );
    expect(r.code).toBe(1);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(r.stdout);
    const cases = doc.testsuites.testsuite.testcase as {
      name: string;
      failure?: { type: string };
      'system-out'?: string;
    }[];
    expect(cases.map((c) => [c.name, c.failure?.type ?? 'pass'])).toEqual([
      ['overall', 'error'],
      ['element dna.processes', 'pass'],
      ['element sales.proposal', 'pass'],
      ['unanswered questions', 'pass'],
    ]);
    expect(cases[2]!['system-out']).toMatch(
      /^warning \(does not fail the check\): element sales\.proposal: score 43\.3 < 60 \(warn\)/,
    );
    expect(doc.testsuites.testsuite.failures).toBe('1');
  });

  test('on GitHub Actions: annotations by default, pointing at the answer lines, and the report in the job summary', () => {
    const summary = join(tmp.dir, 'summary.md');
    writeFileSync(summary, '');
    const r = run(
      ['--answers', 'service-audit-answers.yaml'],
      'assertions:\n  element:dna.processes: { minScore: 70 }\n  element:sales.proposal: { minScore: 60, level: warn }\n',
      { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary },
    );
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n');
    // The weakest answer behind dna.processes is processes.tools, on line 23 of complete.yaml.
    const answersText = readFileSync(join(tmp.dir, 'service-audit-answers.yaml'), 'utf8').split('\n');
    expect(answersText[22]).toBe('  processes.tools: disagree');
    expect(lines[0]).toMatch(
      /^::error file=service-audit-answers\.yaml,line=23,col=3,title=service-audit%3A element dna\.processes::element dna\.processes: score 63 < 70 \(error\)%0Aprocesses\.tools = disagree: Track repeat contacts/,
    );
    expect(lines[1]).toMatch(
      /^::warning file=service-audit-answers\.yaml,line=\d+,col=3,title=service-audit%3A element sales\.proposal::/,
    );
    // The verdict and the results table on top, then the report as a section.
    expect(readFileSync(summary, 'utf8')).toMatch(
      /^# service-audit check: failed\n\n1 error, 1 warning, 1 passed\.\n\n\| Result \| Assertion \| Expected \| Actual \|\n[\s\S]*\n## Service readiness audit: Acme Support\n/,
    );
  });
});
