// Values that were accepted but wrong, and messages that misled: each is now a located problem.
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { parseAnswers } from '../../src/answers/parse.js';
import { parseBank } from '../../src/bank/parse.js';
import { parseConfig } from '../../src/check/config.js';
import type { Io } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { formatProblem } from '../../src/errors.js';
import { parsePercent } from '../../src/audit/prompt.js';
import { scoreAudit } from '../../src/score/score.js';
import { MINI_BANK } from '../helpers.js';

const bank = parseBank('mini.yaml', MINI_BANK).bank!;
const ANSWERS = 'bank: mini@1\ndate: 2026-11-22\nanswers:\n  c.one: partly\n  t.share: 45\n';
const problems = (src: string) => parseAnswers('a.yaml', src, bank).problems.map(formatProblem);

describe('dates', () => {
  test.each(['2026-13-45', '2026-02-30', '2025-02-29', '2026-00-10', '0000-00-00'])('%s is a located error', (date) => {
    expect(problems(ANSWERS.replace('2026-11-22', date))).toEqual([
      'a.yaml:2:7  date is not a day of the calendar — write the day the audit was taken as YYYY-MM-DD, e.g. 2026-11-22',
    ]);
  });

  test('a leap day is a day', () => {
    expect(problems(ANSWERS.replace('2026-11-22', '2028-02-29'))).toEqual([]);
  });

  test('a bad date does not hide the other problems of the file', () => {
    const src = ANSWERS.replace('2026-11-22', '2026-13-45')
      .replace('c.one: partly', 'c.one: sometimes')
      .replace('t.share: 45', 't.share: 145\n  c.onee: yes');
    expect(problems(src)).toEqual([
      'a.yaml:2:7  date is not a day of the calendar — write the day the audit was taken as YYYY-MM-DD, e.g. 2026-11-22',
      'a.yaml:4:10  "sometimes" is not an answer to c.one — use one of no, partly, yes, or { na: reason }',
      'a.yaml:5:12  t.share: 145 is outside 0-100 — write a number from 0 to 100',
      'a.yaml:6:3  unknown question id "c.onee" — did you mean "c.one"?',
    ]);
  });

  test('nor does an answer of the wrong shape or an unknown top-level key', () => {
    const src = ANSWERS.replace('date: 2026-11-22', 'dat: 2026-11-22')
      .replace('c.one: partly', 'c.one: { valeu: partly }')
      .replace('t.share: 45', 't.share: lots');
    expect(problems(src).map((p) => p.slice(0, 12))).toEqual(['a.yaml:2:1  ', 'a.yaml:4:10 ', 'a.yaml:5:12 ']);
  });
});

describe('control characters', () => {
  test.each([
    ['NUL', '\u0000', 'U+0000 (NUL)'],
    ['ESC', '\u001b', 'U+001B (ESC)'],
    ['BEL', '\u0007', 'U+0007 (BEL)'],
    ['a C1 control', '\u009b', 'U+009B'],
  ])('%s in a plain scalar of an answers file, a bank and a config is located', (_name, c, shown) => {
    const fix =
      'remove it (an editor may show it as ^[ or a box); inside double quotes it may be written as an escape such as \\x1b';
    expect(problems(`bank: mini@1\norganization: Ac${c}me\nanswers:\n`)).toEqual([
      `a.yaml:2:17  control character ${shown} in the text — ${fix}`,
    ]);
    expect(
      parseBank('b.yaml', MINI_BANK.replace('title: Mini bank', `title: Mini${c} bank`)).problems.map(formatProblem),
    ).toEqual([`b.yaml:3:12  control character ${shown} in the text — ${fix}`]);
    expect(parseConfig('c.yaml', `bank: x${c}.yaml\n`).problems.map(formatProblem)).toEqual([
      `c.yaml:1:8  control character ${shown} in the text — ${fix}`,
    ]);
  });

  test('an escape inside double quotes is allowed (it is written, not raw)', () => {
    expect(problems('bank: mini@1\norganization: "Ac\\x1bme"\nanswers:\n')).toEqual([]);
  });

  test('tabs and CRLF line ends are not control characters here', () => {
    expect(problems('bank: mini@1\r\norganization: "a\tb"\r\nanswers:\r\n  c.one: partly\r\n')).toEqual([]);
  });
});

