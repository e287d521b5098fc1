import { lint } from 'markdownlint/promise';
import { describe, expect, test } from 'vitest';
import type { Answers } from '../../src/answers/schema.js';
import { createPool } from '../../src/team/pool.js';
import { renderTeamJson, renderTeamMarkdown, renderTeamTerminal } from '../../src/team/render.js';
import { MARKDOWNLINT_CONFIG } from '../helpers.js';
import { person, teamBank } from '../team-helpers.js';

const bank = teamBank();
const HOSTILE_GROUP = 'night\u001b[31m | **shift** <script>';
const HOSTILE_NOTE = 'fine\u001b]0;pwned\u0007 [link](http://x) | <b>';

function report(
  people: Answers[],
  leftOut = [{ source: 'bad.yaml', problems: ['bad.yaml:2:3  "maybe" is not an answer to u.self — use one of …'] }],
) {
  const p = createPool(bank);
  for (const a of people) p.add(a);
  return p.finish({
    toolVersion: '1.2.3',
    bankSha256: 'b'.repeat(64),
    inputs: people.length + leftOut.length,
    leftOut,
  });
}
const team = (n: number, group: string) =>
  Array.from({ length: n }, (_, i) =>
    person(
      {
        'u.self': i % 2 ? 'strongly-agree' : 'agree',
        't.self': { value: i % 3 ? 'neutral' : 'strongly-disagree', note: `${HOSTILE_NOTE} ${i}` },
        't.tools': 'yes',
      },
      { group },
    ),
  );
const full = report([
  ...team(6, HOSTILE_GROUP),
  ...team(6, 'day'),
  person({ 'u.share': 90, 't.share': 70 }, { role: 'lead' }),
]);

async function lintMarkdown(md: string): Promise<string[]> {
  const results = await lint({ strings: { report: md }, config: MARKDOWNLINT_CONFIG });
  return results.report!.map((r) => `${r.lineNumber}: ${r.ruleNames.join('/')} ${r.ruleDescription}`);
}

describe('team report renderers', () => {
  test('terminal: every section, hostile text escaped', () => {
    const text = renderTeamTerminal(full, { width: 200 });
    for (const heading of [
      'Team report: Pulse bank',
      'Elements, weakest first',
      'Engagement vs the poll',
      'Fix first',
      'Groups',
      'Perception gap: Lead 1',
      'Notes from the team (12)',
      'Left out (1)',
    ])
      expect(text).toContain(heading);
    expect(text).toContain('12 team respondents, 1 lead beside them; 13 of 14 answers files or rows used; 1 left out');
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
    expect(text).toContain('night\\x1b[31m');
    expect(text).toContain('the lead guessed 90%, the team said 50.0% (+40.0)');
    expect(text).toContain(
      'I understand the goals and why. — 50.0% of 12 (25.4-74.6), poll 37%: in line with the poll',
    );
  });

  test('Fix first says, in every format, what each mean credit rests on (n) and why the item is there', async () => {
    const { renderTeamHtml } = await import('../../src/team/html.js');
    // t.self: strongly disagree (0) for 4 of the 12, neither (0.5) for 8: mean credit 4/12 = 0.33.
    const why = '(critical answer|weakest element|importance [\\d.]+ × gap 0\\.67)';
    expect(renderTeamTerminal(full, { width: 200 })).toMatch(
      new RegExp(`I trust the organization\\. \\(mean credit 0\\.33, n 12; ${why};`),
    );
    expect(renderTeamMarkdown(full).replace(/\s+/g, ' ')).toMatch(new RegExp(`mean credit 0\\.33, n 12; ${why};`));
    expect(renderTeamHtml(full)).toMatch(new RegExp(`Mean credit 0\\.33, n 12; <span class="why">${why}</span>;`));
  });

  test('markdown passes markdownlint and escapes what came from files', async () => {
    const md = renderTeamMarkdown(full);
    expect(await lintMarkdown(md)).toEqual([]);
    expect(md).not.toContain('<script>');
    expect(md).not.toContain('<b>');
    expect(md).not.toContain('[link](');
    expect(md).toContain('night\\\\x1b\\[31m \\| \\*\\*shift\\*\\* \\<script\\>');
  });

  test('json is the model, and a hidden pool says only n and why', async () => {
    expect(JSON.parse(renderTeamJson(full))).toEqual(JSON.parse(JSON.stringify(full)));
    const small = report(team(3, 'day'), []);
    const t = renderTeamTerminal(small);
    expect(t).toContain('Nothing else is shown: only 3 team respondents in the pool');
    expect(t).not.toMatch(/Overall|Agree|Trust/);
    const md = renderTeamMarkdown(small);
    expect(await lintMarkdown(md)).toEqual([]);
    expect(md).not.toMatch(/Overall|Agree|Trust/);
  });
});
