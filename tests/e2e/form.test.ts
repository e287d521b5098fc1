import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { tempDir } from '../helpers.js';
import { cli } from './cli-helpers.js';

// Issue 22 item 5: `form` writes a questionnaire for a form tool and the --map that reads its
// export back; a CSV exported as Google Forms would (Timestamp, the titles, a free-text column)
// pools with that map into the counts the rows hold.

let t: ReturnType<typeof tempDir>;
beforeAll(() => {
  t = tempDir();
});
afterAll(() => t.cleanup());

/** The questionnaire's questions: numbered titles, each with its options in order. */
function questionsOf(text: string): { title: string; options: string[] }[] {
  const qs: { title: string; options: string[] }[] = [];
  for (const line of text.split('\n')) {
    const q = /^\d+\. (.+)$/.exec(line);
    if (q) qs.push({ title: q[1]!, options: [] });
    const o = /^ {3}- (.+)$/.exec(line);
    if (o) qs.at(-1)!.options.push(o[1]!);
  }
  return qs;
}

const csvCell = (s: string) => `"${s.replace(/"/g, '""')}"`;

describe('service-audit form (issue 22 item 5)', () => {
  test('the questionnaire, exported by a form tool and imported with the printed --map, gives the counts', () => {
    const w = cli(['form', '--out', 'questionnaire.txt', '--map-out', 'form-map.yaml'], { cwd: t.dir });
    expect(w.stderr).toContain('questionnaire written to');
    expect(w.code).toBe(0);
    const qs = questionsOf(readFileSync(join(t.dir, 'questionnaire.txt'), 'utf8'));
    const statements = qs.filter((q) => q.options.length > 0);
    expect(statements.length).toBeGreaterThan(3);
    expect(qs.at(-1)).toEqual({ title: 'Anything else?', options: [] });
    // Every statement offers the agreement scale in order.
    expect(statements[0]!.options).toEqual([
      'Strongly disagree',
      'Disagree',
      'Neither agree nor disagree',
      'Agree',
      'Strongly agree',
    ]);

    // 12 respondents: person p answers statement k with option (p + k) mod 5, as its label.
    const N = 12;
    const header = ['Timestamp', ...qs.map((q) => q.title)].map(csvCell).join(',');
    const rows = Array.from({ length: N }, (_, p) =>
      [
        `2026/11/0${(p % 9) + 1} 9:14:00 AM GMT`,
        ...statements.map((q, k) => q.options[(p + k) % q.options.length]!),
        p === 3 ? 'More cover on Fridays, please' : '',
      ]
        .map(csvCell)
        .join(','),
    );
    t.write('responses.csv', `${[header, ...rows].join('\r\n')}\r\n`);
    const r = cli(['report', 'responses.csv', '--map', 'form-map.yaml', '--format', 'json', '--strict'], {
      cwd: t.dir,
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const m = JSON.parse(r.stdout);
    expect(m.pool).toMatchObject({ respondents: N, leftOut: [] });
    const byText = new Map(
      m.results.questions.map((q: { text: string; distribution: { label: string; count: number }[] }) => [q.text, q]),
    );
    statements.forEach((q, k) => {
      const pooled = byText.get(q.title) as { distribution: { label: string; count: number }[] };
      const expected = q.options.map(
        (_, o) => Array.from({ length: N }, (_, p) => (p + k) % 5).filter((x) => x === o).length,
      );
      expect(pooled.distribution.map((d) => d.label)).toEqual(q.options);
      expect(pooled.distribution.map((d) => d.count)).toEqual(expected);
    });
    expect(m.notes).toMatchObject({ shown: true, comments: ['More cover on Fridays, please'] });
    // The headers match the bank by themselves: the export imports with no map too.
    const bare = cli(['report', 'responses.csv', '--format', 'json', '--strict'], { cwd: t.dir });
    expect(bare.code).toBe(0);
    expect(JSON.parse(bare.stdout).results.questions).toEqual(m.results.questions);
  });

  test('with no --map-out the map follows the questionnaire on stdout', () => {
    const r = cli(['form'], { cwd: t.dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /The --map \(save it as form-map\.yaml\):\n\n# --map for the CSV export[^\n]*\ncolumns:\n {2}"Rate this about yourself: [^"]+": \S+\n/,
    );
    expect(r.stdout).toContain('  "Anything else?": comment\n');
  });
});
