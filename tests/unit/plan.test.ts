import { readFileSync, writeFileSync } from 'node:fs';
import { lint } from 'markdownlint/promise';
import { parse } from 'yaml';
import { describe, expect, test } from 'vitest';
import { parseAnswers } from '../../src/answers/parse.js';
import { parseBank } from '../../src/bank/parse.js';
import type { Bank } from '../../src/bank/schema.js';
import { formatProblem } from '../../src/errors.js';
import { expiredAnswers, planFacts, weaknessAction } from '../../src/plan/facts.js';
import { renderPlanCsv, renderPlanMarkdown, renderPlanTerminal } from '../../src/plan/formats.js';
import { mergePlans } from '../../src/plan/merge.js';
import { buildPlanModel, progressOf } from '../../src/plan/model.js';
import { parsePlan } from '../../src/plan/parse.js';
import { planTop, unplanned, withStatus } from '../../src/plan/propose.js';
import type { Action, Plan } from '../../src/plan/schema.js';
import { renderPlanFile } from '../../src/plan/write.js';
import { scoreAudit } from '../../src/score/score.js';
import { csvField } from '../../src/text/escape.js';
import type { Io } from '../../src/cli/io.js';
import { openPlan } from '../../src/cli/plan-file.js';
import { MARKDOWNLINT_CONFIG, MINI_BANK, tempDir } from '../helpers.js';

const bank = parseBank('mini.yaml', MINI_BANK).bank as Bank;
const LINK = { command: 'service-audit schema plan' };

const action = (id: string, extra: Partial<Action> = {}): Action => ({
  id,
  title: `Do ${id}`,
  questions: ['c.one'],
  status: 'planned',
  ...extra,
});
const plan = (actions: Action[]): Plan => ({ bank: 'mini@1', actions });

/** The one-line messages `validate` would print for a plan file's text. */
const problems = (text: string) => parsePlan('plan.yaml', text, bank).problems.map(formatProblem);

describe('the plan file', () => {
  test('written and read back is the same plan, whatever the text holds', () => {
    const p: Plan = {
      bank: 'mini@1',
      organization: 'Acme "Support"',
      actions: [
        action('c.one', {
          title: 'Quote: "x", colon: y # not a comment\nsecond line',
          owner: 'Team lead',
          due: '2027-03-31',
          changed: '2026-12-01',
          firstStep: '- starts like a list',
          check: 'yes',
          gain: 4.5,
          notes: '\u001b[31mred',
        }),
        action('d.one', { questions: ['d.one', 'c.two'], status: 'done' }),
      ],
    };
    const text = renderPlanFile(p, LINK, 'Mini bank');
    const back = parsePlan('plan.yaml', text, bank);
    expect(back.problems).toEqual([]);
    expect(back.parsed!.plan).toEqual(p);
    expect(text).toContain('#   service-audit schema plan > plan.schema.json');
    // A modeline path, when there is one, stands on the first line, as in the answers file.
    expect(renderPlanFile(p, { path: '../schemas/plan.schema.json' }).split('\n')[0]).toBe(
      '# yaml-language-server: $schema=../schemas/plan.schema.json',
    );
  });

  test.each([
    [
      'an impossible due day',
      'bank: mini@1\nactions:\n  - { id: a, title: T, questions: [c.one], due: 2027-02-30 }\n',
      'plan.yaml:3:49  date is not a day of the calendar — write the day it is due as YYYY-MM-DD, e.g. 2026-11-22',
    ],
    [
      'a due day in another form',
      'bank: mini@1\nactions:\n  - id: a\n    title: T\n    questions: [c.one]\n    due: 31/03/2027\n',
      'plan.yaml:6:10  date must be YYYY-MM-DD — write the day it is due as YYYY-MM-DD, e.g. 2026-11-22',
    ],
    [
      'an unknown question id',
      'bank: mini@1\nactions:\n  - id: a\n    title: T\n    questions: [c.one, d.onne]\n',
      'plan.yaml:5:24  unknown question id "d.onne" — did you mean "d.one"?',
    ],
    [
      'an unknown status',
      'bank: mini@1\nactions:\n  - id: a\n    title: T\n    questions: [c.one]\n    status: finished\n',
      'plan.yaml:6:13  "status" is the text "finished"; expected one of planned, doing, done, dropped — use one of planned, doing, done, dropped',
    ],
    [
      'one id twice',
      'bank: mini@1\nactions:\n  - { id: a, title: T, questions: [c.one] }\n  - { id: a, title: U, questions: [c.two] }\n',
      'plan.yaml:4:11  action id "a" is used twice — give each action its own id',
    ],
    [
      'a control character',
      'bank: mini@1\nactions:\n  - { id: a, title: "T\u001b[2J", questions: [c.one] }\n',
      'plan.yaml:3:23  control character U+001B (ESC) in the text',
    ],
    [
      'another bank',
      'bank: other@1\nactions: []\n',
      'plan.yaml:1:7  this plan was made against "other@1" but the bank is "mini@1" — pass --bank with the bank the plan was made against',
    ],
  ])('%s is refused at its line and column', (_what, text, expected) => {
    const found = problems(text);
    expect(found.length).toBeGreaterThan(0);
    expect(found[0]!.startsWith(expected)).toBe(true);
  });
});

