import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { MINI_BANK, tempDir } from '../helpers.js';
import { cli } from './cli-helpers.js';
import { KEY, Terminal } from './pty-driver.js';

interface Q {
  id: string;
  type: string;
  audience?: string;
  options?: { value: string }[];
  max?: number;
  when?: Record<string, string[]>;
}
type Condition = Record<string, string[]>;
/** The built-in bank's questions in asking order (the profile first), each with the conditions that must hold for it to be asked. */
let questions: { id: string; area: string; q: Q; when: Condition[] }[];
beforeAll(() => {
  const bank = JSON.parse(cli(['bank', '--format', 'json']).stdout);
  questions = [
    ...(bank.profile ?? []).map((q: Q) => ({ id: q.id, area: 'profile', q, when: [] })),
    ...bank.areas.flatMap((a: { id: string; elements: { when?: Condition; questions: Q[] }[] }) =>
      a.elements.flatMap((e) =>
        // The lead's audit never asks the team statements.
        e.questions
          .filter((q) => q.audience !== 'team')
          .map((q) => ({
            id: q.id,
            area: a.id,
            q,
            when: [e.when, q.when].filter((c): c is Condition => c !== undefined),
          })),
      ),
    ),
  ];
});

/** Whether a question is left out: a condition names a question answered with a value it does not list (unanswered asks). */
const skipped = (when: Condition[], given: Record<string, unknown>) =>
  when.some((c) => Object.entries(c).some(([ref, values]) => ref in given && !values.includes(String(given[ref]))));

let tmp: ReturnType<typeof tempDir>;
let term: Terminal | undefined;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => {
  term?.kill();
  tmp.cleanup();
});

/** A percent or number the tests type at question i: rotating, within the question's largest value. */
const typedValue = (q: Q, i: number) => Math.min((i * 7) % 101, q.max ?? 100);

/** The answer the tests give to question i: a rotating option by number key, or a percent or number typed. */
const planned = (q: Q, i: number): { keys: string; value: string | number } =>
  q.type === 'percent' || q.type === 'number'
    ? { keys: `${typedValue(q, i)}\r`, value: typedValue(q, i) }
    : { keys: String((i % q.options!.length) + 1), value: q.options![i % q.options!.length]!.value };

const answersIn = (file: string) =>
  parse(readFileSync(file, 'utf8')) as {
    bank: string;
    date: string;
    organization?: string;
    answers: Record<string, unknown>;
  };

/** Keys typed by `answer`, to count what a minimal run costs. */
let keysTyped = 0;

/** "question n of N" as the audit counts it: only what the answers so far leave to be asked. */
function progress(list: typeof questions, i: number, given: Record<string, unknown>) {
  let index = 0;
  let total = 0;
  list.forEach((x, k) => {
    if (k !== i && skipped(x.when, given)) return;
    total++;
    if (k <= i) index++;
  });
  return { index, total };
}

/**
 * Answers list[from..to) with the fewest keys (no note, nothing else asked between them), passing
 * over those the answers so far (`given`, updated) leave out, as the audit passes over them; the
 * progress line counts only what will really be asked.
 */
async function answer(
  t: Terminal,
  list: typeof questions,
  from = 0,
  to = list.length,
  given: Record<string, unknown> = {},
) {
  for (let i = from; i < to; i++) {
    const { q, when } = list[i]!;
    if (skipped(when, given)) continue;
    const { index, total } = progress(list, i, given);
    await t.waitFor(`question ${index} of ${total}`);
    const { keys, value } = planned(q, i);
    keysTyped += keys.length;
    given[q.id] = value;
    t.type(keys);
  }
  return given;
}

/** Skips the organization and the respondent's name. */
async function skipIntro(t: Terminal) {
  await t.waitFor('Organization');
  t.type(KEY.enter);
  await t.waitFor('Your name');
  t.type(KEY.enter);
}

/** Starts the audit on the mini bank, skips the organization and name, and waits for question 1. */
async function startMini(flags: string[] = [], env: Record<string, string> = {}, cwd = tmp.dir): Promise<Terminal> {
  const t = new Terminal(['--bank', tmp.write('mini.yaml', MINI_BANK), ...flags], cwd, env);
  term = t; // killed by afterEach whatever happens
  await skipIntro(t);
  await t.waitFor('question 1 of 4');
  return t;
}

