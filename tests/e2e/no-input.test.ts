// No input at all is not success (issue 17, item 9): a pool in which not one file could be read
// (files that do not exist, a glob or a folder matching nothing) is a mistake on the command line,
// and report and check exit 2 naming each input, as ESLint exits 2 when no file matches. One file
// read is enough for a report: the others are left out and listed, as before.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { tempDir } from '../helpers.js';
import { TEAM_BANK, answersYaml } from '../team-helpers.js';
import { NO_STACK, cli } from './cli-helpers.js';

let t: ReturnType<typeof tempDir>;
const run = (args: string[]) => cli([...args, '--bank', 'bank.yaml'], { cwd: t.dir });

beforeAll(() => {
  t = tempDir();
  t.write('bank.yaml', TEAM_BANK);
  t.write('one.yaml', answersYaml({ 'u.self': 'agree' }));
  mkdirSync(join(t.dir, 'empty'));
  t.write('empty/notes.txt', 'not an answers file');
});
afterAll(() => t.cleanup());

describe('no input at all exits 2, on report and on check', () => {
  test.each(['report', 'check'])('%s nosuch1.yaml nosuch2.yaml: each missing file on a line of its own', (command) => {
    const r = run([command, 'nosuch1.yaml', 'nosuch2.yaml', '--out', 'out.txt']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^nosuch1\.yaml:1:1 {2}answers file .+ — check the path$/m);
    expect(r.stderr).toMatch(/^nosuch2\.yaml:1:1 {2}answers file .+ — check the path$/m);
    expect(r.stderr).not.toMatch(NO_STACK);
    expect(existsSync(join(t.dir, 'out.txt'))).toBe(false);
  });

  test.each([
    ['report', 'none/*.yaml', 'no file matches this pattern'],
    ['check', 'none/*.yaml', 'no file matches this pattern'],
    ['report', 'empty', 'the folder holds no .yaml, .yml or .csv file'],
    ['check', 'empty/', 'the folder holds no .yaml, .yml or .csv file'],
  ])('%s %s: one line saying nothing matched', (command, input, message) => {
    const r = run([command, input]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringContaining(`${input}:1:1  ${message} — `)]);
    expect(r.stdout).toBe('');
  });

  test('one file read is a (small) team report: the missing input is left out and listed, exit 0', () => {
    const r = run(['report', 'one.yaml', 'nosuch.yaml']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('1 input was left out of the pool');
    expect(r.stdout).toMatch(/nosuch\.yaml:1:1/);
  });
});
