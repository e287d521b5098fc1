import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { tempDir } from '../helpers.js';
import { BIN, cli, FIXTURES, ROOT, V1_BANK } from './cli-helpers.js';

// Issue 22 item 15: `check --format gitlab` (GitLab Code Quality) and a reusable GitHub action.
// complete.yaml under the v1 bank: overall 57; proposal.template the weakest answer behind it.

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
  copyFileSync(join(FIXTURES, 'complete.yaml'), join(tmp.dir, 'service-audit-answers.yaml'));
});
afterEach(() => tmp.cleanup());

const lineOf = (file: string, id: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .findIndex((l) => l.trimStart().startsWith(`${id}:`)) + 1;

interface Finding {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: string;
  location: { path: string; lines: { begin: number } };
}

describe('check --format gitlab (issue 22 item 15)', () => {
  const gitlab = (args: string[]) =>
    cli(['check', '--bank', V1_BANK, '--format', 'gitlab', '--answers', './service-audit-answers.yaml', ...args], {
      cwd: tmp.dir,
    });

  test('each failed assertion is a Code Quality finding on the answers file’s line, severity from its level', () => {
    tmp.write('.service-audit.yaml', 'assertions:\n  element:dna.processes: { minScore: 70, level: warn }\n');
    const r = gitlab(['--min-score', '60']);
    expect(r.code).toBe(1);
    const findings = JSON.parse(r.stdout) as Finding[];
    expect(findings.map((f) => [f.check_name, f.severity]).sort()).toEqual([
      ['service-audit/element:dna.processes', 'minor'],
      ['service-audit/overall', 'major'],
    ]);
    const overall = findings.find((f) => f.check_name === 'service-audit/overall')!;
    expect(overall.description).toMatch(/^overall: score 54\.7 < 60 \(error\); first: delivery\.listened-to: /);
    expect(overall.location).toEqual({
      path: 'service-audit-answers.yaml',
      lines: { begin: lineOf(join(tmp.dir, 'service-audit-answers.yaml'), 'delivery.listened-to') },
    });
    for (const f of findings) {
      expect(Object.keys(f).sort()).toEqual(['check_name', 'description', 'fingerprint', 'location', 'severity']);
      expect(f.fingerprint).toMatch(/^[0-9a-f]{32}$/);
      expect(['info', 'minor', 'major', 'critical', 'blocker']).toContain(f.severity);
    }
  });

  test('the fingerprint is stable: the same finding keeps it when the score or the line moves', () => {
    const before = JSON.parse(gitlab(['--min-score', '60']).stdout) as Finding[];
    tmp.write(
      'service-audit-answers.yaml',
      `# a comment moves every line\n${readFileSync(join(FIXTURES, 'complete.yaml'), 'utf8')}`,
    );
    const after = JSON.parse(gitlab(['--min-score', '65']).stdout) as Finding[];
    expect(after[0]!.location.lines.begin).toBe(before[0]!.location.lines.begin + 1);
    expect(after[0]!.fingerprint).toBe(before[0]!.fingerprint);
    expect(after[0]!.description).not.toBe(before[0]!.description);
  });

  test('a passing check is an empty report', () => {
    const r = gitlab(['--min-score', '50']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([]);
  });
});

describe('action.yml: a composite action that runs the check (issue 22 item 15)', () => {
  const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
    inputs: Record<string, { default: string }>;
    runs: { using: string; steps: { shell: string; run: string; env: Record<string, string> }[] };
  };

  /** Runs the action's step as GitHub would: inputs substituted into its env, its script in bash. */
  const runAction = (inputs: Record<string, string>) => {
    const step = action.runs.steps[0]!;
    const value = (name: string) => inputs[name] ?? action.inputs[name]!.default;
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(step.env))
      env[k] = v.replace(/\$\{\{\s*inputs\.([a-z-]+)\s*\}\}/g, (_, name: string) => value(name));
    return spawnSync('bash', ['-e', '-c', step.run], {
      cwd: join(tmp.dir, value('working-directory')),
      encoding: 'utf8',
      env: { ...process.env, ...env, GITHUB_ACTIONS: 'true', SERVICE_AUDIT: `${process.execPath} ${BIN}` },
    });
  };

  test('is composite, with one bash step, and every input has a description and a default', () => {
    expect(action.runs.using).toBe('composite');
    expect(action.runs.steps.map((s) => s.shell)).toEqual(['bash']);
    for (const [name, input] of Object.entries(action.inputs)) {
      expect(typeof input.default, name).toBe('string');
      expect((input as { description?: string }).description, name).toBeTruthy();
    }
  });

  test('fails the step with annotations when the score falls short, passes when it does not', () => {
    const failed = runAction({ 'min-score': '60', bank: V1_BANK });
    expect(failed.status).toBe(1);
    expect(failed.stdout).toMatch(
      /^::error file=service-audit-answers\.yaml,line=\d+,col=\d+,title=service-audit%3A overall::/m,
    );
    const passed = runAction({ 'min-score': '50', bank: V1_BANK });
    expect(passed.status, passed.stderr).toBe(0);
  });

  test('inputs are passed as arguments, never as script: a hostile input is a file name, not a command', () => {
    const r = runAction({ answers: 'x.yaml;touch$(printf pwned)', bank: V1_BANK, format: 'gitlab', out: 'cq.json' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('x.yaml;touch$(printf');
    expect(spawnSync('ls', [tmp.dir], { encoding: 'utf8' }).stdout).not.toContain('pwned');
  });

  test('format gitlab with out writes the Code Quality report', () => {
    const r = runAction({ bank: V1_BANK, format: 'gitlab', out: 'cq.json', 'min-score': '60' });
    expect(r.status).toBe(1);
    expect((JSON.parse(readFileSync(join(tmp.dir, 'cq.json'), 'utf8')) as Finding[])[0]!.check_name).toBe(
      'service-audit/overall',
    );
  });
});
