import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { MINI_BANK, tempDir } from '../helpers.js';
import { cli } from './cli-helpers.js';
import { KEY, Terminal } from './pty-driver.js';

interface Q {
  id: string;
  type: string;
  options?: { value: string }[];
  when?: Record<string, string[]>;
}
type Condition = Record<string, string[]>;
/** The built-in bank's questions in asking order (the profile first), each with the conditions that must hold for it to be asked. */
let questions: { id: string; area: string; q: Q; when: Condition[] }[];
let areaTitles: string[];
beforeAll(() => {
  const bank = JSON.parse(cli(['bank', '--format', 'json']).stdout);
  areaTitles = bank.areas.map((a: { title: string }) => a.title);
  questions = [
    ...(bank.profile ?? []).map((q: Q) => ({ id: q.id, area: 'profile', q, when: [] })),
    ...bank.areas.flatMap((a: { id: string; elements: { when?: Condition; questions: Q[] }[] }) =>
      a.elements.flatMap((e) => e.questions.map((q) => ({ id: q.id, area: a.id, q, when: [e.when, q.when].filter((c): c is Condition => c !== undefined) }))),
    ),
  ];
});

/** Whether a question is left out: a condition names a question answered with a value it does not list (unanswered asks). */
const skipped = (when: Condition[], given: Record<string, unknown>) => when.some((c) => Object.entries(c).some(([ref, values]) => ref in given && !values.includes(String(given[ref]))));

let tmp: ReturnType<typeof tempDir>;
let term: Terminal | undefined;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => {
  term?.kill();
  tmp.cleanup();
});

/** The answer the tests give to question i: a rotating option by number key, or a percent. */
const planned = (q: Q, i: number): { keys: string; value: string | number } =>
  q.type === 'percent' ? { keys: `${(i * 7) % 101}\r`, value: (i * 7) % 101 } : { keys: String((i % q.options!.length) + 1), value: q.options![i % q.options!.length]!.value };

const answersIn = (file: string) => parse(readFileSync(file, 'utf8')) as { bank: string; date: string; organization?: string; answers: Record<string, unknown> };

/**
 * Answers the questions in `list` that the answers so far (`given`, updated) do not leave out, each
 * followed by an empty note; a left-out question is passed over, as the audit passes over it.
 */
async function answer(t: Terminal, list: typeof questions, total: number, offset = 0, given: Record<string, unknown> = {}) {
  for (const [i, { q, when }] of list.entries()) {
    if (skipped(when, given)) continue;
    await t.waitFor(`question ${offset + i + 1} of ${total}`);
    const { keys, value } = planned(q, offset + i);
    t.type(keys);
    given[q.id] = value;
    await t.waitFor('Note (optional');
    t.type(KEY.enter);
  }
  return given;
}

/** Starts the audit on the mini bank, skips the organization, and waits for question 1. */
async function startMini(flags: string[] = [], env: Record<string, string> = {}): Promise<Terminal> {
  const t = new Terminal(['--bank', tmp.write('mini.yaml', MINI_BANK), ...flags], tmp.dir, env);
  term = t; // killed by afterEach whatever happens
  await t.waitFor('Organization');
  t.type(KEY.enter);
  await t.waitFor('question 1 of 4');
  return t;
}

