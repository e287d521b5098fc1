import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { COMMANDS as COMMAND_SPECS } from '../src/cli/commands.js';
import type { Io } from '../src/cli/io.js';
import { main } from '../src/cli/main.js';

// One table of command lines, run both in-process through main(argv, io) (tests/unit/main.test.ts)
// and through the built binary (tests/e2e/cli-cases.test.ts): the two must agree on every case.

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const BIN = join(ROOT, 'dist', 'service-audit.cjs');
const VERSION: string = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
const fixture = (name: string) => readFileSync(join(ROOT, 'tests', 'fixtures', name), 'utf8');

export interface CliCase {
  name: string;
  args: string[];
  /** Files to create in a fresh folder, which is then the current folder; without it, the repository root is. */
  files?: Record<string, string>;
  code: number;
  stdout?: string | RegExp;
  stderr?: string | RegExp;
  /** Text each must not contain, on stdout or stderr. */
  never?: string[];
  /** Files the command must have written, relative to its folder. */
  written?: Record<string, string | RegExp>;
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** The file's text, relative to the folder the command ran in. */
  read(file: string): string;
  cleanup(): void;
}

/** Every command of the table: a new one is held to the same help conventions at once. */
const COMMANDS = COMMAND_SPECS.map((c) => c.name);
// The answers fixtures were given against the v1 bank, frozen in tests/fixtures; the cases that score them name it.
const answers = {
  'a.yaml': fixture('complete.yaml'),
  'b.yaml': fixture('partial.yaml'),
  'v1.yaml': fixture('service-readiness-v1.yaml'),
};

