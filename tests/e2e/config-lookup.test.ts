import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { tempDir } from '../helpers.js';
import { cli, FIXTURES, V1_BANK } from './cli-helpers.js';

// .service-audit.yaml is looked for upward to the repository root, and check and report read the same one.
// complete.yaml scores 54.7 overall, partial.yaml 66.3, against the v1 bank they were given against
// (copied in as repo/bank.yaml, which every config names).
let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
  mkdirSync(join(tmp.dir, 'repo', '.git'), { recursive: true });
  mkdirSync(join(tmp.dir, 'repo', 'docs', 'audit'), { recursive: true });
  copyFileSync(join(FIXTURES, 'complete.yaml'), join(tmp.dir, 'repo', 'complete.yaml'));
  copyFileSync(join(FIXTURES, 'partial.yaml'), join(tmp.dir, 'repo', 'partial.yaml'));
  copyFileSync(V1_BANK, join(tmp.dir, 'repo', 'bank.yaml'));
});
afterEach(() => tmp.cleanup());

const inSub = (args: string[]) => cli(args, { cwd: join(tmp.dir, 'repo', 'docs', 'audit') });

describe('the config file', () => {
  test('is found in a folder above, up to the repository root; its paths are relative to it', () => {
    tmp.write(
      'repo/.service-audit.yaml',
      'bank: bank.yaml\nanswers: complete.yaml\nassertions:\n  overall: { minScore: 50 }\n',
    );
    const r = inSub(['check']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('✓ overall: score 54.7 ≥ 50');
    expect(r.stdout).toContain('(overall 54.7, ../../complete.yaml)');
    expect(r.code).toBe(0);
  });

  test('the nearest one wins', () => {
    tmp.write('repo/.service-audit.yaml', 'bank: bank.yaml\nanswers: complete.yaml\n');
    tmp.write(
      'repo/docs/.service-audit.yaml',
      'bank: ../bank.yaml\nanswers: ../partial.yaml\nassertions:\n  overall: { minScore: 60 }\n',
    );
    expect(inSub(['check']).stdout).toContain('✓ overall: score 66.3 ≥ 60');
  });

  test('is not looked for above the repository root (the folder holding .git)', () => {
    tmp.write('.service-audit.yaml', 'answers: repo/complete.yaml\n');
    const r = inSub(['check']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^service-audit-answers\.yaml:1:1 {2}answers file not found/);
  });

  test('report scores the answers file and bank the config names, as check does', () => {
    tmp.write('repo/.service-audit.yaml', 'bank: bank.yaml\nanswers: partial.yaml\n');
    const report = JSON.parse(inSub(['report', '--format', 'json']).stdout);
    expect(report.answers.file).toBe('../../partial.yaml');
    expect(report.overall.score).toBe(66.3);
    const check = inSub(['check', '--format', 'json']);
    expect(JSON.parse(check.stdout).report.overall).toEqual(report.overall);
  });

  test('report --answers and --config win over the nearest config', () => {
    tmp.write('repo/.service-audit.yaml', 'bank: bank.yaml\nanswers: partial.yaml\n');
    tmp.write('repo/other.yaml', 'bank: bank.yaml\nanswers: complete.yaml\n');
    expect(
      JSON.parse(inSub(['report', '--format', 'json', '--answers', '../../complete.yaml']).stdout).overall.score,
    ).toBe(54.7);
    expect(JSON.parse(inSub(['report', '--format', 'json', '--config', '../../other.yaml']).stdout).overall.score).toBe(
      54.7,
    );
  });
});