describe('merging a plan changed by someone else meanwhile', () => {
  test('changes to different actions or fields are all kept; actions added on both sides too', () => {
    const base = plan([action('a'), action('b')]);
    const ours = plan([action('a', { status: 'done', changed: '2026-12-06' }), action('b'), action('c')]);
    const theirs = plan([action('a', { owner: 'Sam' }), action('b', { due: '2027-01-31' }), action('d')]);
    const { merged, conflicts } = mergePlans(base, ours, theirs);
    expect(conflicts).toEqual([]);
    expect(merged.actions).toEqual([
      action('a', { owner: 'Sam', status: 'done', changed: '2026-12-06' }),
      action('b', { due: '2027-01-31' }),
      action('d'),
      action('c'),
    ]);
  });

  test('one field changed differently on both sides is a conflict, and theirs is kept', () => {
    const base = plan([action('a')]);
    const { merged, conflicts } = mergePlans(
      base,
      plan([action('a', { status: 'done' })]),
      plan([action('a', { status: 'dropped' })]),
    );
    expect(conflicts).toEqual([{ action: 'a', field: 'status', ours: 'done', theirs: 'dropped' }]);
    expect(merged.actions[0]!.status).toBe('dropped');
  });

  test('removed on one side and changed on the other is a conflict; the action is kept', () => {
    const { merged, conflicts } = mergePlans(plan([action('a')]), plan([]), plan([action('a', { owner: 'Sam' })]));
    expect(conflicts.map((c) => c.field)).toEqual(['action']);
    expect(merged.actions).toEqual([action('a', { owner: 'Sam' })]);
  });
});

