import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { MINI_BANK, tempDir } from '../helpers.js';
import { cli } from './cli-helpers.js';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

/** A bank whose ids and values look like numbers, booleans and null, and whose titles hold a newline. */
const TRICKY_BANK = MINI_BANK.replace('title: Mini bank', 'title: "Mini\\nbank: # not a comment"')
  .replace('{ value: no, label: Disagree', '{ value: "0", label: Disagree')
  .replace('{ value: partly, label: Partly', '{ value: "00", label: Partly')
  .replace('{ value: yes, label: Agree', '{ value: "null", label: Agree')
  .replace('{ value: never,', '{ value: "010",')
  .replace('{ value: often,', '{ value: "true",')
  .replace('id: c.one', 'id: "1"')
  .replace('title: The Customer', 'title: "The\\u001b[2J Customer"');

describe('what init and the audit write reads back, through the binary', () => {
  test('init with a bank of number-like ids and values and a multi-line title writes a valid template', () => {
    tmp.write('bank.yaml', TRICKY_BANK);
    expect(cli(['validate', 'bank.yaml'], { cwd: tmp.dir }).code).toBe(0);
    expect(cli(['init', '--bank', 'bank.yaml', '--out', 'a.yaml'], { cwd: tmp.dir }).code).toBe(0);
    const text = readFileSync(join(tmp.dir, 'a.yaml'), 'utf8');
    expect(text).toContain('# Answers to "Mini bank: # not a comment" (mini@1)');
    expect(text).toContain('  #   values: 0 | 00 | null\n  "1":\n');
    expect(text).not.toContain('\u001b');
    // Filled in by hand with the values as the template lists them, quoted as YAML needs.
    tmp.write(
      'a.yaml',
      text
        .replace('  "1":\n', '  "1": "00"\n')
        .replace('  d.one:\n', '  d.one: "true"\n')
        .replace('  t.share:\n', '  t.share: 45%\n'),
    );
    const r = cli(['report', '--bank', 'bank.yaml', '--answers', 'a.yaml', '--format', 'json'], { cwd: tmp.dir });
    expect(r.stderr).toBe('');
    const m = JSON.parse(r.stdout);
    expect(m.unanswered).toEqual(['c.two']);
    expect(m.overall.score).toBeTypeOf('number');
    expect(r.code).toBe(0);
  });

  test("a bad date is a located error through the binary, and does not hide the file's other problems", () => {
    tmp.write('bank.yaml', MINI_BANK);
    tmp.write('a.yaml', 'bank: mini@1\ndate: 2026-02-30\nanswers:\n  c.one: sometimes\n');
    const r = cli(['validate', '--bank', 'bank.yaml', 'a.yaml'], { cwd: tmp.dir });
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n').slice(0, 2)).toEqual([
      'a.yaml:2:7  date is not a day of the calendar — write the day the audit was taken as YYYY-MM-DD, e.g. 2026-11-22',
      'a.yaml:4:10  "sometimes" is not an answer to c.one — use one of no, partly, yes, or { na: reason }',
    ]);
  });
});
