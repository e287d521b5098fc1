import { describe, expect, test } from 'vitest';
import { csvRespondents, parseCsv } from '../../src/team/csv.js';
import { renderTeamHtml } from '../../src/team/html.js';
import { createPool } from '../../src/team/pool.js';
import { renderTeamJson, renderTeamMarkdown, renderTeamTerminal } from '../../src/team/render.js';
import { quoted } from '../../src/text/quote.js';
import { teamBank } from '../team-helpers.js';

// Issue 22 item 6: CSV edge cases.

const bank = teamBank();
const header = 'I understand the goals and why.,t.self,t.tools';

describe('CSV edge cases (issue 22 item 6)', () => {
  test('a row with fewer cells than the header is left out, as one with more is', () => {
    const { rows, fatal } = csvRespondents(
      'f.csv',
      `${header}\nagree,agree\nagree,agree,yes,extra\nagree,,yes\n`,
      bank,
    );
    expect(fatal).toEqual([]);
    expect(rows.map((r) => [r.source, r.answers !== undefined, r.problems.map((p) => p.message)])).toEqual([
      ['f.csv:2', false, ['this row has 2 cells but the header has 3 columns']],
      ['f.csv:3', false, ['this row has 4 cells but the header has 3 columns']],
      ['f.csv:4', true, []],
    ]);
  });

  test('two columns mapped to group (or role) stop the import instead of the last silently winning', () => {
    const map = { columns: { Team: 'group', Site: 'group' }, values: {}, questionValues: {} };
    const { fatal } = csvRespondents('f.csv', `Team,Site,t.self\nday,north,agree\n`, bank, map);
    expect(fatal).toEqual([
      {
        file: 'f.csv',
        line: 1,
        col: 2,
        message: 'column "Site" answers group again (first in column 1)',
        fix: 'keep one column per question, group or role, or map one of them to ignore',
      },
    ]);
  });

  test('a huge cell is never echoed: quoted cut short with its length', () => {
    const huge = 'x'.repeat(9 * 1024 * 1024);
    const { rows } = csvRespondents('f.csv', `t.self\n${huge}\n`, bank);
    const p = rows[0]!.problems[0]!;
    const line = `${p.message} — ${p.fix}`;
    expect(line.length).toBeLessThan(400);
    expect(p.message).toBe(`"${'x'.repeat(59)}…" (9,437,184 characters) is not an answer to t.self`);
    const col = csvRespondents('f.csv', `${huge},t.self\n,agree\n`, bank).fatal[0]!;
    expect(`${col.message} — ${col.fix}`.length).toBeLessThan(400);
  });

  test('a 100,000-column header gives ten problems and one line for the rest', () => {
    const cols = Array.from({ length: 100_000 }, (_, i) => `c${i}`).join(',');
    const { fatal } = csvRespondents('f.csv', `${cols}\n`, bank);
    expect(fatal).toHaveLength(11);
    expect(fatal[10]).toMatchObject({ line: 1, message: 'and 99,990 more like this: columns that match no question' });
  });

  test('quoted() cuts between code points', () => {
    expect(quoted('short')).toBe('"short"');
    expect(quoted('😀'.repeat(100), 5)).toBe('"😀😀😀😀…" (100 characters)');
  });

  test.each([
    ['comma and semicolon tie: comma', 'a;b,c\n1;2,3\n', ['1;2', '3']],
    ['semicolon and tab tie (no comma): semicolon', 'a;b\tc\n1;2\t3\n', ['1', '2\t3']],
    ['the most frequent wins', 'a;b;c,d\n1;2;3,4\n', ['1', '2', '3,4']],
  ])('the delimiter on a tie: %s', (_, text, cells) => {
    expect(parseCsv('f.csv', text).records[1]!.cells).toEqual(cells);
  });
});

