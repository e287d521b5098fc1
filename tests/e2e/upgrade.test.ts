import { existsSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { parseAnswers } from '../../src/answers/parse.js';
import { parseBank } from '../../src/bank/parse.js';
import { MINI_BANK_V2, tempDir, V1_ANSWERS } from '../helpers.js';
import { cli, NO_STACK } from './cli-helpers.js';

const v2 = parseBank('mini-v2.yaml', MINI_BANK_V2).bank!;
let tmp: ReturnType<typeof tempDir>;
let bank: string;
beforeEach(() => {
  tmp = tempDir();
  bank = tmp.write('mini-v2.yaml', MINI_BANK_V2);
});
afterEach(() => tmp.cleanup());

const NOTE = (file: string) =>
  `note: ${file} was answered against mini@1; read as mini@2, where 4 questions are new and unanswered (profile.in-person, d.brochure, d.brochure-current, t.new). Rewrite it with: service-audit upgrade ${file}\n`;

describe('report, check and compare read a file of an earlier bank version through its migration', () => {
  test('report: scored under v2, one line on stderr, the JSON model says what is new', () => {
    tmp.write('old.yaml', V1_ANSWERS);
    const r = cli(['report', '--bank', bank, '--answers', 'old.yaml', '--format', 'json'], { cwd: tmp.dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(NOTE('old.yaml'));
    const m = JSON.parse(r.stdout);
    expect(m.bank).toMatchObject({ id: 'mini', version: 2 });
    expect(m.overall.score).toBe(66.7);
    expect(m.upgrade).toEqual({
      from: 'mini@1',
      newQuestions: ['profile.in-person', 'd.brochure', 'd.brochure-current', 't.new'],
    });
    // The file itself is untouched: reading never rewrites.
    expect(readFileSync(join(tmp.dir, 'old.yaml'), 'utf8')).toBe(V1_ANSWERS);
  });

  test('report --format markdown lists the new questions', () => {
    tmp.write('old.yaml', V1_ANSWERS);
    const r = cli(['report', '--bank', bank, '--answers', 'old.yaml', '--format', 'markdown'], { cwd: tmp.dir });
    expect(r.stdout).toContain('## Upgraded answers');
    expect(r.stdout).toContain('- `d.brochure-current`');
  });

  test('check gates on the mapped answers', () => {
    tmp.write('old.yaml', V1_ANSWERS);
    expect(
      cli(['check', '--bank', bank, '--answers', 'old.yaml', '--min-score', '60'], { cwd: tmp.dir }),
    ).toMatchObject({ code: 0, stderr: NOTE('old.yaml') });
    expect(cli(['check', '--bank', bank, '--answers', 'old.yaml', '--min-score', '70'], { cwd: tmp.dir }).code).toBe(1);
  });

  test('compare: a v1 file against a v2 file of the same bank', () => {
    tmp.write('old.yaml', V1_ANSWERS);
    tmp.write('new.yaml', 'bank: mini@2\nanswers:\n  c.one-a: yes\n  c.one-b: yes\n  t.share: 45\n');
    const r = cli(['compare', '--bank', bank, 'old.yaml', 'new.yaml', '--format', 'json'], { cwd: tmp.dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(NOTE('old.yaml'));
    expect(JSON.parse(r.stdout).changedAnswers.map((a: { questionId: string }) => a.questionId)).toEqual([
      'c.one-a',
      'c.one-b',
      'c.two-new',
    ]);
  });
});

describe('service-audit upgrade FILE', () => {
  test('rewrites the file to v2, keeps a backup, keeps every answer, note and N/A reason, and says what changed', () => {
    const file = tmp.write('answers.yaml', V1_ANSWERS);
    const r = cli(['upgrade', 'answers.yaml', '--bank', bank], { cwd: tmp.dir });
    expect(r).toEqual({
      code: 0,
      stderr: '',
      stdout: [
        'Upgraded answers.yaml from mini@1 to mini@2; the old file is kept in answers.yaml.bak.',
        '  renamed  c.two → c.two-new',
        '  split    c.one → c.one-a, c.one-b (the answer is copied to each)',
        '  changed  c.one-b: partly → mostly (the options changed)',
        '  removed  d.one: often, note "Weekly" (no longer asked; kept in the backup)',
        '4 questions are new and unanswered: profile.in-person, d.brochure, d.brochure-current, t.new',
        'Answer them with: service-audit --answers answers.yaml',
        '',
      ].join('\n'),
    });
    expect(readFileSync(`${file}.bak`, 'utf8')).toBe(V1_ANSWERS);
    const text = readFileSync(file, 'utf8');
    const again = parseAnswers(file, text, v2).parsed!;
    expect(again.upgrade).toBeUndefined();
    expect(again.answers).toEqual({
      bank: 'mini@2',
      organization: 'Acme',
      date: '2026-11-22',
      answers: {
        'c.one-a': { value: 'partly', note: 'Only for new customers' },
        'c.one-b': { value: 'mostly', note: 'Only for new customers' },
        'c.two-new': { na: 'we have no such process' },
        't.share': { value: 45 },
      },
    });
    // Every v2 question is listed, the new ones empty and ready to answer.
    expect(text).toMatch(/^ {2}t\.new:$/m);
    // Upgrading again changes nothing and takes no second backup.
    expect(cli(['upgrade', 'answers.yaml', '--bank', bank], { cwd: tmp.dir })).toMatchObject({
      code: 0,
      stdout: 'answers.yaml is already answered against mini@2; nothing changed.\n',
    });
    expect(existsSync(`${file}.1.bak`)).toBe(false);
  });

  test('a taken backup name is never overwritten: the next free number is used', () => {
    const file = tmp.write('answers.yaml', V1_ANSWERS);
    writeFileSync(`${file}.bak`, 'an older backup\n');
    const r = cli(['upgrade', 'answers.yaml', '--bank', bank], { cwd: tmp.dir });
    expect(r.stdout).toContain('the old file is kept in answers.yaml.1.bak.');
    expect(readFileSync(`${file}.bak`, 'utf8')).toBe('an older backup\n');
    expect(readFileSync(`${file}.1.bak`, 'utf8')).toBe(V1_ANSWERS);
  });

  test('notes with newlines, quotes and control characters survive the rewrite', () => {
    const note = 'line one\nline "two" \u0007 # not a comment';
    const file = tmp.write(
      'answers.yaml',
      `bank: mini@1\nanswers:\n  c.two: { value: yes, note: ${JSON.stringify(note)} }\n`,
    );
    expect(cli(['upgrade', 'answers.yaml', '--bank', bank], { cwd: tmp.dir }).code).toBe(0);
    expect(parseAnswers(file, readFileSync(file, 'utf8'), v2).parsed!.answers.answers['c.two-new']).toEqual({
      value: 'yes',
      note,
    });
  });

  test('through a symlink, the file it points at is upgraded', () => {
    const real = tmp.write('real.yaml', V1_ANSWERS);
    symlinkSync(real, join(tmp.dir, 'link.yaml'));
    expect(cli(['upgrade', 'link.yaml', '--bank', bank], { cwd: tmp.dir }).code).toBe(0);
    expect(readFileSync(real, 'utf8')).toMatch(/^bank: mini@2$/m);
  });

  test('an invalid file is refused with its problems, exit 2, and nothing is written', () => {
    const bad = 'bank: mini@1\nanswers:\n  c.two: maybe\n';
    const file = tmp.write('answers.yaml', bad);
    const r = cli(['upgrade', 'answers.yaml', '--bank', bank], { cwd: tmp.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'answers.yaml:3:10  "maybe" is not an answer to c.two-new (mapped from c.two by the bank\'s migration from version 1) — use one of yes, no, or { na: reason }\n',
    );
    expect(r.stderr).not.toMatch(NO_STACK);
    expect(readFileSync(file, 'utf8')).toBe(bad);
    expect(existsSync(`${file}.bak`)).toBe(false);
  });
});
