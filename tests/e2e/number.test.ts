import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { NUMBER_BANK, tempDir } from '../helpers.js';
import { cli, NO_STACK } from './cli-helpers.js';
import { KEY, Terminal } from './pty-driver.js';

let tmp: ReturnType<typeof tempDir>;
let term: Terminal | undefined;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => {
  term?.kill();
  tmp.cleanup();
});

describe('number questions through the built binary', () => {
  test('a bad number answer is one located line, exit 2, no stack trace', () => {
    const bank = tmp.write('num.yaml', NUMBER_BANK);
    const answers = tmp.write('a.yaml', 'bank: num@1\nanswers:\n  s.chat: "5e1"\n  s.csat: 101\n  b.escalate: yes\n');
    const r = cli(['validate', answers, '--bank', bank]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `${answers}:3:11  s.chat is a number question; "5e1" is not a number — write a number of minutes, from 0 to 1440, e.g. 12; or { na: "we don't measure this" }`,
    );
    expect(r.stderr).toContain(`${answers}:4:11  s.csat: 101 is more than the largest plausible value, 100`);
    expect(r.stderr).not.toMatch(NO_STACK);
  });

  test('a bank whose thresholds contradict "better" is refused with its position', () => {
    const bank = tmp.write('num.yaml', NUMBER_BANK.replace('- { to: 10, credit: 0.5 }', '- { to: 1, credit: 0.5 }'));
    const r = cli(['validate', bank]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${bank}:26:23  with better: lower, thresholds go from best to worst`);
    expect(r.stderr).not.toMatch(NO_STACK);
  });

  test('the markdown report shows the target beside the value and the advice with owner and check', () => {
    const bank = tmp.write('num.yaml', NUMBER_BANK);
    const answers = tmp.write(
      'a.yaml',
      'bank: num@1\nanswers:\n  s.chat: 12\n  s.csat: { na: "we don\'t measure this" }\n  b.escalate: yes\n',
    );
    const r = cli(['report', '--bank', bank, '--answers', answers, '--format', 'markdown']);
    expect(r.code).toBe(0);
    const text = r.stdout.replace(/\s+/g, ' ');
    expect(text).toContain('12 minutes (target ≤ 2\\)');
    expect(text).toContain('Route chats to a person at once. First step: Turn on chat notifications');
    expect(text).toContain('Owner: IT.');
    expect(text).toContain('## Start measuring');
    expect(text).toContain('compare it with the target ≥ 90');
  });

  test('the audit asks a number with its unit; x marks it not measured', async () => {
    term = new Terminal(['--bank', tmp.write('num.yaml', NUMBER_BANK), '--answers', 'a.yaml'], tmp.dir);
    await term.waitFor('Organization');
    term.type(KEY.enter);
    await term.waitFor('Your name');
    term.type(KEY.enter);
    await term.waitFor('Minutes (0-1440; target ≤ 2):');
    term.type('5e1\r');
    await term.waitFor("Type a number of minutes (0-1440), or press x if you don't measure it");
    for (let i = 0; i < 3; i++) term.type(KEY.backspace);
    term.type('12\r');
    await term.waitFor('question 2 of 3');
    await term.waitFor('Percent (0-100; target ≥ 90):');
    term.type('x');
    await term.waitFor('Why does it not apply?');
    term.type("we don't measure this\r");
    await term.waitFor('question 3 of 3');
    term.type('1');
    await term.waitFor('Write a markdown report too');
    term.type(KEY.enter);
    expect(await term.exited).toBe(0);
    expect(term.text()).toContain('Start measuring');
    expect(parse(readFileSync(join(tmp.dir, 'a.yaml'), 'utf8')).answers).toEqual({
      's.chat': 12,
      's.csat': { na: "we don't measure this" },
      'b.escalate': 'yes',
    });
  });
});
