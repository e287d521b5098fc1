import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { parseBank } from '../../src/bank/parse.js';
import { MINI_BANK, tempDir } from '../helpers.js';
import { cli, NO_STACK, ROOT, V1_BANK } from './cli-helpers.js';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

describe('service-audit basics', () => {
  test('--version prints the package version', () => {
    expect(cli(['--version'])).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });

  test('--help lists every command and the exit codes', () => {
    const r = cli(['--help']);
    expect(r.code).toBe(0);
    for (const c of ['run', 'bank', 'validate', 'schema', 'report', 'check', 'init', 'compare'])
      expect(r.stdout).toMatch(new RegExp(`^  ${c} `, 'm'));
    expect(r.stdout).toContain(
      'Exit codes: 0 ok, 1 the check fell short, 2 usage, input or bank error, 70 a bug in service-audit (please report it), 130 interrupted.',
    );
  });

  test.each(['bank', 'validate', 'report', 'check', 'init', 'compare', 'schema', 'run'])('%s --help works', (c) => {
    const r = cli([c, '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Usage: service-audit ${c}`);
  });

  // Usage errors (a mistyped command or option, a bad value) are cases of the shared table: tests/cli-cases.ts.
});

describe('bank', () => {
  test('prints an outline of the built-in bank', () => {
    const r = cli(['bank']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Service readiness audit (service-readiness@2, built-in bank)');
    expect(r.stdout).toContain('  Processes — Set Employees Up for Success');
    expect(r.stdout).toMatch(/Clear understanding of goals and why +4 questions +weight 1, benchmark 37%/);
  });

  test('prints the normalised bank as JSON in its stable shape', () => {
    const r = cli(['bank', '--format', 'json']);
    expect(r.code).toBe(0);
    const bank = JSON.parse(r.stdout);
    expect(Object.keys(bank)).toEqual([
      'id',
      'version',
      'title',
      'description',
      'bands',
      'sources',
      'profile',
      'scoring',
      'areas',
      'migrations',
    ]);
    expect(bank.bands[0]).toEqual({ id: 'at-risk', label: 'At risk', min: 0 });
    const element = bank.areas[2].elements[0];
    expect(element).toMatchObject({ id: 'engagement.understanding', weight: 1, benchmark: { value: 37 } });
    const percent = element.questions.find((q: { type: string }) => q.type === 'percent');
    expect(percent).toMatchObject({ min: 0, max: 100 });
    expect(percent.options).toBeUndefined();
    expect(bank.areas[0].elements[0].questions[0].options[0]).toEqual({
      value: 'strongly-disagree',
      label: 'Strongly disagree',
      credit: 0,
    });
  });

  test('the compiled built-in bank is exactly the YAML bank, normalised', () => {
    const yaml = readFileSync(join(ROOT, 'questions', 'service-readiness.yaml'), 'utf8');
    expect(JSON.parse(cli(['bank', '--format', 'json']).stdout)).toEqual(
      parseBank('questions/service-readiness.yaml', yaml).bank,
    );
  });

  test('--bank uses another bank', () => {
    const file = tmp.write('mini.yaml', MINI_BANK);
    expect(cli(['bank', '--bank', file]).stdout).toContain(`Mini bank (mini@1, ${file})`);
  });
});

describe('validate', () => {
  test.each([
    [[], 'questions/service-readiness.yaml', 'questions/service-readiness.yaml: valid (bank file)'],
    [['--bank', V1_BANK], 'tests/fixtures/complete.yaml', 'tests/fixtures/complete.yaml: valid (answers file)'],
  ])('%j %s is valid', (flags, file, out) => {
    expect(cli(['validate', ...flags, file])).toEqual({ code: 0, stdout: `${out}\n`, stderr: '' });
  });

  test('a malformed bank prints every problem with line and column, exit 2, no stack trace', () => {
    const file = tmp.write(
      'bad.yaml',
      MINI_BANK.replace('            weight: 3', '            wieght: 3').replace('credit: 0.8', 'credit: 8'),
    );
    const r = cli(['validate', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `${file}:24:13  unknown key "wieght" — did you mean "weight"? Rename it\n${file}:42:55  "credit" is 8 but must be at most 1 — change it to a number at most 1\n2 problems found.\n`,
    );
    expect(r.stderr).not.toMatch(NO_STACK);
  });

  test('a malformed bank passed with --bank stops every command the same way', () => {
    const file = tmp.write('bad.yaml', 'id: x\nversion: 1\ntitle: [oops\n');
    const r = cli(['report', '--bank', file, '--answers', 'tests/fixtures/complete.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^${file}:\\d+:\\d+  YAML: .+ — .+\\n$`));
  });

  test('several files at once: the valid ones are named, every problem of the others printed, exit 2', () => {
    const r = cli([
      'validate',
      '--bank',
      V1_BANK,
      'questions/service-readiness.yaml',
      'tests/fixtures/unknown-id.yaml',
      'tests/fixtures/complete.yaml',
      'nope.yaml',
    ]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe(
      'questions/service-readiness.yaml: valid (bank file)\ntests/fixtures/complete.yaml: valid (answers file)\n',
    );
    expect(r.stderr).toBe(
      'tests/fixtures/unknown-id.yaml:11:3  unknown question id "customer.conveneince" — did you mean "customer.convenience"?\nnope.yaml:1:1  file not found — check the path\n2 problems found.\n',
    );
  });

  test('a missing file', () => {
    const r = cli(['validate', 'nope.yaml']);
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'nope.yaml:1:1  file not found — check the path\n' });
  });

  test('a file that is neither bank, answers nor config', () => {
    const file = tmp.write('other.yaml', 'name: x\n');
    expect(cli(['validate', file]).stderr).toBe(
      `${file}:1:1  cannot tell whether this is a bank, answers or config file — pass --type bank, --type answers or --type config\n`,
    );
  });
});

describe('schema', () => {
  test.each(['bank', 'answers', 'config', 'report'])(
    '%s prints draft-07 JSON Schema equal to the kept copy',
    (kind) => {
      const r = cli(['schema', kind]);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout).$schema).toBe('http://json-schema.org/draft-07/schema#');
      expect(r.stdout).toBe(readFileSync(join(ROOT, 'schemas', `${kind}.schema.json`), 'utf8'));
    },
  );
});
