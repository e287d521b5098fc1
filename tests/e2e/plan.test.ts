import { copyFileSync, lstatSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { tempDir } from '../helpers.js';
import { cli, FIXTURES, NO_STACK } from './cli-helpers.js';
import { KEY, Terminal } from './pty-driver.js';

const YEAR = join(FIXTURES, 'year');
/** The day the tests run on: the first quarter of 2027, after the year of audits. */
const TODAY = { SERVICE_AUDIT_TODAY: '2027-02-20' };

let tmp: ReturnType<typeof tempDir>;
let term: Terminal | undefined;
beforeEach(() => {
  tmp = tempDir();
  for (const q of [1, 2, 3, 4]) copyFileSync(join(YEAR, `2026-q${q}.yaml`), join(tmp.dir, `2026-q${q}.yaml`));
});
afterEach(() => {
  term?.kill();
  tmp.cleanup();
});

const run = (args: string[]) => cli(args, { cwd: tmp.dir, env: TODAY });

describe('service-audit plan, for scripts', () => {
  test('--top N plans the top N weaknesses not yet planned; again, the next N; the file matches its schema', () => {
    const first = run(['plan', '--answers', '2026-q1.yaml', '--top', '3', '--owner', 'Team lead']);
    expect(first.code).toBe(0);
    expect(first.stderr).toBe('Added 3 actions in service-audit-plan.yaml\n');
    expect(first.stdout).toContain('0 of 3 done');
    const report = JSON.parse(
      run(['report', '--answers', '2026-q1.yaml', '--format', 'json', '--priorities', '6']).stdout,
    );
    const plan = parse(readFileSync(join(tmp.dir, 'service-audit-plan.yaml'), 'utf8'));
    expect(plan.actions.map((a: { questions: string[] }) => a.questions[0])).toEqual(
      report.priorities.slice(0, 3).map((w: { questionId: string }) => w.questionId),
    );
    expect(plan.actions[0]).toMatchObject({
      owner: 'Team lead',
      status: 'planned',
      changed: '2027-02-20',
      due: '2027-05-22',
    });
    expect(plan.actions[0].gain).toBe(report.priorities[0].pointsToGain);

    const again = run(['plan', '--answers', '2026-q1.yaml', '--top', '3', '--due', '2027-03-31', '--format', 'json']);
    expect(again.code).toBe(0);
    const model = JSON.parse(again.stdout);
    expect(model.actions.map((a: { questions: string[] }) => a.questions[0])).toEqual(
      report.priorities.slice(0, 6).map((w: { questionId: string }) => w.questionId),
    );
    expect(model.progress.summary).toBe('0 of 6 done');

    const schema = JSON.parse(run(['schema', 'plan']).stdout);
    const validate = new Ajv({ strict: false }).compile(schema);
    expect(validate(parse(readFileSync(join(tmp.dir, 'service-audit-plan.yaml'), 'utf8')))).toBe(true);
    expect(validate({ bank: 'x@1', actions: [{ id: 'a', title: 'T', questions: ['q'], status: 'finished' }] })).toBe(
      false,
    );
  });

  test.each([
    ['terminal', ['5 of 7 done, 1 under way, 2 overdue', '(overdue)', 'no owner']],
    [
      'markdown',
      [
        '- [x] **Write a one-page commission plan',
        '~~Update every salesperson',
        '5 of 7 done, 1 under way, 2 overdue.',
      ],
    ],
    ['csv', ['id,title,questions,owner,due,status,changed,overdue', 'environment.on-hold,', ',yes,']],
    ['json', ['"summary": "5 of 7 done, 1 under way, 2 overdue"', '"overdue": true']],
  ])('the year’s plan listed as %s', (format, expected) => {
    const r = run(['plan', '--plan', join(YEAR, 'plan.yaml'), '--format', format]);
    expect(r.code).toBe(0);
    for (const e of expected) expect(r.stdout).toContain(e);
    if (format === 'csv') expect(r.stdout.trimEnd().split('\r\n')).toHaveLength(9);
  });

  test.each([
    [
      'an impossible due day',
      ['due: 2026-05-15', 'due: 2026-02-30'],
      /^plan\.yaml:9:10 {2}date is not a day of the calendar/,
    ],
    [
      'a misspelt question id',
      ['questions: [commission.plan]', 'questions: [comission.plan]'],
      /^plan\.yaml:7:17 {2}unknown question id "comission\.plan" — did you mean "commission\.plan"\?/,
    ],
    [
      'a control character',
      ['owner: "Sales lead"', 'owner: "Sales\u0007lead"'],
      /^plan\.yaml:8:18 {2}control character U\+0007/,
    ],
  ])('%s in the plan: FILE:LINE:COL, exit 2, the file untouched', (_what, [from, to], message) => {
    const text = readFileSync(join(YEAR, 'plan.yaml'), 'utf8').replace(from!, to!);
    const file = tmp.write('plan.yaml', text);
    const r = run(['plan', '--plan', 'plan.yaml', '--answers', '2026-q4.yaml', '--top', '2']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(NO_STACK);
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  test('a plan file that is a symlink is written through to its target; the link stays a link', () => {
    tmp.write('real-plan.yaml', readFileSync(join(YEAR, 'plan.yaml'), 'utf8'));
    symlinkSync('real-plan.yaml', join(tmp.dir, 'service-audit-plan.yaml'));
    const r = run(['plan', '--answers', '2026-q4.yaml', '--top', '1']);
    expect(r.code).toBe(0);
    expect(lstatSync(join(tmp.dir, 'service-audit-plan.yaml')).isSymbolicLink()).toBe(true);
    expect(parse(readFileSync(join(tmp.dir, 'real-plan.yaml'), 'utf8')).actions).toHaveLength(9);
  });

  test('a bad --due is refused before anything is read or written', () => {
    const r = run(['plan', '--answers', '2026-q4.yaml', '--top', '1', '--due', '2027-13-01']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'error: --due 2027-13-01: not a day of the calendar; write it as YYYY-MM-DD, e.g. 2027-03-31\n',
    );
  });
});

describe('service-audit plan, on a terminal', () => {
  test('picks weaknesses by keyboard with owner, due day and first step, and moves an action to done', async () => {
    tmp.write(
      'service-audit-plan.yaml',
      readFileSync(join(YEAR, 'plan.yaml'), 'utf8').replace(
        /\n {2}- id: commission\.plan[\s\S]*?(?=\n {2}- id: proposal)/,
        '',
      ),
    );
    term = new Terminal(['plan', '--answers', '2026-q4.yaml'], tmp.dir, TODAY);
    // The open actions come first: the first is moved to done, the second kept.
    await term.waitFor('2 open actions; Enter keeps the status.');
    await term.waitFor('Ask each week which obstacle to remove');
    term.type(`${KEY.down}${KEY.enter}`); // doing → done
    await term.waitFor('Cap time on hold');
    term.type(KEY.enter);
    await term.waitFor(/weakness(es)? of Fix first without an action/);
    await term.waitFor('points)?');
    term.type('y'); // y answers at once, as every choice of the audit
    await term.waitFor('Owner');
    // Each text is seen on screen before Enter, so a loaded machine cannot submit a half-typed answer.
    term.type('Dana');
    await term.waitFor('Dana');
    term.type(KEY.enter);
    await term.waitFor('Due (YYYY-MM-DD)');
    term.type(`${KEY.backspace.repeat(10)}2027-31-01\r`);
    await term.waitFor('is not a day of the calendar');
    term.type(`${KEY.backspace.repeat(10)}2027-03-31\r`);
    await term.waitFor('First step');
    term.type('Listen to five calls');
    await term.waitFor('Listen to five calls');
    term.type(KEY.enter);
    // The rest are declined.
    for (;;) {
      const seen = await term.waitFor(/points\)\?|Action plan/);
      if (seen.includes('Action plan')) break;
      term.type('n');
    }
    expect(await term.exited).toBe(0);
    const plan = parse(readFileSync(join(tmp.dir, 'service-audit-plan.yaml'), 'utf8'));
    expect(plan.actions.find((a: { id: string }) => a.id === 'enablement.obstacles')).toMatchObject({
      status: 'done',
      changed: '2027-02-20',
    });
    expect(plan.actions.at(-1)).toMatchObject({
      owner: 'Dana',
      due: '2027-03-31',
      firstStep: 'Listen to five calls',
      status: 'planned',
    });
  });
});