// Issue 22 item 5 (in part): common form exports import with no --map.
describe('form exports without a --map (issue 22 item 5)', () => {
  test.each([
    [
      'Google Forms',
      'Timestamp,Email Address,I understand the goals and why.\n2026/11/01 9:14:00 AM GMT,a@b.c,Agree\n',
    ],
    [
      'Microsoft Forms',
      'ID,Start time,Completion time,Email,Name,I understand the goals and why.\n1,11/1/26 9:14,11/1/26 9:16,anonymous,,Agree\n',
    ],
    [
      'Typeform',
      '#,I understand the goals and why.,Start Date (UTC),Submit Date (UTC),Network ID\nx1,Agree,2026-11-01 09:14:00,2026-11-01 09:16:00,abc\n',
    ],
  ])('%s: the tool’s own columns are ignored; nothing of them reaches the answers', (_, csv) => {
    const { rows, fatal } = csvRespondents('form.csv', csv, bank);
    expect(fatal).toEqual([]);
    expect(rows.map((r) => r.answers)).toEqual([{ bank: 'pulse@1', answers: { 'u.self': { value: 'agree' } } }]);
  });

  test('a header that is the statement without its lead-in matches; a near one gets "did you mean" the id', () => {
    const led = { ...bank, areas: bank.areas.map((a) => ({ ...a })) };
    const q = led.areas[0]!.elements[0]!.questions.find((x) => x.id === 'u.self')!;
    const original = q.text;
    q.text = `Rate this about yourself: ${original}`;
    try {
      const ok = csvRespondents('form.csv', 'I understand the goals and why.\nagree\n', led);
      expect(ok.fatal).toEqual([]);
      expect(ok.rows[0]!.answers!.answers).toEqual({ 'u.self': { value: 'agree' } });
      const near = csvRespondents('form.csv', 'I understand the goal and why\nagree\n', led).fatal[0]!;
      expect(near.fix).toMatch(/^did you mean "u\.self"\?/);
    } finally {
      q.text = original;
    }
  });
});

// Issue 22 item 5: a form's free-text question becomes a general comment, shown under the notes rule.
describe('a free-text column becomes a general comment (issue 22 item 5)', () => {
  const csvOf = (n: number, lead = false) =>
    [
      'Timestamp,I understand the goals and why.,Anything else?,Role',
      ...Array.from({ length: n }, (_, i) => `2026/11/01,Agree,${i === 0 ? '"<b>more *rota* cover</b>"' : ''},`),
      ...(lead ? ['2026/11/01,Agree,the lead speaking,lead'] : []),
    ].join('\n');
  const report = (csv: string) => {
    const { rows, fatal } = csvRespondents('form.csv', csv, bank);
    expect(fatal).toEqual([]);
    const pool = createPool(bank);
    for (const r of rows) if (r.answers) pool.add(r.answers, r.comments);
    return pool.finish({ toolVersion: '1', bankSha256: 'b'.repeat(64), inputs: rows.length, leftOut: [] });
  };

  test('the column matches no question yet imports; its cell is the row’s comment, not an answer', () => {
    const { rows, fatal } = csvRespondents('form.csv', csvOf(2), bank);
    expect(fatal).toEqual([]);
    expect(rows[0]).toMatchObject({
      answers: { answers: { 'u.self': { value: 'agree' } } },
      comments: ['<b>more *rota* cover</b>'],
    });
    expect(rows[1]!.comments).toBeUndefined();
  });

  test('a column mapped to comment is one too; an unknown free-text header still stops the import', () => {
    const map = { columns: { 'Tell us more': 'comment' }, values: {}, questionValues: {} };
    const ok = csvRespondents('f.csv', 'u.self,Tell us more\nagree,hello\n', bank, map);
    expect(ok.rows[0]!.comments).toEqual(['hello']);
    expect(csvRespondents('f.csv', 'u.self,Tell us more\nagree,hello\n', bank).fatal[0]!.message).toBe(
      'column "Tell us more" matches no question',
    );
  });

  test('under 10 team respondents no comment is shown; from 10 it is, escaped per output; a lead’s never', () => {
    const few = report(csvOf(9, true));
    expect(few.notes).toMatchObject({ shown: false, comments: [] });
    expect(renderTeamJson(few)).not.toContain('rota');
    const enough = report(csvOf(10, true));
    expect(enough.notes).toMatchObject({ shown: true, comments: ['<b>more *rota* cover</b>'] });
    expect(renderTeamJson(enough)).not.toContain('lead speaking');
    expect(enough.groups).toEqual([]);
    expect(renderTeamTerminal(enough, { width: 200 })).toContain('<b>more *rota* cover</b> (general comment)');
    expect(renderTeamMarkdown(enough)).toContain('\\<b\\>more \\*rota\\* cover\\</b\\> (general comment)');
    expect(renderTeamHtml(enough)).toContain(
      '&lt;b&gt;more *rota* cover&lt;/b&gt; <span class="muted">(general comment)</span>',
    );
  });
});
