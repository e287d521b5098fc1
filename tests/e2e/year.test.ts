import { copyFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { lint } from 'markdownlint/promise';
import { describe, expect, test } from 'vitest';
import { MARKDOWNLINT_CONFIG, tempDir } from '../helpers.js';
import { cli, FIXTURES } from './cli-helpers.js';

// A year of four quarterly audits of one organization, the plan it made from the first one, and
// two staff pulses: the quarterly cycle's files, run through the built binary.
const YEAR = join(FIXTURES, 'year');
const TODAY = { SERVICE_AUDIT_TODAY: '2027-02-20' };
const INPUTS = ['2026-q1.yaml', '2026-q2.yaml', '2026-q3.yaml', '2026-q4.yaml', 'pulse-2026-q2', 'pulse-2026-q4'];
const run = (args: string[]) => cli(args, { cwd: YEAR, env: TODAY });
const history = (format: string) => run(['history', ...INPUTS, '--plan', 'plan.yaml', '--format', format]);

describe('history of a year: the audits, the plan on the timeline, the pulses', () => {
  test('json carries each action with whether its questions moved, and each pulse statement quarter by quarter', () => {
    const r = history('json');
    expect(r.code, r.stderr).toBe(0);
    const m = JSON.parse(r.stdout);
    expect(m.audits.map((a: { date: string }) => a.date)).toEqual([
      '2026-02-16',
      '2026-05-18',
      '2026-08-17',
      '2026-11-16',
    ]);
    expect(m.plan.summary).toBe('5 of 7 done, 1 under way, 2 overdue');
    const byId = Object.fromEntries(m.plan.actions.map((a: { id: string }) => [a.id, a]));
    // Done in April; its question was "no" before and "yes" at the latest audit since.
    expect(byId['commission.plan-written']).toMatchObject({ status: 'done', before: 0, after: 1, verdict: 'moved' });
    // Done in June, but the mystery shopping has not moved its answer yet.
    expect(byId['customer.mirror']).toMatchObject({ verdict: 'not yet', before: 0.25, after: 0.25 });
    // Open and dropped actions get no verdict.
    expect(byId['enablement.obstacles'].verdict).toBeNull();
    expect(byId['linkedin.profiles-complete'].verdict).toBeNull();
    // Two pulses, in quarter order, each with as many respondents as files in its folder.
    expect(m.pulse.pulses.map((p: { quarter: string; respondents: number }) => [p.quarter, p.respondents])).toEqual([
      ['2026-q2', readdirSync(join(YEAR, 'pulse-2026-q2')).length],
      ['2026-q4', readdirSync(join(YEAR, 'pulse-2026-q4')).length],
    ]);
    for (const row of m.pulse.rows)
      for (const p of row.points) {
        expect(p.low).toBeLessThanOrEqual(p.share);
        expect(p.high).toBeGreaterThanOrEqual(p.share);
      }
    expect(m.pulse.rows.length).toBeGreaterThan(0);
  });

  test.each([
    [
      'terminal',
      [
        'Plan: 5 of 7 done, 1 under way, 2 overdue',
        'acted on → moved',
        'not yet (credit 0.25 → 0.25)',
        'Staff pulse',
        '2026-q2 (n=6) · 2026-q4 (n=7)',
      ],
    ],
    [
      'markdown',
      [
        '## Plan: 5 of 7 done, 1 under way, 2 overdue',
        'acted on → moved',
        '## Staff pulse',
        '| Statement | 2026-q2 (n=6) | 2026-q4 (n=7) |',
      ],
    ],
    ['html', ['<section id="plan"', 'acted on → not yet', '<section id="pulse"', 'n=7']],
  ])('%s shows the plan and the pulses', async (format, expected) => {
    const r = history(format);
    expect(r.code, r.stderr).toBe(0);
    for (const e of expected) expect(r.stdout).toContain(e);
    if (format === 'markdown') {
      const found = (await lint({ strings: { md: r.stdout }, config: MARKDOWNLINT_CONFIG })).md!;
      expect(found).toEqual([]);
    }
  });

  test('without --plan or pulse folders the history is as before', () => {
    const m = JSON.parse(run(['history', ...INPUTS.slice(0, 4), '--format', 'json']).stdout);
    expect(m.plan).toBeNull();
    expect(m.pulse).toBeNull();
  });

  test('a bad plan stops the history with FILE:LINE:COL', () => {
    const r = run(['history', ...INPUTS.slice(0, 2), '--plan', '2026-q1.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^2026-q1\.yaml:\d+:\d+ {2}/);
  });
});

describe('report and check on the year, with the plan', () => {
  const CONFIG = [
    'plan: plan.yaml',
    'assertions:',
    '  overdue: { max: 0 }',
    '  noOwner: { max: 0, level: warn }',
    '  unplanned: { max: 0, top: 5 }',
    '  expired: { max: 0 }',
    '',
  ].join('\n');

  test('the JSON report carries each weakness its action and the plan’s progress, valid against its schema', async () => {
    const r = run(['report', '--answers', '2026-q4.yaml', '--plan', 'plan.yaml', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const m = JSON.parse(r.stdout);
    expect(m.plan).toMatchObject({ file: 'plan.yaml', total: 7, done: 5, overdue: 2, noOwner: 1 });
    expect(m.plan.summary).toBe('5 of 7 done, 1 under way, 2 overdue');
    const byQuestion = Object.fromEntries(m.priorities.map((w: { questionId: string }) => [w.questionId, w]));
    // One action covers both phone questions; it has no owner and is overdue.
    expect(byQuestion['environment.phone-menu'].action).toEqual({
      id: 'environment.hold-message',
      title: 'Cap time on hold at one minute; call back instead',
      status: 'planned',
      owner: null,
      due: '2026-09-30',
      overdue: true,
    });
    expect(byQuestion['customer.mirror'].action.status).toBe('done');
    expect(m.priorities.some((w: { action?: unknown }) => w.action === undefined)).toBe(true);
    // Nothing is past its review date a quarter after the audit.
    expect(m.expired).toBeUndefined();
    const { Ajv } = await import('ajv');
    const validate = new Ajv({ strict: false }).compile(JSON.parse(run(['schema', 'report']).stdout));
    expect(validate(m), JSON.stringify(validate.errors)).toBe(true);
  });

  test.each([
    [
      'terminal',
      ['Plan: 5 of 7 done, 1 under way, 2 overdue', 'Action (planned): Cap time on hold', 'No action in the plan yet.'],
    ],
    ['markdown', ['Plan: 5 of 7 done, 1 under way, 2 overdue.', '- [x] ', 'Action (planned): Cap time on hold']],
    ['html', ['Plan: 5 of 7 done, 1 under way, 2 overdue.', 'Action (planned): Cap time on hold']],
  ])('the %s report shows each weakness its action and the plan’s progress', (format, expected) => {
    const r = run(['report', '--answers', '2026-q4.yaml', '--plan', 'plan.yaml', '--format', format]);
    expect(r.code, r.stderr).toBe(0);
    // Wrapped lines joined: a long Fix-first item may break anywhere in the action's words.
    for (const e of expected) expect(r.stdout.replace(/\s+/g, ' ')).toContain(e);
  });

  test('a year after the first audit its answers are past their review date: listed, and check fails on them', () => {
    const later = { SERVICE_AUDIT_TODAY: '2027-03-01' };
    const m = JSON.parse(
      cli(['report', '--answers', '2026-q1.yaml', '--format', 'json'], { cwd: YEAR, env: later }).stdout,
    );
    // Every answer was given on 2026-02-16 and the bank keeps answers current for a year.
    expect(m.expired.length).toBeGreaterThanOrEqual(m.completeness.answered);
    expect(m.expired[0]).toMatchObject({ answered: '2026-02-16', due: '2027-02-16' });
    const text = cli(['report', '--answers', '2026-q1.yaml'], { cwd: YEAR, env: later }).stdout;
    expect(text).toContain(`Past their review date (${m.expired.length}): ask them again with service-audit --recheck`);
  });

  test.each(['terminal', 'json', 'junit', 'github', 'markdown'])(
    'check asserts overdue, no owner, unplanned top-N and expired answers, in %s',
    (format) => {
      const dir = tempDir();
      try {
        for (const f of ['2026-q4.yaml', 'plan.yaml']) copyFileSync(join(YEAR, f), join(dir.dir, f));
        dir.write('.service-audit.yaml', CONFIG);
        const r = cli(['check', '--answers', '2026-q4.yaml', '--format', format], { cwd: dir.dir, env: TODAY });
        expect(r.code, r.stderr).toBe(1);
        const out = r.stdout + r.stderr;
        // Every format names each assertion; the terminal, JSON and GitHub formats also say the count.
        for (const subject of [
          'overdue actions',
          'open actions without an owner',
          'weaknesses of the top 5 of Fix first with no action',
          'answers past their review date',
        ])
          expect(out).toContain(subject);
        if (format === 'markdown') expect(out).toContain('| **fail** | overdue actions | \\<= 0 | 2 |');
        if (['terminal', 'json', 'github'].includes(format)) {
          expect(out).toContain('overdue actions: count 2');
          expect(out).toContain('open actions without an owner: count 1');
          expect(out).toContain('answers past their review date: count 0');
        }
      } finally {
        dir.cleanup();
      }
    },
  );

  test('plan assertions without a plan are not measured, neither pass nor fail', () => {
    const dir = tempDir();
    try {
      copyFileSync(join(YEAR, '2026-q4.yaml'), join(dir.dir, '2026-q4.yaml'));
      dir.write('.service-audit.yaml', 'assertions:\n  overdue: { max: 0 }\n  unanswered: { max: 10 }\n');
      const r = cli(['check', '--answers', '2026-q4.yaml', '--format', 'json'], { cwd: dir.dir, env: TODAY });
      expect(r.code, r.stderr).toBe(0);
      const overdue = JSON.parse(r.stdout).results.find((x: { name: string }) => x.name === 'overdue');
      expect(overdue).toMatchObject({ notMeasured: true, actual: null });
      expect(overdue.message).toContain('no plan');
    } finally {
      dir.cleanup();
    }
  });
});
