import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { lint } from 'markdownlint/promise';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { MARKDOWNLINT_CONFIG, MINI_BANK, tempDir } from '../helpers.js';
import { cli, FIXTURES, NO_STACK, V1_BANK } from './cli-helpers.js';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

const fixture = (name: string) => join(FIXTURES, name);
/** `report` on an answers fixture, against the v1 bank the fixture was given against. */
const report = (args: string[], o?: Parameters<typeof cli>[1]) => cli(['report', '--bank', V1_BANK, ...args], o);
/** How many scored questions the built-in bank has, and how many profile questions it asks first. */
const builtin = () => {
  const bank = JSON.parse(cli(['bank', '--format', 'json']).stdout);
  return {
    scored: bank.areas.flatMap((a: { elements: { questions: unknown[] }[] }) => a.elements.flatMap((e) => e.questions))
      .length as number,
    profile: (bank.profile ?? []).length as number,
    /** The lead's questions: team statements are the team's (not measured in a single report, never unanswered). */
    lead: bank.areas
      .flatMap((a: { elements: { questions: { audience: string }[] }[] }) => a.elements.flatMap((e) => e.questions))
      .filter((q: { audience: string }) => q.audience !== 'team').length as number,
  };
};

describe('report', () => {
  test.each([
    // The five team statements are the team's to answer: not measured in a single report.
    ['complete.yaml', 54.7, 'Answered 44 of 49, 5 not measured'],
    ['partial.yaml', 66.3, 'Answered 30 of 49, 5 not measured, 14 unanswered (29% of the audit missing)'],
    ['with-na.yaml', 52.5, 'Answered 42 of 49, 2 not applicable, 5 not measured'],
  ])('terminal report of %s', (file, overall, completeness) => {
    const r = report(['--answers', fixture(file)]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('Service readiness audit — Acme Support, 2026-11-22');
    expect(lines[1]).toMatch(new RegExp(`^Overall ${overall.toFixed(1)} / 100  Developing$`));
    expect(lines[2]).toMatch(/^Weakest element: /);
    expect(lines[3]).toBe(completeness);
    expect(lines[4]).toBe('Do first');
    // The report ends on Fix first, not on the list of what was left out.
    expect(r.stdout.slice(r.stdout.lastIndexOf('\n\n'))).toMatch(/^\n\nFix first\n {2}1\. /);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(80);
    expect(r.stdout).not.toMatch(/\u001b\[/);
  });

  test.each(['complete.yaml', 'partial.yaml', 'with-na.yaml'])(
    'markdown report of %s passes markdownlint',
    async (file) => {
      const r = report(['--answers', fixture(file), '--format', 'markdown']);
      expect(r.code).toBe(0);
      const results = await lint({ strings: { report: r.stdout }, config: MARKDOWNLINT_CONFIG });
      expect(results.report).toEqual([]);
      expect(r.stdout).toContain('# Service readiness audit: Acme Support');
      expect(r.stdout).toContain('## Engagement vs benchmarks');
    },
  );

  test('json report is the versioned model, byte-identical run to run', () => {
    const a = report(['--answers', fixture('with-na.yaml'), '--format', 'json']);
    const b = report(['--answers', fixture('with-na.yaml'), '--format', 'json']);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    const m = JSON.parse(a.stdout);
    expect(m).toMatchObject({
      schemaVersion: 5,
      tool: { name: 'service-audit' },
      bank: { id: 'service-readiness', version: 1 },
      overall: { score: 52.5, band: 'developing', missing: [] },
    });
    expect(m.answers.sha256).toBe(
      createHash('sha256')
        .update(readFileSync(fixture('with-na.yaml')))
        .digest('hex'),
    );
    expect(m.notApplicable).toEqual([
      { questionId: 'environment.premises', reason: 'We serve customers online only' },
      { questionId: 'linkedin.introductions', reason: 'We sell through partners' },
    ]);
    expect(m.elements.find((e: { id: string }) => e.id === 'engagement.understanding').benchmark).toMatchObject({
      value: 37,
      yours: 10,
      delta: -27,
    });
  });

  test('an unknown question id stops the report with exit 2, naming the line', () => {
    const r = report(['--answers', fixture('unknown-id.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `${fixture('unknown-id.yaml')}:11:3  unknown question id "customer.conveneince" — did you mean "customer.convenience"?\n`,
    );
    expect(r.stderr).not.toMatch(NO_STACK);
  });

  test('--out writes the file atomically and says where', () => {
    const r = report(['--answers', fixture('complete.yaml'), '--format', 'markdown', '--out', 'report.md'], {
      cwd: tmp.dir,
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`markdown report written to ${join(tmp.dir, 'report.md')}\n`);
    expect(readFileSync(join(tmp.dir, 'report.md'), 'utf8')).toMatch(/^# Service readiness audit: Acme Support\n/);
    expect(readdirSync(tmp.dir)).toEqual(['report.md']);
  });

  test('--out never overwrites the answers file it reports on', () => {
    const answers = tmp.write('a.yaml', readFileSync(fixture('complete.yaml'), 'utf8'));
    const before = readFileSync(answers, 'utf8');
    const r = report(['--answers', 'a.yaml', '--format', 'markdown', '--out', './a.yaml'], { cwd: tmp.dir });
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'error: --out ./a.yaml is the input file a.yaml; nothing was written. Choose another file for the output.\n',
    });
    expect(readFileSync(answers, 'utf8')).toBe(before);
  });

  test('--answers defaults to the file the interactive audit writes', () => {
    tmp.write('service-audit-answers.yaml', readFileSync(fixture('complete.yaml'), 'utf8'));
    const r = report(['--format', 'json'], { cwd: tmp.dir });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).answers.file).toBe('service-audit-answers.yaml');
    mkdirSync(join(tmp.dir, 'empty'));
    expect(cli(['report'], { cwd: join(tmp.dir, 'empty') }).stderr).toBe(
      'service-audit-answers.yaml:1:1  answers file not found — check the path, or create one with `service-audit init` or the interactive audit\n',
    );
  });

  test('--out into a folder that does not exist', () => {
    const r = report(['--answers', fixture('complete.yaml'), '--out', 'no/such/dir/r.txt'], { cwd: tmp.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'no/such/dir/r.txt:1:1  cannot write the file (its folder does not exist) — choose a path in a folder that exists and that you may write to\n',
    );
  });

  test.runIf(process.platform !== 'win32')(
    '--out to the answers file through a symlink is refused, and the answers are kept',
    () => {
      const real = tmp.write('real.yaml', readFileSync(fixture('complete.yaml'), 'utf8'));
      symlinkSync('real.yaml', join(tmp.dir, 'link.yaml'));
      const before = readFileSync(real, 'utf8');
      const r = report(['--answers', 'link.yaml', '--format', 'markdown', '--out', 'real.yaml'], { cwd: tmp.dir });
      expect(r).toEqual({
        code: 2,
        stdout: '',
        stderr:
          'error: --out real.yaml is the input file link.yaml; nothing was written. Choose another file for the output.\n',
      });
      expect(readFileSync(real, 'utf8')).toBe(before);
    },
  );

  test.runIf(process.platform !== 'win32')(
    'a device, a FIFO or an empty path as --answers is refused at once (exit 2)',
    () => {
      execFileSync('mkfifo', [join(tmp.dir, 'fifo')]);
      expect(cli(['report', '--answers', '/dev/zero'])).toEqual({
        code: 2,
        stdout: '',
        stderr:
          '/dev/zero:1:1  answers file is a character device, not a regular file — give the path of a regular file (save the content to a file first)\n',
      });
      expect(cli(['report', '--answers', 'fifo'], { cwd: tmp.dir }).stderr).toBe(
        'fifo:1:1  answers file is a pipe (FIFO), not a regular file — give the path of a regular file (save the content to a file first)\n',
      );
      expect(cli(['check', '--bank', '/dev/urandom', '--answers', fixture('complete.yaml')]).stderr).toBe(
        '/dev/urandom:1:1  bank file is a character device, not a regular file — give the path of a regular file (save the content to a file first)\n',
      );
      const empty = cli(['report', '--answers', '']);
      expect(empty.code).toBe(2);
      expect(empty.stderr).not.toContain('folder');
      expect(empty.stderr).toMatch(/^error: the answers file name is empty; /);
    },
  );

  test('--explain shows the arithmetic behind each element score', () => {
    const r = report(['--answers', fixture('complete.yaml'), '--explain']);
    expect(r.stdout).toMatch(/ {6}customer\.convenience +weight 2 × credit 0\.75 +\(agree\)/);
    expect(r.stdout).toContain('score = 100 × ');
  });

  test.each([
    [{ FORCE_COLOR: '1' }, [], true],
    [{ FORCE_COLOR: '1' }, ['--no-color'], false],
    [{ NO_COLOR: '1' }, [], false],
    [{}, [], false],
  ])('colour with env %o and flags %o: %s', (env, flags, coloured) => {
    const r = report(['--answers', fixture('complete.yaml'), ...flags], { env });
    expect(/\u001b\[/.test(r.stdout)).toBe(coloured);
  });
});

describe('init', () => {
  test('writes a valid, empty answers template, and never overwrites without --force', () => {
    const first = cli(['init'], { cwd: tmp.dir });
    expect(first.code).toBe(0);
    const file = join(tmp.dir, 'service-audit-answers.yaml');
    const text = readFileSync(file, 'utf8');
    // Not installed in this folder's project: no machine-specific modeline, the command instead.
    expect(text).not.toContain('yaml-language-server');
    expect(text).toContain('#   service-audit schema answers > answers.schema.json\n');
    expect(text).toContain(
      '  #   values: strongly-disagree | disagree | neutral | agree | strongly-agree\n  customer.convenience:\n',
    );
    expect((text.match(/^ {2}[a-z-]+\.[a-z-]+:$/gm) ?? []).length).toBe(builtin().scored + builtin().profile);
    expect(cli(['validate', 'service-audit-answers.yaml'], { cwd: tmp.dir }).code).toBe(0);

    const again = cli(['init'], { cwd: tmp.dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toBe(
      'error: service-audit-answers.yaml already exists; nothing was written. Pass --force to overwrite it, or name another file.\n',
    );
    expect(cli(['init', '--force'], { cwd: tmp.dir }).code).toBe(0);
  });

  test('the template says what is missing when checked', () => {
    cli(['init', '--out', 'a.yaml'], { cwd: tmp.dir });
    const r = cli(['check', '--answers', 'a.yaml'], { cwd: tmp.dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(new RegExp(`^✗ unanswered questions: count ${builtin().lead} > 0 \\(error\\)\n`));
  });
});

describe('compare', () => {
  test('reports hand-computed score changes, improvements, regressions and changed answers', () => {
    const bank = tmp.write('mini.yaml', MINI_BANK);
    // old: customer 62.5, delivery 80, trust 45, overall 62.5, dna 68.3
    tmp.write(
      'old.yaml',
      'bank: mini@1\ndate: 2026-08-01\nanswers:\n  c.one: partly\n  c.two: yes\n  d.one: often\n  t.share: 45\n',
    );
    // new: customer 100, delivery 0, trust 45; overall (200 + 0 + 45) / 4 = 61.25 → 61.3; dna 200 / 3 = 66.7
    tmp.write(
      'new.yaml',
      'bank: mini@1\ndate: 2026-11-01\nanswers:\n  c.one: yes\n  c.two: yes\n  d.one: never\n  t.share: 45\n',
    );
    const r = cli(['compare', 'old.yaml', 'new.yaml', '--bank', bank, '--format', 'json'], { cwd: tmp.dir });
    expect(r.code).toBe(0);
    const c = JSON.parse(r.stdout);
    expect(c.overall).toEqual({ id: 'overall', title: 'Overall', old: 62.5, new: 61.3, delta: -1.2 });
    expect(c.areas.map((a: { id: string; delta: number }) => [a.id, a.delta])).toEqual([
      ['dna', -1.6],
      ['eng', 0],
    ]);
    expect(c.improvements.map((e: { id: string; delta: number }) => [e.id, e.delta])).toEqual([['dna.customer', 37.5]]);
    expect(c.regressions.map((e: { id: string; delta: number }) => [e.id, e.delta])).toEqual([['dna.delivery', -80]]);
    expect(c.changedAnswers).toEqual([
      { questionId: 'c.one', text: 'Question one?', old: 'partly', new: 'yes' },
      { questionId: 'd.one', text: 'Question three?', old: 'often', new: 'never' },
    ]);
    const t = cli(['compare', 'old.yaml', 'new.yaml', '--bank', bank], { cwd: tmp.dir });
    expect(t.stdout).toContain('Regressions (1)\n  The Delivery                             80.0 →    0.0   -80.0');
    const md = cli(['compare', 'old.yaml', 'new.yaml', '--bank', bank, '--format', 'markdown'], { cwd: tmp.dir });
    expect(md.stdout).toContain('| The Customer | 62.5 | 100.0 | +37.5 |');
  });
});

describe('the interactive audit without a terminal', () => {
  test('exits 2 at once with a pointer to report and check, never hanging', () => {
    const started = Date.now();
    const r = cli([], { cwd: tmp.dir });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^error: the interactive audit needs a terminal.*service-audit report --answers FILE.*service-audit check --answers FILE\n$/,
    );
    expect(readdirSync(tmp.dir)).toEqual([]);
  });
});

describe('the built-in bank v2, end to end', () => {
  // A remote team that sells and has run a pulse: no premises, no social media.
  const answers = fixture('v2-complete.yaml');

  test('scores a v2 answers file, with what the profile leaves out reported as not applicable, and its reason', () => {
    const r = cli(['report', '--answers', answers]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    // Asked by the profile apart from marked N/A; the ten team statements are the team's (not measured).
    expect(r.stdout.split('\n')[3]).toBe('Answered 71 of 85, 1 not applicable, 3 not asked, 10 not measured');
    // One line per reason, the questions named once.
    expect(r.stdout).toContain(
      '  2 questions not asked: Customers do not come to you in person, so not asked.\n  (environment.premises, delivery.eye-contact)\n',
    );
    expect(r.stdout).toContain('  1 question not asked: Customers do not reach you on social media, so not\n');
    expect(r.stdout).toContain('  10 questions not measured: run a pulse (');
    const json = JSON.parse(cli(['report', '--answers', answers, '--format', 'json']).stdout);
    expect(json.bank).toMatchObject({ id: 'service-readiness', version: 2 });
    // The poll's figures stand beside the team's pulse results.
    expect(json.elements.find((e: { id: string }) => e.id === 'engagement.understanding').benchmark).toMatchObject({
      value: 37,
      yours: 45,
      delta: 8,
    });
  });

  test.each(['terminal', 'markdown', 'json', 'html'])('the %s report names no source file', (format) => {
    const r = cli(['report', '--answers', answers, '--format', format]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/\b\d{3}_[0-9a-f]{16}\b|\.txt\b/);
  });

  test('the markdown report passes markdownlint', async () => {
    const r = cli(['report', '--answers', answers, '--format', 'markdown']);
    const results = await lint({ strings: { report: r.stdout }, config: MARKDOWNLINT_CONFIG });
    expect(results.report).toEqual([]);
  });
});