/** Every line of the screen text, for checking that nothing wrapped. */
const screenLines = (t: Terminal) => t.text().split(/\r?\n/);

describe('the interactive audit in a real terminal', () => {
  test('answering every question of the built-in bank saves each answer and ends with the report', async () => {
    term = new Terminal(['--report', 'report.md'], tmp.dir);
    const intro = (await term.waitFor('Organization')).replace(/\s+/g, ' ');
    expect(intro).toMatch(new RegExp(`${questions.length} questions on .*; about \\d+ minutes\\.`));
    expect(intro).toContain('x marks a question not applicable, n adds a note');
    expect(intro).toContain('Stop any time with Ctrl+C');
    term.type('Acme Support\r');
    await term.waitFor('Your name');
    term.type('Dana Lee\r');
    keysTyped = 0;
    const given = await answer(term, questions);
    await term.waitFor('Markdown report written to');
    // The rotating answers say no to some of the profile, so some questions are left out, and others are not.
    const left = questions.filter(({ when }) => skipped(when, given));
    expect(left.length).toBeGreaterThan(0);
    expect(left.length).toBeLessThan(questions.length / 2);
    // The audit finished on one key per listed answer and the digits and Enter of each percent:
    // nothing is asked between two questions.
    expect(keysTyped).toBe(questions.reduce((n, x, i) => n + (x.id in given ? planned(x.q, i).keys.length : 0), 0));
    expect(keysTyped).toBeLessThan(questions.length * 2);
    expect(term.text()).not.toContain('Note (optional');
    expect(await term.exited).toBe(0);

    const screen = term.text();
    expect(screen).toMatch(/Overall \d+\.\d \/ 100/);
    expect(screen).toContain('Elements, weakest first');
    expect(screen).toContain('Answers saved in service-audit-answers.yaml');

    const file = answersIn(join(tmp.dir, 'service-audit-answers.yaml'));
    expect(file.bank).toBe('service-readiness@2');
    expect(file.organization).toBe('Acme Support');
    expect((file as { respondent?: string }).respondent).toBe('Dana Lee');
    expect(file.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(file.answers).toMatchObject(Object.fromEntries(questions.map(({ id }) => [id, given[id] ?? null])));
    // The file still lists the team statements (for the bank's order), unanswered: the lead was not asked them.
    const asked = new Set(questions.map((x) => x.id));
    expect(Object.entries(file.answers).filter(([id, v]) => !asked.has(id) && v !== null)).toEqual([]);
    // The saved file is valid and scores to the same report the screen showed.
    const report = cli(['report', '--answers', 'service-audit-answers.yaml', '--format', 'json'], { cwd: tmp.dir });
    expect(report.code).toBe(0);
    expect(screen).toContain(`Overall ${JSON.parse(report.stdout).overall.score.toFixed(1)} / 100`);
    expect(readFileSync(join(tmp.dir, 'report.md'), 'utf8')).toMatch(/^# Service readiness audit: Acme Support\n/);
    expect(readdirSync(tmp.dir).sort()).toEqual(['report.md', 'service-audit-answers.yaml']);
    // At 80 columns the headers ("question n of N" was awaited whole for each) and the key
    // lines are never broken by the terminal.
    expect(screenLines(term)).toContain('  ↑↓ move · 1-5 choose · x not applicable · n note · ? help · Enter confirm');
    expect(screenLines(term).some((l) => l.startsWith('  ← back · Ctrl+C stop (answers are saved)'))).toBe(true);
  });

  test('Ctrl+C halfway exits 130 with every answer saved; the same command resumes and finishes', async () => {
    // An audit of one area still asks the profile first: the area's questions may depend on it.
    const list = questions.filter((x) => x.area === 'profile' || x.area === 'engagement');
    const total = list.length;
    const half = Math.floor(total / 2);
    term = new Terminal(['--area', 'engagement'], tmp.dir);
    await skipIntro(term);
    const given = await answer(term, list, 0, half);
    expect(Object.keys(given)).toHaveLength(half);
    const at = progress(list, half, given);
    await term.waitFor(`question ${at.index} of ${at.total}`);
    term.type(KEY.ctrlC);
    expect(await term.exited).toBe(130);
    expect(term.text().trimEnd().split('\n').at(-1)).toBe(
      `Stopped. ${half} answers saved in service-audit-answers.yaml. Continue with: npx service-audit --area engagement`,
    );
    expect(term.text()).not.toMatch(/^\s+at /m);
    const saved = answersIn(join(tmp.dir, 'service-audit-answers.yaml'));
    expect(Object.keys(saved.answers).filter((k) => saved.answers[k] !== null)).toEqual(
      list.slice(0, half).map((x) => x.id),
    );
    expect(readdirSync(tmp.dir)).toEqual(['service-audit-answers.yaml']);

    term = new Terminal(['--area', 'engagement'], tmp.dir);
    expect(await term.waitFor(`question ${at.index} of ${at.total}`)).toContain(
      `${half} of ${at.total} answered — continuing at question ${at.index}.`,
    );
    // Question half + 1 is on screen already: answer it, then the rest.
    const next = planned(list[half]!.q, half);
    term.type(next.keys);
    given[list[half]!.id] = next.value;
    await answer(term, list, half + 1, list.length, given);
    await term.waitFor('Write a markdown report too (service-audit-report.md)?');
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
    await term.waitFor('question 2 of 4');
    term.type(KEY.left);
    await term.waitFor('question 1 of 4');
    await term.waitFor(/❯ 2\. Partly/); // the saved answer is the default
    term.type('3');
    await term.waitFor('question 2 of 4');
    term.type(KEY.ctrlC);
    expect(await term.exited).toBe(130);
    expect(answersIn(join(tmp.dir, 'service-audit-answers.yaml')).answers).toMatchObject({
      'c.one': 'yes',
      'c.two': null,
    });
  });

  test('the organization is saved as soon as it is typed, in the file --answers names', async () => {
    const bank = tmp.write('mini.yaml', MINI_BANK);
    term = new Terminal(['--bank', bank, '--answers', 'q4.yaml'], tmp.dir);
    expect(await term.waitFor('Organization')).toContain('Every answer is saved at once in q4.yaml.');
    term.type('Acme Support\r');
    await term.waitFor('Your name');
    term.type(KEY.enter);
    await term.waitFor('question 1 of 4');
    term.type(KEY.ctrlC);
    expect(await term.exited).toBe(130);
    expect(term.text().trimEnd().split('\n').at(-1)).toBe(
      `Stopped. 0 answers saved in q4.yaml. Continue with: npx service-audit --answers q4.yaml --bank ${bank}`,
    );
    expect(readdirSync(tmp.dir).sort()).toEqual(['mini.yaml', 'q4.yaml']);
    expect(answersIn(join(tmp.dir, 'q4.yaml'))).toMatchObject({ bank: 'mini@1', organization: 'Acme Support' });
  });

  test('help on demand, not applicable on x with a reason, a note on n, and percent validation', async () => {
    term = await startMini();
    term.type('?');
    await term.waitFor('Why one matters.');
    term.type('x'); // not applicable
    await term.waitFor('Why does it not apply?');
    term.type(KEY.enter); // an empty reason is refused
    await term.waitFor('Please give a short reason');
    term.type('No such process');
    term.type(KEY.escape); // Esc: back to the question, nothing answered
    await term.waitFor('❯ x. Not applicable');
    term.type('x');
    await term.waitFor('Why does it not apply?');
    term.type(KEY.left); // ← in the empty field: back to the question too
    await term.waitFor('❯ x. Not applicable');
    term.type('n');
    await term.waitFor('Note:');
    term.type('Ask again next quarter\r');
    await term.waitFor('Note: Ask again next quarter');
    term.type('x');
    await term.waitFor('Why does it not apply?');
    term.type('No such process\r');
    await term.waitFor('question 2 of 4');
    term.type(KEY.down + KEY.enter); // No
    await term.waitFor('question 3 of 4');
    term.type('3');
    await term.waitFor('question 4 of 4');
    term.type('250\r');
    await term.waitFor('Type a number from 0 to 100');
    term.type('\u007f\u007f\u007f45\r');
    await term.waitFor('Write a markdown report too');
    term.type('n\r');
    expect(await term.exited).toBe(0);
    expect(term.text()).not.toContain('Note (optional');
    expect(answersIn(join(tmp.dir, 'service-audit-answers.yaml')).answers).toEqual({
      'c.one': { na: 'No such process', note: 'Ask again next quarter' },
      'c.two': 'no',
      'd.one': 'always',
      't.share': 45,
    });
  });

  test('a saved percent: ← moves the cursor in the text; ← goes back only once the text is empty', async () => {
    const bank = tmp.write('mini.yaml', MINI_BANK);
    tmp.write(
      'service-audit-answers.yaml',
      'bank: mini@1\nanswers:\n  c.one: yes\n  c.two: yes\n  d.one: never\n  t.share: 10\n',
    );
    term = new Terminal(['--bank', bank, '--from', 't.share'], tmp.dir);
    expect(await term.waitFor('Percent (0-100): 10')).toContain('question 4 of 4');
    term.type(KEY.left + KEY.backspace); // deletes the 1: the cursor moved left
    await term.waitFor('Percent (0-100): 0');
    term.type(KEY.left); // at the start of "0": nothing to go back to yet
    term.type(KEY.right + KEY.backspace + KEY.left); // now empty: ← goes back
    await term.waitFor('question 3 of 4');
    term.type(KEY.enter); // keep "never"
    await term.waitFor('Percent (0-100): 10'); // never answered differently: still the saved 10
    term.type(`${KEY.backspace}${KEY.backspace}7\r`);
    await term.waitFor('Write a markdown report too');
    term.type('n\r');
    expect(await term.exited).toBe(0);
    expect(answersIn(join(tmp.dir, 'service-audit-answers.yaml')).answers).toMatchObject({
      'd.one': 'never',
      't.share': 7,
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
    // --review asks the organization and the name again, so both can be changed.
    await term.waitFor('Organization');
    term.type('Acme\r');
    await term.waitFor('Your name');
    term.type(KEY.enter);
    expect(await term.waitFor('question 1 of 4')).toContain(
      'Reviewing all 4 questions; press Enter to keep a saved answer.',
    );
    // The saved answer (Agree, option 3) is where the cursor starts.
    await term.waitFor(/❯ 3\. Agree\s+x\. Not applicable/);
    term.type(KEY.enter); // keep
    await term.waitFor('question 2 of 4');
    term.type(KEY.ctrlC);
    expect(await term.exited).toBe(130);

    // The review saved the kept answer again, in the tool's own layout.
    const beforeRestart = readFileSync(join(tmp.dir, 'service-audit-answers.yaml'), 'utf8');
    expect(answersIn(join(tmp.dir, 'service-audit-answers.yaml'))).toMatchObject({
      organization: 'Acme',
      answers: { 'c.one': 'yes', 'c.two': 'yes', 'd.one': 'never', 't.share': 10 },
    });
    term = new Terminal(['--bank', bank, '--restart'], tmp.dir);
    await term.waitFor('Start over?');
    term.type('y\r');
    await term.waitFor('Old answers kept in');
    await skipIntro(term);
    await term.waitFor('question 1 of 4');
    term.type(KEY.ctrlC);
    expect(await term.exited).toBe(130);
    expect(readFileSync(join(tmp.dir, 'service-audit-answers.yaml.bak'), 'utf8')).toBe(beforeRestart);
    expect(answersIn(join(tmp.dir, 'service-audit-answers.yaml')).answers).toEqual({
      'c.one': null,
      'c.two': null,
      'd.one': null,
      't.share': null,
    });
  });

  test.each([
    ['NO_COLOR=1', { NO_COLOR: '1' }, []],
    ['--no-color', {}, ['--no-color']],
  ])('%s: the whole audit is free of colour codes', async (_name, env, flags) => {
    term = await startMini(flags, env);
    term.type('?');
    await term.waitFor('Why one matters.');
    term.type('1');
    await term.waitFor('question 2 of 4');
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

  test('an answer that cannot be written is never shown with ✔; the audit stops with exit 2', async () => {
    const sub = join(tmp.dir, 'sub');
    mkdirSync(sub);
    term = await startMini(['--answers', 'sub/a.yaml']);
    rmSync(sub, { recursive: true }); // the folder is gone: the write must fail
    term.type('3');
    expect(await term.exited).toBe(2);
    const text = term.text();
    expect(text).toContain('(not saved)');
    expect(text).not.toContain('✔ Question one?');
    expect(text).toContain('sub/a.yaml:1:1  cannot write the file');
  });

  test("two audits at once on one answers file: each keeps the other's answers", async () => {
    const bank = tmp.write('mini.yaml', MINI_BANK);
    const a = new Terminal(['--bank', bank, '--area', 'dna'], tmp.dir);
    const b = new Terminal(['--bank', bank, '--area', 'eng'], tmp.dir);
    try {
      // Both start before either has written the file.
      await a.waitFor('Organization');
      await b.waitFor('Organization');
      a.type('Acme\r');
      await a.waitFor('Your name');
      a.type(KEY.enter);
      b.type(KEY.enter);
      await b.waitFor('Your name');
      b.type(KEY.enter);
      await a.waitFor('question 1 of 3');
      a.type('3'); // c.one: yes
      await a.waitFor('question 2 of 3');
      await b.waitFor('question 1 of 1');
      b.type('30\r'); // t.share, while a has answered c.one
      await b.waitFor('Write a markdown report too');
      a.type('1'); // c.two: yes, after b wrote t.share
      await a.waitFor('question 3 of 3');
      a.type('2'); // d.one: often
      await a.waitFor('Write a markdown report too');
      a.type('n\r');
      b.type('n\r');
      expect(await a.exited).toBe(0);
      expect(await b.exited).toBe(0);
    } finally {
      a.kill();
      b.kill();
    }
    expect(answersIn(join(tmp.dir, 'service-audit-answers.yaml'))).toMatchObject({
      organization: 'Acme',
      answers: { 'c.one': 'yes', 'c.two': 'yes', 'd.one': 'often', 't.share': 30 },
    });
  });

  test('two audits answering the same question differently: the second stops, exit 2, the first answer kept', async () => {
    const bank = tmp.write('mini.yaml', MINI_BANK);
    const a = new Terminal(['--bank', bank], tmp.dir);
    const b = new Terminal(['--bank', bank], tmp.dir);
    try {
      await skipIntro(a);
      await skipIntro(b);
      await a.waitFor('question 1 of 4');
      await b.waitFor('question 1 of 4');
      a.type('3');
      await a.waitFor('question 2 of 4');
      b.type('1');
      expect(await b.exited).toBe(2);
      expect(b.text()).toMatch(
        /service-audit-answers\.yaml:\d+:\d+ {2}c\.one was changed in this file while the audit ran \(the file says "yes"; your "no" was not saved\) — run the audit again/,
      );
      expect(b.text()).not.toContain('✔ Question one?');
    } finally {
      a.kill();
      b.kill();
    }
    expect(answersIn(join(tmp.dir, 'service-audit-answers.yaml')).answers).toMatchObject({ 'c.one': 'yes' });
  });

  test('a hand edit while the audit runs survives the next answer', async () => {
    term = await startMini();
    term.type('3');
    await term.waitFor('question 2 of 4');
    const path = join(tmp.dir, 'service-audit-answers.yaml');
    writeFileSync(
      path,
      readFileSync(path, 'utf8')
        .replace(/^ {2}t\.share:$/m, '  t.share: 77')
        .replace('# organization: Your organization', 'organization: "By hand"'),
    );
    term.type('1'); // c.two
    await term.waitFor('question 3 of 4');
    expect(answersIn(path)).toMatchObject({
      organization: 'By hand',
      answers: { 'c.one': 'yes', 'c.two': 'yes', 't.share': 77 },
    });
    term.type('3'); // d.one; t.share is answered now, so the audit ends
    await term.waitFor('Write a markdown report too');
    term.type('n\r');
    expect(await term.exited).toBe(0);
    expect(answersIn(path)).toMatchObject({
      organization: 'By hand',
      answers: { 'c.one': 'yes', 'c.two': 'yes', 'd.one': 'always', 't.share': 77 },
    });
  });

  test.each([
    ['named like the report', 'service-audit-report.md', 'service-audit-report.md'],
    ['the same file through a linked folder', 'linked/service-audit-report.md', 'service-audit-report.md'],
  ])('"Write a markdown report too? y" never overwrites the answers file (%s)', async (_what, answersFile, real) => {
    const bank = tmp.write('mini.yaml', MINI_BANK);
    const answers = 'bank: mini@1\nanswers:\n  c.one: yes\n  c.two: yes\n  d.one: never\n  t.share: 10\n';
    tmp.write(real, answers);
    if (answersFile !== real) symlinkSync(tmp.dir, join(tmp.dir, 'linked'));
    term = new Terminal(['--bank', bank, '--answers', answersFile, '--from', 't.share'], tmp.dir);
    await term.waitFor('What share trusts it?');
    term.type(KEY.enter);
    await term.waitFor('Write a markdown report too (service-audit-report-2.md)?');
    term.type('y\r');
    expect(await term.exited).toBe(0);
    expect(answersIn(join(tmp.dir, real)).answers).toMatchObject({ 'c.one': 'yes', 't.share': 10 });
    expect(readFileSync(join(tmp.dir, 'service-audit-report-2.md'), 'utf8')).toMatch(/^# /);
  });

  test('--from jumps to an element; an unknown id is refused with a suggestion', async () => {
    const bank = tmp.write('mini.yaml', MINI_BANK);
    tmp.write(
      'service-audit-answers.yaml',
      'bank: mini@1\nanswers:\n  c.one: yes\n  c.two: yes\n  d.one: never\n  t.share: 10\n',
    );
    term = new Terminal(['--bank', bank, '--from', 'dna.delivery'], tmp.dir);
    expect(await term.waitFor('Question three?')).toContain('Starting at question 3 of 4');
    term.type(KEY.ctrlC);
    expect(await term.exited).toBe(130);
    term = new Terminal(['--bank', bank, '--from', 'dna.delivry'], tmp.dir);
    expect(await term.exited).toBe(2);
    expect(term.text()).toContain(
      'error: --from dna.delivry: no question, element or area with that id (did you mean "dna.delivery"?)',
    );
  });

  test('text from the bank and the answers file reaches the terminal escaped', async () => {
    const evil = '\\e]0;pwned\\a\\e[2J';
    const bank = tmp.write(
      'mini.yaml',
      MINI_BANK.replace('title: DNA', `title: "DNA${evil}"`)
        .replace('text: Question one?', `text: "Question one?${evil}"`)
        .replace('label: Disagree', `label: "Disagree${evil}"`),
    );
    tmp.write(
      'service-audit-answers.yaml',
      `bank: mini@1\norganization: "Acme${evil}"\nanswers:\n  c.one: { value: yes, note: "Note${evil}" }\n`,
    );
    term = new Terminal(['--bank', bank, '--review'], tmp.dir);
    await term.waitFor('Organization');
    term.type(KEY.enter); // keep
    await term.waitFor('Your name');
    term.type(KEY.enter);
    await term.waitFor('question 1 of 4');
    await term.waitFor('Note: Note\\x1b]0;pwned');
    term.type(KEY.enter);
    await term.waitFor('question 2 of 4');
    term.type(KEY.ctrlC);
    expect(await term.exited).toBe(130);
    expect(term.raw()).not.toContain('\u001b]0;pwned');
    expect(term.raw()).not.toContain('\u001b[2J');
    expect(term.text()).toContain('DNA\\x1b]0;pwned\\x07\\x1b[2J › The Customer');
    expect(term.text()).toContain('Acme\\x1b]0;pwned');
    // Kept as they were: the file still holds the real text.
    expect(answersIn(join(tmp.dir, 'service-audit-answers.yaml'))).toMatchObject({
      organization: 'Acme\u001b]0;pwned\u0007\u001b[2J',
      answers: { 'c.one': { value: 'yes', note: 'Note\u001b]0;pwned\u0007\u001b[2J' } },
    });
  });
});