describe('the plan model and its formats', () => {
  const today = '2027-02-01';
  const p = plan([
    action('a', { status: 'done', owner: 'Lead' }),
    action('b', { status: 'doing', due: '2027-01-15', owner: 'IT' }),
    action('c', { due: '2027-03-01' }),
    action('d', { status: 'dropped' }),
    action('e', { status: 'done', owner: 'Lead' }),
    action('f', { status: 'done', owner: 'Lead' }),
  ]);

  test('progress reads "3 of 5 done, 1 overdue": dropped actions do not count, closed ones are never overdue', () => {
    const progress = progressOf(p.actions, today);
    expect(progress).toMatchObject({ total: 5, done: 3, doing: 1, planned: 1, dropped: 1, overdue: 1, noOwner: 1 });
    expect(progress.summary).toBe('3 of 5 done, 1 under way, 1 overdue');
    expect(progressOf([], today).summary).toBe('no actions planned');
    expect(progressOf([action('x', { status: 'done', due: '2000-01-01' })], today).overdue).toBe(0);
  });

  test('markdown is a task list a tracker accepts, done ticked, and passes markdownlint', async () => {
    const hostile = plan([action('a', { title: '<img src=x> **bold** [link](http://x)', status: 'done' })]);
    const md = renderPlanMarkdown(buildPlanModel(hostile, { file: 'p.yaml', today }), {});
    expect(md).toContain('- [x] **\\<img src=x\\> \\*\\*bold\\*\\* \\[link\\](http\\://x)**');
    const all = renderPlanMarkdown(buildPlanModel(p, { file: 'p.yaml', today }), {});
    expect(all.match(/^- \[ \]/gm)).toHaveLength(3);
    expect(all.match(/^- \[x\]/gm)).toHaveLength(3);
    expect(all).toContain('~~Do d~~');
    const found = (await lint({ strings: { md: all }, config: MARKDOWNLINT_CONFIG })).md!;
    expect(found).toEqual([]);
  });

  test('CSV has one row per action, every field escaped, nothing a spreadsheet would run', () => {
    const hostile = plan([action('a', { title: '=HYPERLINK("http://x","y")', notes: 'two\nlines, "quoted"' })]);
    const csv = renderPlanCsv(buildPlanModel(hostile, { file: 'p.yaml', today }), {});
    const rows = csv.split('\r\n');
    expect(rows[0]).toBe('id,title,questions,owner,due,status,changed,overdue,firstStep,check,gain,notes');
    expect(rows[1]).toBe('a,"\'=HYPERLINK(""http://x"",""y"")",c.one,,,planned,,no,,,,"two\nlines, ""quoted"""');
    expect(
      renderPlanCsv(buildPlanModel(p, { file: 'p.yaml', today }), {})
        .trimEnd()
        .split('\r\n'),
    ).toHaveLength(7);
  });

  test('the terminal shows each action with its owner and due day, text escaped', () => {
    const out = renderPlanTerminal(
      buildPlanModel(plan([action('a', { title: 'x\u001b[2Jy', due: '2027-01-01' })]), { file: 'p.yaml', today }),
    );
    expect(out).toContain('x\\x1b[2Jy');
    expect(out).toContain('no owner, due 2027-01-01 (overdue)');
  });
});