describe('the interactive audit in a real terminal', () => {
  test('answering every question of the built-in bank saves each answer and ends with the report', async () => {
    term = new Terminal(['--report', 'report.md'], tmp.dir);
    const intro = await term.waitFor('Organization');
    expect(intro).toMatch(new RegExp(`${questions.length} questions on ${areaTitles.join(', ')}; about \\d+ minutes\\.`));
    expect(intro).toContain('Stop any time with Ctrl+C');
    term.type('Acme Support\r');
    const given = await answer(term, questions, questions.length);
    // The rotating answers say no to some of the profile, so some questions are left out, and others are not.
    const left = questions.filter(({ when }) => skipped(when, given));
    expect(left.length).toBeGreaterThan(0);
    expect(left.length).toBeLessThan(questions.length / 2);
    await term.waitFor('Markdown report written to');
    expect(await term.exited).toBe(0);

    const screen = term.text();
    expect(screen).toMatch(/Overall \d+\.\d \/ 100/);
    expect(screen).toContain('Elements, weakest first');
    expect(screen).toContain('Answers saved in service-audit-answers.yaml');

    const file = answersIn(join(tmp.dir, 'service-audit-answers.yaml'));
    expect(file.bank).toBe('service-readiness@2');
    expect(file.organization).toBe('Acme Support');
    expect(file.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(file.answers).toEqual(Object.fromEntries(questions.map(({ id }) => [id, given[id] ?? null])));
    // The saved file is valid and scores to the same report the screen showed.
    const report = cli(['report', '--answers', 'service-audit-answers.yaml', '--format', 'json'], { cwd: tmp.dir });
    expect(report.code).toBe(0);
    expect(screen).toContain(`Overall ${JSON.parse(report.stdout).overall.score.toFixed(1)} / 100`);
    expect(readFileSync(join(tmp.dir, 'report.md'), 'utf8')).toMatch(/^# Service readiness audit: Acme Support\n/);
    expect(readdirSync(tmp.dir).sort()).toEqual(['report.md', 'service-audit-answers.yaml']);
  });

  test('Ctrl+C halfway exits 130 with every answer saved; the same command resumes and finishes', async () => {
    // An audit of one area still asks the profile first: the area's questions may depend on it.
    const list = questions.filter((x) => x.area === 'profile' || x.area === 'engagement');
    const total = list.length;
    const half = Math.floor(total / 2);
    term = new Terminal(['--area', 'engagement'], tmp.dir);
    await term.waitFor('Organization');
    term.type(KEY.enter);
    const given = await answer(term, list.slice(0, half), total);
    expect(Object.keys(given)).toHaveLength(half);
    await term.waitFor(`question ${half + 1} of ${total}`);
    term.type(KEY.ctrlC);
    expect(await term.exited).toBe(130);
    expect(term.text().trimEnd().split('\n').at(-1)).toBe(`Stopped. ${half} answers saved in service-audit-answers.yaml. Continue with: npx service-audit --area engagement`);
    expect(term.text()).not.toMatch(/^\s+at /m);
    const saved = answersIn(join(tmp.dir, 'service-audit-answers.yaml'));
    expect(Object.keys(saved.answers).filter((k) => saved.answers[k] !== null)).toEqual(list.slice(0, half).map((x) => x.id));
    expect(readdirSync(tmp.dir)).toEqual(['service-audit-answers.yaml']);

    term = new Terminal(['--area', 'engagement'], tmp.dir);
    expect(await term.waitFor(`question ${half + 1} of ${total}`)).toContain(`${half} of ${total} answered — continuing at question ${half + 1}.`);
    // Question half + 1 is on screen already: answer it, then the rest.
    const next = planned(list[half]!.q, half);
    term.type(next.keys);
    given[list[half]!.id] = next.value;
    await term.waitFor('Note (optional');
    term.type(KEY.enter);
    await answer(term, list.slice(half + 1), total, half + 1, given);
    await term.waitFor('Write a markdown report too?');
    term.type('y\r');
    await term.waitFor('Markdown report written to');
    expect(await term.exited).toBe(0);
    const done = answersIn(join(tmp.dir, 'service-audit-answers.yaml'));
    expect(done.answers).toMatchObject(given);
    expect(list.every(({ id, when }) => id in given || skipped(when, given))).toBe(true);
    expect(existsSync(join(tmp.dir, 'service-audit-report.md'))).toBe(true);
  });

  test('← goes back to correct the previous answer', async () => {
    term = await startMini();
    term.type('2'); // a slip: Partly
    await term.waitFor('Note (optional');
    term.type(KEY.enter);
    await term.waitFor('question 2 of 4');
    term.type(KEY.left);
    await term.waitFor('question 1 of 4');
    await term.waitFor(/❯ 2\. Partly/); // the saved answer is the default
    term.type('3');
    await term.waitFor('Note (optional');
    term.type(KEY.enter);
    await term.waitFor('question 2 of 4');
    term.type(KEY.ctrlC);
    expect(await term.exited).toBe(130);
    expect(answersIn(join(tmp.dir, 'service-audit-answers.yaml')).answers).toMatchObject({ 'c.one': 'yes', 'c.two': null });
  });

  test('the organization is saved as soon as it is typed, in the file --answers names', async () => {
    const bank = tmp.write('mini.yaml', MINI_BANK);
    term = new Terminal(['--bank', bank, '--answers', 'q4.yaml'], tmp.dir);
    expect(await term.waitFor('Organization')).toContain('Every answer is saved at once in q4.yaml.');
    term.type('Acme Support\r');
    await term.waitFor('question 1 of 4');
    term.type(KEY.ctrlC);
    expect(await term.exited).toBe(130);
    expect(term.text().trimEnd().split('\n').at(-1)).toBe(`Stopped. 0 answers saved in q4.yaml. Continue with: npx service-audit --answers q4.yaml --bank ${bank}`);
    expect(readdirSync(tmp.dir).sort()).toEqual(['mini.yaml', 'q4.yaml']);
    expect(answersIn(join(tmp.dir, 'q4.yaml'))).toMatchObject({ bank: 'mini@1', organization: 'Acme Support' });
  });

  test('help on demand, not applicable with a reason, a note, and percent validation', async () => {
    term = await startMini();
    term.type('?');
    await term.waitFor('Why one matters.');
    term.type('4'); // not applicable
    await term.waitFor('Why does it not apply?');
    term.type(KEY.enter); // an empty reason is refused
    await term.waitFor('Please give a short reason');
    term.type('No such process\r');
    await term.waitFor('Note (optional');
    term.type('Ask again next quarter\r');
    await term.waitFor('question 2 of 4');
    term.type(KEY.down + KEY.enter); // No
    await term.waitFor('Note (optional');
    term.type(KEY.enter);
    await term.waitFor('question 3 of 4');
    term.type('3');
    await term.waitFor('Note (optional');
    term.type(KEY.enter);
    await term.waitFor('question 4 of 4');
    term.type('250\r');
    await term.waitFor('Type a number from 0 to 100');
    term.type('\u007f\u007f\u007f45\r');
    await term.waitFor('Note (optional');
    term.type(KEY.enter);
    await term.waitFor('Write a markdown report too?');
    term.type('n\r');
    expect(await term.exited).toBe(0);
    expect(answersIn(join(tmp.dir, 'service-audit-answers.yaml')).answers).toEqual({
      'c.one': { na: 'No such process', note: 'Ask again next quarter' },
      'c.two': 'no',
      'd.one': 'always',
      't.share': 45,
    });
  });

  test('--restart asks first and keeps a backup; --review offers the saved answers', async () => {
    const bank = tmp.write('mini.yaml', MINI_BANK);
    const original = 'bank: mini@1\nanswers:\n  c.one: yes\n  c.two: yes\n  d.one: never\n  t.share: 10\n';
    tmp.write('service-audit-answers.yaml', original);

    term = new Terminal(['--bank', bank, '--restart'], tmp.dir);
    await term.waitFor('Start over?');
    term.type('n\r');
    expect(await term.exited).toBe(0);
    expect(readFileSync(join(tmp.dir, 'service-audit-answers.yaml'), 'utf8')).toBe(original);

    term = new Terminal(['--bank', bank, '--review'], tmp.dir);
    expect(await term.waitFor('question 1 of 4')).toContain('Reviewing all 4 questions; press Enter to keep a saved answer.');
    // The saved answer (Agree, option 3) is where the cursor starts.
    await term.waitFor(/❯ 3\. Agree\s+4\. Not applicable/);
    term.type(KEY.enter); // keep
    await term.waitFor('Note (optional');
    term.type(KEY.ctrlC);
    expect(await term.exited).toBe(130);

    // The review saved the kept answer again, in the tool's own layout.
    const beforeRestart = readFileSync(join(tmp.dir, 'service-audit-answers.yaml'), 'utf8');
    expect(answersIn(join(tmp.dir, 'service-audit-answers.yaml')).answers).toMatchObject({ 'c.one': 'yes', 'c.two': 'yes', 'd.one': 'never', 't.share': 10 });
    term = new Terminal(['--bank', bank, '--restart'], tmp.dir);
    await term.waitFor('Start over?');
    term.type('y\r');
    await term.waitFor('Old answers kept in');
    await term.waitFor('Organization');
    term.type(KEY.enter);
    await term.waitFor('question 1 of 4');
    term.type(KEY.ctrlC);
    expect(await term.exited).toBe(130);
    expect(readFileSync(join(tmp.dir, 'service-audit-answers.yaml.bak'), 'utf8')).toBe(beforeRestart);
    expect(answersIn(join(tmp.dir, 'service-audit-answers.yaml')).answers).toEqual({ 'c.one': null, 'c.two': null, 'd.one': null, 't.share': null });
  });

  test.each([
    ['NO_COLOR=1', { NO_COLOR: '1' }, []],
    ['--no-color', {}, ['--no-color']],
  ])('%s: the whole audit is free of colour codes', async (_name, env, flags) => {
    term = await startMini(flags, env);
    term.type('?');
    await term.waitFor('Why one matters.');
    term.type('1');
    await term.waitFor('Note (optional');
    term.type(KEY.ctrlC);
    expect(await term.exited).toBe(130);
    // SGR sequences (ESC [ … m) are colours and styles; cursor movement is fine.
    expect(term.raw()).not.toMatch(/\u001b\[[0-9;]*m/);
  });

  test('with colour by default on a terminal', async () => {
    term = await startMini();
    term.type(KEY.ctrlC);
    expect(await term.exited).toBe(130);
    expect(term.raw()).toMatch(/\u001b\[[0-9;]*m/);
  });

  test('an answers file it cannot read is reported, never overwritten', async () => {
    const broken = 'bank: service-readiness@2\nanswers:\n  customer.convenience: maybe\n';
    tmp.write('service-audit-answers.yaml', broken);
    term = new Terminal([], tmp.dir);
    expect(await term.exited).toBe(2);
    expect(term.text()).toContain('service-audit-answers.yaml:3:25  "maybe" is not an answer to customer.convenience');
    expect(readFileSync(join(tmp.dir, 'service-audit-answers.yaml'), 'utf8')).toBe(broken);
  });
});
