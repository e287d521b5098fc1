import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { evaluate } from '../../src/check/assertions.js';
import { assertionsFrom, parseConfig } from '../../src/check/config.js';
import { expandPoolInputs } from '../../src/cli/inputs.js';
import { teamView } from '../../src/team/view.js';
import { createPool } from '../../src/team/pool.js';
import { tempDir } from '../helpers.js';
import { person, teamBank } from '../team-helpers.js';

const bank = teamBank();

describe('pool inputs: files, folders, globs', () => {
  let t: ReturnType<typeof tempDir>;
  afterEach(() => t.cleanup());

  test('the same file named twice, or through a symlink, counts once', () => {
    t = tempDir();
    t.write('a.yaml', 'x');
    symlinkSync(join(t.dir, 'a.yaml'), join(t.dir, 'link.yaml'));
    const { files } = expandPoolInputs(t.dir, ['a.yaml', './a.yaml', 'link.yaml', join(t.dir, 'a.yaml')]);
    expect(files.map((f) => f.shown)).toEqual(['a.yaml']);
  });

  test('folders are walked for .yaml, .yml and .csv, hidden files skipped, a symlink loop cut', () => {
    t = tempDir();
    mkdirSync(join(t.dir, 'pulse', 'night'), { recursive: true });
    for (const f of ['pulse/b.yaml', 'pulse/a.yml', 'pulse/night/c.csv', 'pulse/notes.txt', 'pulse/.hidden.yaml'])
      t.write(f, 'x');
    symlinkSync(join(t.dir, 'pulse'), join(t.dir, 'pulse', 'night', 'loop'));
    const { files, problems } = expandPoolInputs(t.dir, ['pulse']);
    expect(problems).toEqual([]);
    expect(files.map((f) => f.shown)).toEqual(['pulse/a.yml', 'pulse/b.yaml', 'pulse/night/c.csv']);
  });

  test('globs: * within a name, ** across folders; no match is a listed problem', () => {
    t = tempDir();
    mkdirSync(join(t.dir, 'q', 'x'), { recursive: true });
    for (const f of ['q/1.yaml', 'q/2.yaml', 'q/x/3.yaml', 'q/x/4.csv']) t.write(f, 'x');
    expect(expandPoolInputs(t.dir, ['q/*.yaml']).files.map((f) => f.shown)).toEqual(['q/1.yaml', 'q/2.yaml']);
    expect(expandPoolInputs(t.dir, ['q/**/*.yaml']).files.map((f) => f.shown)).toEqual([
      'q/1.yaml',
      'q/2.yaml',
      'q/x/3.yaml',
    ]);
    expect(expandPoolInputs(t.dir, ['q/[12].yaml']).files.map((f) => f.shown)).toEqual(['q/1.yaml', 'q/2.yaml']);
    expect(expandPoolInputs(t.dir, ['nothing/*.yaml']).problems[0]).toMatchObject({
      file: 'nothing/*.yaml',
      message: 'no file matches this pattern',
    });
  });
});

describe('check on a pool', () => {
  const team = (n: number, t: string) => Array.from({ length: n }, () => person({ 't.self': t, 'u.self': 'agree' }));
  const check = (yaml: string, people = [...team(4, 'strongly-agree'), ...team(6, 'agree')]) => {
    const pool = createPool(bank);
    for (const p of people) pool.add(p);
    const model = pool.finish({ toolVersion: '0', bankSha256: '0'.repeat(64), inputs: people.length, leftOut: [] });
    const { config, problems } = parseConfig('c.yaml', yaml, bank);
    expect(problems).toEqual([]);
    return evaluate(assertionsFrom(config, {}, { minGroup: 5 }), teamView(model, 'pulse', ['u.self', 't.self']));
  };

  test('respondents { min } and benchmark:<element> { minShare } (short or full id)', () => {
    // 4 of 10 strongly agree with t.self: 40%
    const r = check(
      'assertions:\n  respondents: { min: 10 }\n  benchmark:trust: { minShare: 41 }\n  benchmark:eng.trust: { minShare: 40 }\n  element:eng.trust: { minScore: 50 }\n',
    );
    expect(r.map((x) => [x.subject, x.actual, x.passed])).toEqual([
      ['team respondents', 10, true],
      ['share holding eng.trust fully', 40, false],
      ['share holding eng.trust fully', 40, true],
      // trust: only t.self answered, so 4 × 100 and 6 × 75 → mean 85
      ['element eng.trust', 85, true],
    ]);
  });

  test('with nothing asserted, a pool must reach the floor', () => {
    expect(check('{}\n', team(4, 'agree'))).toMatchObject([{ subject: 'team respondents', actual: 4, passed: false }]);
    expect(check('{}\n', team(5, 'agree'))[0]!.passed).toBe(true);
  });

  test('scores of a pool under the floor fail, saying why', () => {
    const [r] = check('assertions:\n  overall: { minScore: 10 }\n', team(3, 'agree'));
    expect(r).toMatchObject({ passed: false, actual: null });
    expect(r!.message).toMatch(/hidden: only 3 team respondents/);
  });

  test('config: benchmark keys are checked against the bank', () => {
    expect(parseConfig('c.yaml', 'assertions:\n  benchmark:trst: { minShare: 20 }\n', bank).problems[0]).toMatchObject({
      line: 2,
      message: 'no engagement statement "trst" with a team pulse',
      fix: 'did you mean "benchmark:trust"?',
    });
    expect(parseConfig('c.yaml', 'assertions:\n  benchmark:trust: { minScore: 20 }\n', bank).problems[0]!.message).toBe(
      'benchmark:trust takes minShare, not minScore',
    );
    expect(parseConfig('c.yaml', 'assertions:\n  respondents: { min: 0 }\n', bank).problems).toHaveLength(1);
  });
});
