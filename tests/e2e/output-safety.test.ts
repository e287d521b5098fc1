// Text that tries to act, through the built binary: an organization that retitles the terminal
// and clears the screen, a bank whose title has a newline and a workflow command, N/A reasons
// with HTML. Nothing of it may reach the terminal raw, become a GitHub annotation or markup.
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lint } from 'markdownlint/promise';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { MARKDOWNLINT_CONFIG, MINI_BANK, tempDir } from '../helpers.js';
import { cli, FIXTURES, NO_STACK, V1_BANK } from './cli-helpers.js';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
  tmp.write('bank.yaml', HOSTILE_BANK);
  tmp.write('answers.yaml', HOSTILE_ANSWERS);
  tmp.write('old.yaml', HOSTILE_ANSWERS.replace('c.two: no', 'c.two: yes'));
});
afterEach(() => tmp.cleanup());

/** YAML double-quoted: \e is ESC, \a BEL, \L U+2028. */
const ATTACK =
  '\\e]0;pwned\\a\\e[2J\\n::error file=x,line=1::injected\\n# Heading <img src=x onerror=alert(1)>\\L https://evil.example';
const HOSTILE_BANK = MINI_BANK.replace('title: Mini bank', `title: "Mini bank${ATTACK}"`)
  .replace('title: The Customer', `title: "The Customer${ATTACK}"`)
  .replace('recommendation: Do one.', `recommendation: "Do one.${ATTACK}"`)
  .replace('text: Question one?', `text: "Question one?${ATTACK}"`)
  .replace('{ id: low, label: Low, min: 0 }', `{ id: low, label: "Low${ATTACK}", min: 0 }`);
const HOSTILE_ANSWERS = `bank: mini@1
organization: "Acme${ATTACK}"
respondent: "Dana${ATTACK}"
date: 2026-11-22
answers:
  c.one: { value: partly, note: "Only new customers${ATTACK}" }
  c.two: no
  d.one: { na: "<img src=x onerror=alert(1)> # no delivery${ATTACK}" }
`;

const ESC = /[\u001b\u0007\u009b\u2028]/;

/** The workflow commands GitHub's runner would act on: lines starting (after spaces) with :: or ##[, outside a stop-commands pause. */
function commandsIn(log: string): string[] {
  const found: string[] = [];
  let stopped: string | undefined;
  for (const raw of log.split(/\r\n|\r|\n/)) {
    const line = raw.trimStart();
    if (stopped !== undefined) {
      if (line === `::${stopped}::`) stopped = undefined;
      continue;
    }
    const stop = /^::stop-commands::(.+)$/.exec(line);
    if (stop) stopped = stop[1];
    else if (line.startsWith('::') || line.startsWith('##[')) found.push(line);
  }
  return found;
}

const run = (args: string[], env: Record<string, string> = {}) => cli(args, { cwd: tmp.dir, env });