export const CLI_CASES: CliCase[] = [
  { name: 'the version', args: ['--version'], code: 0, stdout: `${VERSION}\n`, stderr: '' },
  { name: '-v is the version too', args: ['-v'], code: 0, stdout: `${VERSION}\n`, stderr: '' },
  {
    name: 'a mistyped command after a global option',
    args: ['--no-color', 'reprot'],
    code: 2,
    stdout: '',
    stderr:
      'error: unknown command \'reprot\' (did you mean "report"?); run service-audit --help to see the commands\n',
  },
  {
    name: 'a mistyped command after an option of the default command',
    args: ['--answers', 'x.yaml', 'reprot'],
    code: 2,
    stdout: '',
    stderr:
      'error: unknown command \'reprot\' (did you mean "report"?); run service-audit --help to see the commands\n',
  },
  {
    name: 'an unknown command',
    args: ['nonsense'],
    code: 2,
    stdout: '',
    stderr: "error: unknown command 'nonsense'; run service-audit --help to see the commands\n",
  },
  {
    name: 'a mistyped option: one line, one wording for "did you mean"',
    args: ['bank', '--formt', 'json'],
    code: 2,
    stdout: '',
    stderr: 'error: unknown option \'--formt\' (did you mean "--format"?)\n',
  },
  {
    name: 'a mistyped command',
    args: ['reprot'],
    code: 2,
    stdout: '',
    stderr:
      'error: unknown command \'reprot\' (did you mean "report"?); run service-audit --help to see the commands\n',
  },
  {
    name: 'a missing argument',
    args: ['compare', 'a.yaml'],
    code: 2,
    stdout: '',
    stderr: "error: missing required argument 'new'\n",
  },
  {
    name: 'a score out of range',
    args: ['check', '--min-score', '120', '--answers', 'x.yaml'],
    code: 2,
    stdout: '',
    stderr: "error: option '--min-score <n>' argument '120' is invalid. write a score from 0 to 100.\n",
  },
  {
    name: 'a format the command does not have',
    args: ['bank', '--format', 'yaml'],
    code: 2,
    stdout: '',
    stderr: "error: option '--format <format>' argument 'yaml' is invalid. Allowed choices are terminal, json.\n",
  },
  {
    name: 'bank --format terminal',
    args: ['bank', '--format', 'terminal'],
    code: 0,
    stdout: /^Service readiness audit \(service-readiness@2, built-in bank\)\n\d+ questions in 3 areas\n/,
  },
  {
    name: 'bank --format text, the old name, still works',
    args: ['bank', '--format', 'text'],
    code: 0,
    stdout: /^Service readiness audit \(service-readiness@2, built-in bank\)\n\d+ questions in 3 areas\n/,
  },
  {
    name: 'bank help names terminal, not text',
    args: ['bank', '--help'],
    code: 0,
    stdout: /choices: "terminal", "json", default:\s+"terminal"/,
    never: ['"text"'],
  },
  ...COMMANDS.map(
    (c): CliCase => ({
      name: `${c} --help has examples and lists --no-color`,
      args: [c, '--help'],
      code: 0,
      stdout: new RegExp(
        `^Usage: service-audit ${c} [\\s\\S]*\\n  --no-color [\\s\\S]*\\nExamples:\\n  \\$ service-audit`,
      ),
      stderr: '',
    }),
  ),
  {
    name: 'a missing file named by validate',
    args: ['validate', 'missing.yaml'],
    code: 2,
    stdout: '',
    stderr: 'missing.yaml:1:1  file not found — check the path\n',
  },
  {
    name: 'a missing answers file',
    args: ['report', '--answers', 'nope.yaml'],
    code: 2,
    stdout: '',
    stderr:
      'nope.yaml:1:1  answers file not found — check the path, or create one with `service-audit init` or the interactive audit\n',
  },
  {
    name: 'check falls short: exit 1',
    args: ['check', '--bank', 'tests/fixtures/service-readiness-v1.yaml', '--answers', 'tests/fixtures/partial.yaml'],
    code: 1,
    stdout: /^✗ unanswered questions: count 14 > 0 \(error\)\n/,
    stderr: '',
  },
  {
    name: 'counts agree with their nouns ("1 error", never "1 errors")',
    args: ['check', '--bank', 'v1.yaml', '--answers', 'a.yaml', '--min-score', '90', '--format', 'markdown'],
    files: answers,
    code: 1,
    stdout: /^# service-audit check: failed\n\n1 error, 0 warnings, 1 passed\.\n/,
    never: ['1 errors', '1 warnings'],
  },
  // Data on stdout, messages on stderr; --out sends the data to a file instead.
  {
    name: 'init: the file is written, the message goes to stderr',
    args: ['init'],
    files: {},
    code: 0,
    stdout: '',
    stderr:
      /^Answers template written to .*service-audit-answers\.yaml\nFill it in, then run: service-audit check --answers service-audit-answers\.yaml\n$/,
    written: { 'service-audit-answers.yaml': /^# Answers to "Service readiness audit"/ },
  },
  {
    name: 'init takes the file to create as an argument',
    args: ['init', 'team-a.yaml'],
    files: {},
    code: 0,
    stdout: '',
    written: { 'team-a.yaml': /\nbank: service-readiness@2\n/ },
  },
  {
    name: 'init --out, the old way, still works',
    args: ['init', '--out', 'old.yaml'],
    files: {},
    code: 0,
    stdout: '',
    written: { 'old.yaml': /\nbank: service-readiness@2\n/ },
  },
  {
    name: 'init never overwrites without --force',
    args: ['init', 'a.yaml'],
    files: answers,
    code: 2,
    stdout: '',
    stderr: 'error: a.yaml already exists; nothing was written. Pass --force to overwrite it, or name another file.\n',
  },
  {
    name: 'report --out',
    args: ['report', '--bank', 'v1.yaml', '--answers', 'a.yaml', '--format', 'markdown', '--out', 'r.md'],
    files: answers,
    code: 0,
    stdout: '',
    stderr: /^markdown report written to .*r\.md\n$/,
    written: { 'r.md': /^# Service readiness audit: Acme Support\n/ },
  },
  {
    name: 'check --out: the results in the file, the verdict on stderr',
    args: ['check', '--bank', 'v1.yaml', '--answers', 'a.yaml', '--format', 'json', '--out', 'c.json'],
    files: answers,
    code: 0,
    stdout: '',
    stderr: /written to .*c\.json\ncheck passed: 0 errors, 0 warnings, 1 passed \(overall 54.7, a\.yaml\)\n$/,
    written: { 'c.json': /^\{\n {2}"schemaVersion": 1,\n {2}"passed": true/ },
  },
  {
    name: 'compare --out',
    args: ['compare', '--bank', 'v1.yaml', 'b.yaml', 'a.yaml', '--format', 'markdown', '--out', 'changes.md'],
    files: answers,
    code: 0,
    stdout: '',
    stderr: /written to .*changes\.md\n$/,
    written: { 'changes.md': /^# Service audit comparison\n/ },
  },
  {
    name: 'bank --out',
    args: ['bank', '--format', 'json', '--out', 'bank.json'],
    files: {},
    code: 0,
    stdout: '',
    written: { 'bank.json': /^\{\n {2}"id": "service-readiness"/ },
  },
  {
    name: 'schema --out',
    args: ['schema', 'answers', '--out', 'answers.schema.json'],
    files: {},
    code: 0,
    stdout: '',
    written: { 'answers.schema.json': /"title": "service-audit answers file"/ },
  },
];

/** A folder for a case: a fresh one holding its files, or the repository root. */
function folderFor(c: CliCase): { cwd: string; cleanup(): void } {
  if (!c.files) return { cwd: ROOT, cleanup: () => {} };
  const dir = mkdtempSync(join(tmpdir(), 'service-audit-case-'));
  for (const [name, text] of Object.entries(c.files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return { cwd: dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Runs a case in-process through main(argv, io). */
export async function runInProcess(c: CliCase): Promise<CliRun> {
  const { cwd, cleanup } = folderFor(c);
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = {
    stdout: { write: (s: string) => out.push(s) },
    stderr: { write: (s: string) => err.push(s) },
    stdin: process.stdin,
    env: {},
    cwd,
    version: VERSION,
    builtinBank: join(ROOT, 'questions', 'service-readiness.yaml'),
    today: () => '2026-11-23',
  };
  const code = await main(c.args, io);
  return { code, stdout: out.join(''), stderr: err.join(''), read: (f) => readFileSync(join(cwd, f), 'utf8'), cleanup };
}

/** Runs a case through the built binary, as a user would. */
export function runBinary(c: CliCase, cacheDir: string): CliRun {
  const { cwd, cleanup } = folderFor(c);
  const r = spawnSync(process.execPath, [BIN, ...c.args], {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', XDG_CACHE_HOME: cacheDir },
    timeout: 20_000,
  });
  return {
    code: r.status,
    stdout: r.stdout,
    stderr: r.stderr,
    read: (f) => readFileSync(join(cwd, f), 'utf8'),
    cleanup,
  };
}

const matches = (actual: string, expected: string | RegExp) =>
  typeof expected === 'string' ? expect(actual).toBe(expected) : expect(actual).toMatch(expected);

/** Asserts what a case expects of a run. */
export function expectCase(c: CliCase, r: CliRun): void {
  try {
    expect(r.code, `exit code; stderr: ${r.stderr}`).toBe(c.code);
    if (c.stdout !== undefined) matches(r.stdout, c.stdout);
    if (c.stderr !== undefined) matches(r.stderr, c.stderr);
    for (const text of c.never ?? []) expect(r.stdout + r.stderr).not.toContain(text);
    for (const [file, expected] of Object.entries(c.written ?? {})) matches(r.read(file), expected);
  } finally {
    r.cleanup();
  }
}
