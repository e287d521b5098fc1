import { describe, expect, test } from 'vitest';
import type { Answers } from '../../src/answers/schema.js';
import { CSS, csp } from '../../src/report/html-kit.js';
import { renderTeamHtml } from '../../src/team/html.js';
import { createPool } from '../../src/team/pool.js';
import { person, teamBank } from '../team-helpers.js';

const bank = teamBank();
const HOSTILE_GROUP = 'night\u001b[31m | **shift** <script>';
const HOSTILE_NOTE = 'fine "quoted" <img src=x onerror=alert(1)> 😀';

function report(people: Answers[]) {
  const p = createPool(bank);
  for (const a of people) p.add(a);
  return p.finish({ toolVersion: '1.2.3', bankSha256: 'b'.repeat(64), inputs: people.length, leftOut: [] });
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

describe('team report as HTML', () => {
  const page = renderTeamHtml(
    report([...team(6, HOSTILE_GROUP), ...team(6, 'day'), person({ 'u.share': 90, 't.share': 70 }, { role: 'lead' })]),
  );

  test('one page from the shared kit: the same stylesheet and CSP as the audit report, no script', () => {
    expect(page).toContain(`<meta http-equiv="Content-Security-Policy" content="${csp(CSS)}">`);
    expect(page).not.toMatch(/<script|<img|<[^>]*\son\w+=/);
  });

  test("engagement: the team's share with its interval beside the poll, drawn as paired bars with the interval", () => {
    expect(page).toMatch(
      /<td class="num">50\.0%<br><span class="small muted">25\.4 to 74\.6<\/span><\/td><td class="num">37%<\/td><td>in line/,
    );
    expect(page).toContain('<line x1="25.4%" x2="74.6%" y1="25%" y2="25%" class="interval"/>');
  });

  test('escapes group names and notes; the sections a team report has', () => {
    expect(page).toContain('night\\x1b[31m | **shift** &lt;script&gt;');
    expect(page).toContain('fine &quot;quoted&quot; &lt;img src=x onerror=alert(1)&gt; 😀 0');
    for (const id of ['scores', 'engagement', 'fix-first', 'groups', 'gap-1', 'notes'])
      expect(page).toContain(`<section id="${id}"`);
  });

  test('a pool under the floor shows nothing but its size', () => {
    const small = renderTeamHtml(report(team(2, 'day')));
    expect(small).toContain('<p class="warning">Nothing else is shown:');
    expect(small).not.toContain('<section id="scores"');
  });
});
