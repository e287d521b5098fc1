import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { MINI_BANK, tempDir } from '../helpers.js';
import { cli, FIXTURES, NO_STACK, V1_BANK } from './cli-helpers.js';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

/** An answers fixture (given against the v1 bank, frozen in tests/fixtures) moved to another day. */
const dated = (fixture: string, date: string, name = `${date}.yaml`) =>
  tmp.write(name, readFileSync(join(FIXTURES, fixture), 'utf8').replace(/^date: .*$/m, `date: ${date}`));

describe('history', () => {
  test('orders audits by date whatever the order given, and shows a trend per element', () => {
    const files = [
      dated('with-na.yaml', '2026-11-22'),
      dated('complete.yaml', '2026-02-10'),
      dated('partial.yaml', '2026-05-12'),
    ];
    const r = cli(['history', '--bank', V1_BANK, ...files], { cwd: tmp.dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n')[0]).toBe('Service audit history: Acme Support');
    expect(
      [...r.stdout.matchAll(/^ {2}#(\d) (\S+) service-readiness@1 (\d+)\/49 answered$/gm)].map((m) => m.slice(1)),
    ).toEqual([
      ['1', '2026-02-10', '44'],
      ['2', '2026-05-12', '30'],
      ['3', '2026-11-22', '42'],
    ]);
    expect(r.stdout).toMatch(/^ {2}Overall +54\.7 +66\.3 +52\.5 {2}↓ −13\.8$/m);
    expect(r.stdout).toMatch(/^ {4}LinkedIn page +75\.0 +n\/a +50\.0 {2}↓ −25\.0$/m);
  });

  test('json is the history model; html is one page with its chart', () => {
    const files = [dated('complete.yaml', '2026-02-10'), dated('with-na.yaml', '2026-11-22')];
    const json = JSON.parse(cli(['history', '--bank', V1_BANK, ...files, '--format', 'json'], { cwd: tmp.dir }).stdout);
    expect(json).toMatchObject({
      schema: 'history',
      schemaVersion: 2,
      organization: 'Acme Support',
      overall: { change: -2.2, trend: 'down' },
      comparability: [],
      plan: null,
      pulse: null,
    });
    expect(json.elements).toHaveLength(14);
    const r = cli(['history', '--bank', V1_BANK, ...files, '--format', 'html', '--out', 'history.html'], {
      cwd: tmp.dir,
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe(`html history written to ${join(tmp.dir, 'history.html')}\n`);
    expect(readFileSync(join(tmp.dir, 'history.html'), 'utf8')).toMatch(
      /^<!doctype html>[\s\S]*<figure class="line-chart"><svg viewBox/,
    );
  });

  test('audits on two versions of a bank: each scored on its own version, compared only where the questions are the same', () => {
    const v1 = tmp.write('mini1.yaml', MINI_BANK);
    const v2 = tmp.write(
      'mini2.yaml',
      MINI_BANK.replace('version: 1', 'version: 2').replace('Question two?', 'Question two, reworded?'),
    );
    const a = tmp.write(
      'a.yaml',
      'bank: mini@1\ndate: 2026-01-10\nanswers:\n  c.one: no\n  c.two: no\n  d.one: never\n  t.share: 10\n',
    );
    const b = tmp.write(
      'b.yaml',
      'bank: mini@2\ndate: 2026-04-10\nanswers:\n  c.one: yes\n  c.two: yes\n  d.one: always\n  t.share: 40\n',
    );
    const r = cli(['history', b, a, '--bank', v1, '--bank', v2, '--format', 'markdown'], { cwd: tmp.dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('| The Customer | 0.0 | 100.0† | · |');
    expect(r.stdout).toContain('| The Delivery | 0.0 | 100.0 | ↑ +100.0 |');
    expect(r.stdout.replace(/\n/g, ' ')).toContain('Questions changed, not compared: The Customer.');
  });

  test.each([
    [
      'one file only',
      (): string[] => [dated('complete.yaml', '2026-02-10')],
      /^error: a history needs at least two answers files/,
    ],
    [
      'no date',
      (): string[] => [
        dated('complete.yaml', '2026-02-10'),
        tmp.write('undated.yaml', readFileSync(join(FIXTURES, 'complete.yaml'), 'utf8').replace(/^date: .*\n/m, '')),
      ],
      /undated\.yaml:1:1 {2}no date: a history puts audits in the order they were taken — add "date: YYYY-MM-DD"/,
    ],
    [
      'another organization',
      (): string[] => [
        dated('complete.yaml', '2026-02-10'),
        tmp.write(
          'other.yaml',
          readFileSync(join(FIXTURES, 'complete.yaml'), 'utf8').replace(
            /^organization: .*$/m,
            'organization: Other Co',
          ),
        ),
      ],
      /other\.yaml:3:1 {2}organization "Other Co" is not "Acme Support" of .*2026-02-10\.yaml — a history follows one organization/,
    ],
    [
      'the same file twice',
      (): string[] => [dated('complete.yaml', '2026-02-10'), dated('complete.yaml', '2026-02-10', 'copy.yaml')],
      /^\S*copy\.yaml:1:1 {2}is the same audit as \S*2026-02-10\.yaml \(the files are identical\) — pass each audit once/,
    ],
    [
      'a version no bank given has',
      (): string[] => [
        dated('complete.yaml', '2026-02-10'),
        tmp.write(
          'v9.yaml',
          readFileSync(join(FIXTURES, 'complete.yaml'), 'utf8').replace('service-readiness@1', 'service-readiness@9'),
        ),
      ],
      /v9\.yaml:2:7 {2}these answers were given against "service-readiness@9"/,
    ],
  ])('%s: exit 2 with one clear line', (_, files, message) => {
    const r = cli(['history', '--bank', V1_BANK, ...files()], { cwd: tmp.dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(NO_STACK);
  });
});