describe('csvField', () => {
  test.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['=1+1', "'=1+1"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\u001b[31m', '\\x1b[31m'],
    ['a\r\nb', '"a\nb"'],
  ])('%j → %s', (input, expected) => expect(csvField(input)).toBe(expected));
});

describe('planning from Fix first', () => {
  const answers = parse('bank: mini@1\nanswers: { c.one: no, c.two: no, d.one: never, t.share: 5 }\n');
  const scores = scoreAudit(
    bank,
    {
      bank: 'mini@1',
      answers: Object.fromEntries(Object.entries(answers.answers).map(([k, v]) => [k, { value: v as string }])),
    },
    { priorities: 10 },
  );

  test('--top N adds the first N weaknesses not yet planned, each with its gain', () => {
    const start = plan([action('c.one')]);
    const { plan: next, added } = planTop(start, scores.priorities, 2, {
      today: '2026-12-06',
      due: '2027-03-07',
      owner: 'Lead',
    });
    expect(added.map((a) => a.questions[0])).toEqual(
      scores.priorities
        .map((w) => w.questionId)
        .filter((id) => id !== 'c.one')
        .slice(0, 2),
    );
    expect(added.every((a) => a.gain! > 0 && a.owner === 'Lead' && a.status === 'planned')).toBe(true);
    expect(unplanned(next, scores.priorities)).toHaveLength(scores.priorities.length - 3);
    // A dropped action does not count as planned.
    expect(unplanned(withStatus(start, 'c.one', 'dropped', '2026-12-07'), scores.priorities)).toHaveLength(
      scores.priorities.length,
    );
  });
});

describe('the answers file of the built-in bank', () => {
  test('an answer keeps its evidence and the day it was given', () => {
    const builtin = parseBank('b.yaml', readFileSync('questions/service-readiness.yaml', 'utf8')).bank as Bank;
    const text = readFileSync('tests/fixtures/v2-complete.yaml', 'utf8').replace(
      /^ {2}customer\.convenience: (\S+)$/m,
      '  customer.convenience: { value: $1, evidence: "https://wiki/convenience", date: 2026-08-01 }',
    );
    const { parsed, problems: found } = parseAnswers('a.yaml', text, builtin);
    expect(found).toEqual([]);
    expect(parsed!.answers.answers['customer.convenience']).toMatchObject({
      evidence: 'https://wiki/convenience',
      date: '2026-08-01',
    });
  });
});

describe('two writers of one plan file', () => {
  const io = (cwd: string) => ({ cwd }) as unknown as Io;
  test('a hand edit made meanwhile is merged into the next write; a clash stops with FILE:LINE:COL and keeps the file', () => {
    const tmp = tempDir();
    try {
      const start = renderPlanFile(plan([action('c.one'), action('d.one', { questions: ['d.one'] })]), LINK);
      const path = tmp.write('plan.yaml', start);
      const guarded = openPlan(io(tmp.dir), 'plan.yaml', bank);
      // Someone sets an owner by hand while `plan` runs.
      writeFileSync(path, start.replace('owner: ""', 'owner: "Sam"'));
      guarded.write(withStatus(guarded.known.value, 'd.one', 'done', '2026-12-06'));
      const now = parsePlan('plan.yaml', readFileSync(path, 'utf8'), bank).parsed!.plan;
      expect(now.actions[0]!.owner).toBe('Sam');
      expect(now.actions[1]).toMatchObject({ status: 'done', changed: '2026-12-06' });
      // Both change the same status differently: nothing is written, the hand edit stays.
      const edited = readFileSync(path, 'utf8').replace(/^ {4}status: planned$/m, '    status: dropped');
      writeFileSync(path, edited);
      expect(() => guarded.write(withStatus(guarded.known.value, 'c.one', 'doing', '2026-12-07'))).toThrow(
        /^plan\.yaml:\d+:\d+ {2}c\.one status was changed in this file meanwhile \(the file says "dropped"; yours, "doing", was not saved\)/,
      );
      expect(readFileSync(path, 'utf8')).toBe(edited);
    } finally {
      tmp.cleanup();
    }
  });
});

describe('what reports and check count on a plan and on answers', () => {
  const today = '2027-02-01';
  const p = plan([
    action('a', { questions: ['c.one'], status: 'doing', due: '2027-01-15', owner: 'IT' }),
    action('b', { questions: ['c.two'], due: '2027-03-01' }),
    action('c', { questions: ['d.one'], status: 'dropped' }),
  ]);

  test('overdue, without an owner, and top-N weaknesses no action addresses', () => {
    const facts = planFacts(p, 'plan.yaml', ['c.one', 'd.one', 't.share', 'c.two'], today);
    expect(facts.overdue).toEqual(['a']);
    expect(facts.noOwner).toEqual(['b']);
    // d.one's only action was dropped: it counts as unplanned.
    expect(facts.unplanned(2)).toEqual(['d.one']);
    expect(facts.unplanned(4)).toEqual(['d.one', 't.share']);
    expect(facts.progress.summary).toBe('0 of 2 done, 1 under way, 1 overdue');
  });

  test('a weakness shows the action addressing it, an open one before a dropped one', () => {
    expect(weaknessAction(p, 'c.one', today)).toEqual({
      id: 'a',
      title: 'Do a',
      status: 'doing',
      owner: 'IT',
      due: '2027-01-15',
      overdue: true,
    });
    expect(weaknessAction(p, 't.share', today)).toBeUndefined();
  });

  test('answers past their review date, by their own date or the file’s; undated ones are not listed', () => {
    const answers = {
      bank: 'mini@1',
      date: '2026-06-01',
      answers: {
        'c.one': { value: 'yes', date: '2025-01-01' },
        'c.two': { value: 'yes' },
        'd.one': { value: 'always', date: '2026-12-01' },
      },
    };
    expect(expiredAnswers(bank, answers, '2027-02-01')).toEqual([
      { questionId: 'c.one', answered: '2025-01-01', due: '2026-01-01' },
    ]);
    expect(expiredAnswers(bank, answers, '2027-06-02').map((e) => e.questionId)).toEqual(['c.one', 'c.two']);
    const { date: _none, ...undated } = answers;
    expect(expiredAnswers(bank, undated, '2027-06-02').map((e) => e.questionId)).toEqual(['c.one']);
  });
});