describe('weights', () => {
  test('a weight of 1e308 is refused: it made the overall score NaN', () => {
    const p = parseBank(
      'b.yaml',
      MINI_BANK.replace('weight: 3', 'weight: 1e308').replace('weight: 2', 'weight: 1e308'),
    ).problems.map(formatProblem);
    expect(p).toEqual([
      'b.yaml:18:17  "weight" is 1e+308 but must be at most 1000 — change it to a number at most 1000',
      'b.yaml:24:21  "weight" is 1e+308 but must be at most 1000 — change it to a number at most 1000',
    ]);
  });

  test('the largest and smallest weights allowed give finite scores', () => {
    for (const w of ['1000', '0.000001', '5e-324']) {
      const b = parseBank(
        'b.yaml',
        MINI_BANK.replaceAll('weight: 3', `weight: ${w}`).replace('weight: 2', `weight: ${w}`),
      ).bank!;
      const { parsed } = parseAnswers(
        'a.yaml',
        ANSWERS.replace('t.share: 45', 't.share: 45\n  c.two: yes\n  d.one: often'),
        b,
      );
      const s = scoreAudit(b, parsed!.answers);
      expect(Number.isFinite(s.overall.score), w).toBe(true);
      for (const e of s.elements) if (e.score !== null) expect(Number.isFinite(e.score)).toBe(true);
    }
  });
});

describe('percents: the prompt and the answers file read the same things', () => {
  test.each([
    ['45', 45],
    ['45%', 45],
    [' 45.5% ', 45.5],
    ['100', 100],
    ['0%', 0],
    ['101', undefined],
    ['45 %', undefined],
    ['0x2d', undefined],
    ['4.5e1', undefined],
    ['-5', undefined],
    ['', undefined],
    ['%', undefined],
  ])('%j → %s', (typed, expected) => {
    expect(parsePercent(typed)).toBe(expected);
    const { parsed } = parseAnswers('a.yaml', `bank: mini@1\nanswers:\n  t.share: ${JSON.stringify(typed)}\n`, bank);
    expect(parsed?.answers.answers['t.share']?.value).toBe(expected);
  });

  test('45% unquoted in the file is 45; "N/A" is not a percent (the prompt\'s x key marks not applicable)', () => {
    expect(
      parseAnswers('a.yaml', 'bank: mini@1\nanswers:\n  t.share: 45%\n', bank).parsed!.answers.answers['t.share'],
    ).toEqual({ value: 45 });
    expect(parsePercent('N/A')).toBeUndefined();
  });
});

describe('messages from the YAML reader', () => {
  afterEach(() => vi.restoreAllMocks());

  test('a list as a key is a located problem, and the library prints nothing of its own', () => {
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    const err = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(problems('bank: mini@1\nanswers:\n  ? [c.one, c.two]\n  : yes\n')).toEqual([
      'a.yaml:3:5  a key must be plain text, not a list or a mapping — write the key as text',
    ]);
    expect(warn).not.toHaveBeenCalled();
    expect(err).not.toHaveBeenCalled();
  });

  test('an alias whose anchor is not defined is named as such, not as too many aliases', () => {
    expect(problems('bank: mini@1\nanswers:\n  c.one: *agreed\n')).toEqual([
      'a.yaml:3:10  the alias *agreed is not defined — define it first with &agreed on the value it stands for, or write the value here',
    ]);
  });
});

describe('score flags', () => {
  const run = async (argv: string[]) => {
    const err: string[] = [];
    const io: Io = {
      stdout: { write: () => true },
      stderr: { write: (s: string) => err.push(s) },
      stdin: process.stdin,
      env: {},
      cwd: fileURLToPath(new URL('../../', import.meta.url)),
      version: '0.0.0',
      builtinBank: fileURLToPath(new URL('../../questions/service-readiness.yaml', import.meta.url)),
      today: () => '2026-11-24',
    };
    return { code: await main(argv, io), err: err.join('') };
  };
  test.each(['0x32', '5e1', '50.', '.5', '+50', ' 50', 'Infinity', '101'])('--min-score %j is refused', async (v) => {
    const r = await run(['check', '--answers', 'tests/fixtures/v2-complete.yaml', '--min-score', v]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('write a score from 0 to 100');
  });
  test.each(['50', '57.5', '0', '100'])('--min-score %j is taken', async (v) => {
    const r = await run(['check', '--answers', 'tests/fixtures/v2-complete.yaml', '--min-score', v]);
    expect([0, 1]).toContain(r.code);
  });
  test('--priorities 0x5 is refused', async () => {
    expect((await run(['report', '--answers', 'tests/fixtures/v2-complete.yaml', '--priorities', '0x5'])).code).toBe(2);
  });
});
