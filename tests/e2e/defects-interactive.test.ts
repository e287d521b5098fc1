import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { MINI_BANK, tempDir } from '../helpers.js';
import { KEY, Terminal } from './pty-driver.js';

// Issue 22 items 2 and 3: the name prompt alone was 73 columns, so any name over 7 characters
// wrapped on an 80-column terminal; the last question ("Write a markdown report too?") needed
// Enter, unlike every other choice, which a key picks at once.

let tmp: ReturnType<typeof tempDir>;
let term: Terminal | undefined;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => {
  term?.kill();
  tmp.cleanup();
});

const NAME = 'Alexandra Montgomery-Smith'; // 26 characters

describe('the audit’s side questions (issue 22 items 2 and 3)', () => {
  test('a 26-character name fits beside its prompt on 80 columns; y alone writes the markdown report', async () => {
    term = new Terminal(['--bank', tmp.write('mini.yaml', MINI_BANK)], tmp.dir);
    await term.waitFor('Organization');
    term.type(KEY.enter);
    await term.waitFor('Your name');
    term.type(`${NAME}\r`);
    await term.waitFor('question 1 of 4');
    // The line drawn once the name is given: the prompt, then the name, on one 80-column line.
    const done = [...term.text().matchAll(/✔ Your name[^\r\n]*/g)].at(-1)![0].trimEnd();
    expect(done).toMatch(new RegExp(`${NAME}$`));
    expect(done.length).toBeLessThanOrEqual(80);
    term.type('3');
    await term.waitFor('question 2 of 4');
    term.type('1');
    await term.waitFor('question 3 of 4');
    term.type('1');
    await term.waitFor('question 4 of 4');
    term.type('45\r');
    await term.waitFor('Write a markdown report too');
    term.type('y'); // no Enter
    await term.waitFor('Markdown report written to');
    expect(await term.exited).toBe(0);
    expect(existsSync(join(tmp.dir, 'service-audit-report.md'))).toBe(true);
  });

  test('n alone declines, and Enter still takes the default (no)', async () => {
    for (const key of ['n', KEY.enter]) {
      const dir = join(tmp.dir, key === 'n' ? 'n' : 'enter');
      mkdirSync(dir);
      term = new Terminal(['--bank', tmp.write('mini.yaml', MINI_BANK)], dir);
      await term.waitFor('Organization');
      term.type(KEY.enter);
      await term.waitFor('Your name');
      term.type(KEY.enter);
      for (const [n, keys] of [
        [1, '3'],
        [2, '1'],
        [3, '1'],
        [4, '45\r'],
      ] as const) {
        await term.waitFor(`question ${n} of 4`);
        term.type(keys);
      }
      await term.waitFor('Write a markdown report too');
      term.type(key);
      expect(await term.exited).toBe(0);
      expect(existsSync(join(dir, 'service-audit-answers.yaml'))).toBe(true);
      expect(existsSync(join(dir, 'service-audit-report.md'))).toBe(false);
      term = undefined;
    }
  });
});
