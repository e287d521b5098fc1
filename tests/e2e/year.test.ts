import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { lint } from 'markdownlint/promise';
import { describe, expect, test } from 'vitest';
import { MARKDOWNLINT_CONFIG } from '../helpers.js';
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
