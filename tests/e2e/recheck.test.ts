import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { tempDir } from '../helpers.js';
import { cli, FIXTURES } from './cli-helpers.js';
import { KEY, Terminal } from './pty-driver.js';

const YEAR = join(FIXTURES, 'year');
/** The first quarter of 2027: the re-check after the year's last audit (2026-11-16). */
const TODAY = { SERVICE_AUDIT_TODAY: '2027-02-20' };
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

let tmp: ReturnType<typeof tempDir>;
let term: Terminal | undefined;
beforeEach(() => {
  tmp = tempDir();
  for (const q of [3, 4]) copyFileSync(join(YEAR, `2026-q${q}.yaml`), join(tmp.dir, `2026-q${q}.yaml`));
  copyFileSync(join(YEAR, 'plan.yaml'), join(tmp.dir, 'service-audit-plan.yaml'));
});
afterEach(() => {
  term?.kill();
  tmp.cleanup();
});

interface ReportWeakness {
  questionId: string;
  credit: number;
}

/**
 * What the re-check should ask, worked out from the report and the plan rather than written
 * down: answers at most half credit, last quarter's five Fix first, and the questions of the
 * plan's done or under-way actions (nothing is past its review date a quarter later).
 */
function expectedQuestions(dir: string): Set<string> {
  const report = JSON.parse(
    cli(['report', '--answers', '2026-q4.yaml', '--format', 'json', '--priorities', '5'], { cwd: dir }).stdout,
  );
  const weak = report.elements.flatMap((e: { weaknesses: ReportWeakness[] }) =>
    e.weaknesses.filter((w) => w.credit <= 0.5).map((w) => w.questionId),
  );
  const plan = parse(readFileSync(join(dir, 'service-audit-plan.yaml'), 'utf8'));
  const acted = plan.actions
    .filter((a: { status: string }) => a.status === 'done' || a.status === 'doing')
    .flatMap((a: { questions: string[] }) => a.questions);
  return new Set([...weak, ...report.priorities.map((w: ReportWeakness) => w.questionId), ...acted]);
}

describe('the quarterly re-check in a real terminal', () => {
  test('asks only what needs asking, says how many up front, carries the rest with their dates, leaves last quarter alone', async () => {
    const expected = expectedQuestions(tmp.dir);
    const before = sha(join(tmp.dir, '2026-q4.yaml'));
    term = new Terminal(['--recheck'], tmp.dir, TODAY, 100);
    const intro = (await term.waitFor('question 1 of')).replace(/\s+/g, ' ');
    const m = intro.match(
      /Re-check from 2026-q4\.yaml \(2026-11-16\): (\d+) of (\d+) questions to answer again \(([^)]*)\); about (\d+) minutes?\./,
    );
    expect(m, intro).not.toBeNull();
    const [, asked, total, why] = m!;
    expect(Number(asked)).toBe(expected.size);
    expect(Number(asked)).toBeLessThanOrEqual(20);
    expect(why).toMatch(/weak last time/);
    expect(why).toMatch(/acted on in the plan/);
    // Every answer of last quarter not asked again is carried, those a `when` leaves out too.
    // An empty key (a question left to answer later) is no answer to carry.
    const answered = Object.values(parse(readFileSync(join(tmp.dir, '2026-q4.yaml'), 'utf8')).answers).filter(
      (a) => a !== null,
    ).length;
    expect(Number(total)).toBeLessThanOrEqual(answered);
    expect(intro).toContain(`The other ${answered - Number(asked)} answers are carried forward`);
    expect(intro).toContain('2026-q4.yaml is left as it was');

    // Enter keeps last quarter's answer, offered as the default; count every question asked.
    let count = 0;
    for (;;) {
      count++;
      term.type(KEY.enter);
      const seen = await term.waitFor(new RegExp(`question ${count + 1} of ${asked}|Write a markdown report too`));
      if (seen.includes('Write a markdown report')) break;
    }
    term.type('n\r');
    expect(await term.exited).toBe(0);
    expect(count).toBe(expected.size);

    expect(sha(join(tmp.dir, '2026-q4.yaml'))).toBe(before);
    const file = join(tmp.dir, '2027-q1.yaml');
    expect(existsSync(file)).toBe(true);
    const now = parse(readFileSync(file, 'utf8'));
    const last = parse(readFileSync(join(tmp.dir, '2026-q4.yaml'), 'utf8'));
    expect(now.date).toBe('2027-02-20');
    expect(now.organization).toBe('Acme Support');
    for (const [id, a] of Object.entries(now.answers)) {
      if (expected.has(id)) expect(a, id).not.toHaveProperty('date');
      else if (a !== null) expect((a as { date?: string }).date, id).toBe('2026-11-16');
    }
    // Every answer kept its value: asked again and kept, or carried.
    const value = (a: unknown) =>
      typeof a === 'object' && a !== null && 'value' in a ? (a as { value: unknown }).value : a;
    for (const id of Object.keys(last.answers)) expect(value(now.answers[id]), id).toEqual(value(last.answers[id]));
    // Evidence travels with the answer.
    expect(now.answers['customer.feedback'].evidence).toBe('https://wiki.acme.example/feedback-loop');
    // This quarter's file is an ordinary answers file: it scores as last quarter's did.
    const score = (f: string) =>
      JSON.parse(cli(['report', '--answers', f, '--format', 'json'], { cwd: tmp.dir }).stdout).overall.score;
    expect(score('2027-q1.yaml')).toBe(score('2026-q4.yaml'));
  });

  test('Ctrl+C stops with every answer saved; the same re-check continues where it stopped', async () => {
    term = new Terminal(['--recheck', '2026-q4.yaml'], tmp.dir, TODAY, 100);
    const first = await term.waitFor(/question 1 of \d+/);
    const asked = Number(first.match(/question 1 of (\d+)/)![1]);
    term.type('1');
    await term.waitFor(`question 2 of ${asked}`);
    term.type(KEY.ctrlC);
    expect(await term.exited).toBe(130);
    expect(term.text()).toContain('Continue with: npx service-audit --recheck 2026-q4.yaml --answers 2027-q1.yaml');

    term = new Terminal(['--recheck', '2026-q4.yaml'], tmp.dir, TODAY, 100);
    expect(await term.waitFor(`question 2 of ${asked}`)).toContain(
      `1 of ${asked} answered — continuing at question 2.`,
    );
    term.kill();
  });

  test('a re-check onto last quarter’s own file is refused: it stays as it was', async () => {
    const before = sha(join(tmp.dir, '2026-q4.yaml'));
    term = new Terminal(['--recheck', '2026-q4.yaml', '--answers', './2026-q4.yaml'], tmp.dir, TODAY);
    expect(await term.exited).toBe(2);
    expect(term.text()).toContain(
      "error: --answers ./2026-q4.yaml is last quarter's file; a re-check leaves it as it was",
    );
    expect(sha(join(tmp.dir, '2026-q4.yaml'))).toBe(before);
  });
});