describe('terminal output never carries a control character from a file', () => {
  test.each([
    ['report', ['report', '--bank', 'bank.yaml', '--answers', 'answers.yaml'], 0],
    ['report --explain', ['report', '--bank', 'bank.yaml', '--answers', 'answers.yaml', '--explain'], 0],
    ['check', ['check', '--bank', 'bank.yaml', '--answers', 'answers.yaml', '--min-score', '90'], 1],
    ['compare', ['compare', '--bank', 'bank.yaml', 'old.yaml', 'answers.yaml'], 0],
    ['bank outline', ['bank', '--bank', 'bank.yaml'], 0],
  ])('%s', (_name, args, code) => {
    const r = run(args);
    // The mini bank is in the first bank format: a notice may say so, escaped like the rest.
    expect(r.stderr).not.toMatch(ESC);
    expect(r.stderr).not.toMatch(/error/);
    expect(r.code).toBe(code);
    expect(r.stdout).not.toMatch(ESC);
    // Shown, visibly, rather than dropped.
    expect(r.stdout).toContain('\\x1b]0;pwned\\x07\\x1b[2J');
  });

  test('a report of the hostile answers keeps its title on its first line', () => {
    const first = run(['report', '--bank', 'bank.yaml', '--answers', 'answers.yaml']).stdout.split('\n')[0]!;
    expect(first).toMatch(
      /^Mini bank\\x1b\]0;pwned\\x07\\x1b\[2J\\n::error file=x,line=1::injected\\n# Heading <img src=x onerror=alert\(1\)>\\u2028 https:\/\/evil\.example — Acme/,
    );
  });

  test.each([
    [
      'an answers path',
      ['report', '--answers', 'a\u001b[2J\nb\u2028c.yaml'],
      /^a\\x1b\[2J\\nb\\u2028c\.yaml:1:1 {2}answers file not found — /,
    ],
    ['a mistyped command', ['\u001b]0;pwned\u0007'], /^error: unknown command '\\x1b\]0;pwned\\x07'/],
    ['an unknown option', ['report', '--x\u001b[2J'], /^error: unknown option '--x\\x1b\[2J'/],
    ['an unknown area', ['run', '--area', 'x\u001b[2J\n::error::y'], /./],
    [
      'a file name that looks like a workflow command',
      ['report', '--answers', '::error::x.yaml'],
      /^\.\/::error::x\.yaml:1:1 {2}answers file not found/,
    ],
  ])('%s: one line, no control character, no workflow command', (_name, args, expected) => {
    const r = run(args);
    expect(r.code).toBe(2);
    expect(r.stderr + r.stdout).not.toMatch(ESC);
    expect(r.stderr).toMatch(expected);
    expect(r.stderr).not.toMatch(NO_STACK);
    expect(commandsIn(r.stderr + r.stdout)).toEqual([]);
  });

  test('an invalid answers file whose bad value holds a newline and a workflow command: one line per problem', () => {
    tmp.write('bad.yaml', 'bank: mini@1\nanswers:\n  c.one: "nope\\n::error file=x::injected\\e[2J"\n');
    const r = run(['report', '--bank', 'bank.yaml', '--answers', 'bad.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(ESC);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(commandsIn(r.stderr)).toEqual([]);
  });
});

describe('GitHub Actions', () => {
  test('check --format github: exactly the annotations meant, each escaped; the echoed results are paused', () => {
    const r = run([
      'check',
      '--bank',
      'bank.yaml',
      '--answers',
      'answers.yaml',
      '--min-score',
      '90',
      '--format',
      'github',
    ]);
    expect(r.code).toBe(1);
    const commands = commandsIn(r.stdout);
    expect(commands.map((c) => c.replace(/ .*/, ''))).toEqual(['::error', '::warning']);
    expect(commands[0]).toMatch(
      /^::error file=answers\.yaml,line=6,col=3,title=service-audit%3A overall::overall: score [\d.]+ < 90 \(error\)%0Ac\.one = partly: Do one\.\\x1b\]0;pwned\\x07\\x1b\[2J\\n::error file=x,line=1::injected/,
    );
    expect(r.stdout).toMatch(/^::stop-commands::[0-9a-f-]{36}$/m);
    expect(r.stdout).not.toMatch(ESC);
  });

  test('the token differs run to run, so a file cannot end the pause', () => {
    const token = () =>
      /::stop-commands::(\S+)/.exec(
        run(['check', '--bank', 'bank.yaml', '--answers', 'answers.yaml', '--format', 'github']).stdout,
      )![1];
    expect(token()).not.toBe(token());
  });

  test('an invalid answers file on GitHub: an ::error annotation per problem at its line and column, exit 2', () => {
    tmp.write('bad.yaml', 'bank: mini@1\nanswers:\n  c.one: nope\n  c.two: "maybe\\n::error::x"\n');
    const r = run(['check', '--bank', 'bank.yaml', '--answers', 'bad.yaml'], { GITHUB_ACTIONS: 'true' });
    expect(r.code).toBe(2);
    const commands = commandsIn(r.stdout + r.stderr);
    expect(commands).toHaveLength(2);
    expect(commands[0]).toMatch(/^::error file=bad\.yaml,line=3,col=10,title=service-audit%3A bad\.yaml::/);
    expect(commands[1]).toMatch(
      /^::error file=bad\.yaml,line=4,col=10,title=service-audit%3A bad\.yaml::.*maybe\\n::error::x/,
    );
    // The plain messages follow on stderr, as without GitHub.
    expect(r.stderr).toMatch(/^bad\.yaml:3:10 {2}/);
  });

  test('a missing config on GitHub (--format github) is annotated too', () => {
    const r = run(['check', '--config', 'nope.yaml', '--format', 'github']);
    expect(r.code).toBe(2);
    expect(commandsIn(r.stdout)).toEqual([
      expect.stringMatching(
        /^::error file=nope\.yaml,line=1,col=1,title=service-audit%3A nope\.yaml::config file not found/,
      ),
    ]);
  });

  test('the job summary has the verdict and results table on top of the report, hostile text escaped, lint-clean', async () => {
    const summary = join(tmp.dir, 'summary.md');
    writeFileSync(summary, '');
    const r = run(['check', '--bank', 'bank.yaml', '--answers', 'answers.yaml', '--min-score', '90'], {
      GITHUB_ACTIONS: 'true',
      GITHUB_STEP_SUMMARY: summary,
    });
    expect(r.code).toBe(1);
    const md = readFileSync(summary, 'utf8');
    expect(md).toMatch(
      /^# service-audit check: failed\n\n1 error, 1 warning, 0 passed\.\n\n\| Result \| Assertion \| Expected \| Actual \|\n/,
    );
    expect(md).toContain('\n## Mini bank');
    const results = await lint({ strings: { md }, config: MARKDOWNLINT_CONFIG });
    expect(results.md).toEqual([]);
    expect(md.replace(/```mermaid[\s\S]*?```/g, '')).not.toMatch(/(?<!\\)</);
    expect(md.split('\n').filter((l) => l.startsWith('#'))).toEqual([
      '# service-audit check: failed',
      expect.stringMatching(/^## Mini bank/),
      '### Do first',
      '### Scores',
      '### Elements',
      // Only scored elements get a section; The Delivery and Trust are named once, in "Not scored".
      expect.stringMatching(/^#### DNA: The Customer/),
      '### Engagement vs benchmarks',
      '### Unanswered',
      '### Left out of the scores',
      '### Sources',
      '### Fix first',
    ]);
    expect(md).toMatch(/^Not scored: The Delivery, Trust\.$/m);
  });

  test.each([
    [
      'a folder',
      (dir: string) => {
        mkdirSync(join(dir, 'sum'));
        return join(dir, 'sum');
      },
    ],
    ['a missing folder', (dir: string) => join(dir, 'no', 'such', 'summary.md')],
    [
      'a read-only file',
      (dir: string) => {
        writeFileSync(join(dir, 'ro.md'), '');
        chmodSync(join(dir, 'ro.md'), 0o444);
        return join(dir, 'ro.md');
      },
    ],
  ])('an unwritable job summary (%s) after a passing check: a warning, and the verdict keeps exit 0', (_name, make) => {
    const summary = make(tmp.dir);
    const r = cli(['check', '--bank', V1_BANK, '--answers', join(FIXTURES, 'complete.yaml')], {
      cwd: tmp.dir,
      env: { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary },
    });
    // root may write a read-only file; the warning then has nothing to say.
    if (r.stderr !== '')
      expect(r.stderr).toMatch(
        /^warning: the job summary could not be written to .+ \((EISDIR|ENOENT|EACCES)\); the check's result is unchanged\n$/,
      );
    else expect(process.getuid?.()).toBe(0);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/check passed/);
  });
});

describe('markdown outputs through the binary', () => {
  test.each([
    ['report', ['report', '--bank', 'bank.yaml', '--answers', 'answers.yaml', '--format', 'markdown']],
    ['check', ['check', '--bank', 'bank.yaml', '--answers', 'answers.yaml', '--format', 'markdown']],
    ['compare', ['compare', '--bank', 'bank.yaml', 'old.yaml', 'answers.yaml', '--format', 'markdown']],
  ])('%s: lint-clean, no raw <, no injected heading, the mermaid block whole', async (_name, args) => {
    const r = run(args);
    expect(r.stderr).toBe('');
    const md = r.stdout;
    const results = await lint({ strings: { md }, config: MARKDOWNLINT_CONFIG });
    expect(results.md).toEqual([]);
    expect(md.replace(/```mermaid[\s\S]*?```/g, '')).not.toMatch(/(?<!\\)</);
    expect(md).not.toMatch(ESC);
    expect(
      md
        .split('\n')
        .filter((l) => /^#+ .*Heading/.test(l))
        .every((l) => l.includes('\\# Heading')),
    ).toBe(true);
    for (const block of md.match(/```mermaid\n[\s\S]*?```/g) ?? []) expect(block.split('\n')).toHaveLength(7);
  });
});
