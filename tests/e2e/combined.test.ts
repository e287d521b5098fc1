import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lint } from 'markdownlint/promise';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MARKDOWNLINT_CONFIG, tempDir } from '../helpers.js';
import { TEAM_BANK } from '../team-helpers.js';
import { NO_STACK, cli } from './cli-helpers.js';

// The combined audit through the built binary: `report --lead lead.yaml pulse/` in every format and
// `check --lead` on it. Lead questions come from the lead's file; team statements from the pool.

/** The team bank with favourable answers declared and a lead prediction of u.self. */
const BANK = TEAM_BANK.replace(
  '            recommendation: Explain the goals and why.\n',
  '            recommendation: Explain the goals and why.\n            favourable: [agree, strongly-agree]\n',
)
  .replace(
    '            recommendation: Keep promises.\n',
    '            recommendation: Keep promises.\n            favourable: [agree, strongly-agree]\n',
  )
  .replace(
    '          - id: u.self\n',
    `          - id: u.predict
            text: What share of your team will agree they understand the goals?
            type: percent
            audience: lead
            predicts: u.self
            help: Your prediction.
            recommendation: Compare with the pulse.
            source: { file: a.txt, concept: Goals }
          - id: u.self
`,
  );

// Twelve people, each file different (identical files would be taken for copies).
const U = ['strongly-agree', 'agree', 'agree', 'neutral', 'disagree', 'agree'];
const U2 = ['strongly-agree', 'agree', 'neutral', 'agree', 'disagree', 'strongly-disagree'];
const T = ['agree', 'neutral', 'disagree', 'strongly-disagree', 'agree', 'agree'];
const T2 = ['disagree', 'strongly-agree', 'neutral', 'strongly-disagree', 'neutral', 'neutral'];
const PEOPLE = [...U, ...U2].map((u, i) => ({ u, t: [...T, ...T2][i]!, tools: i % 3 ? 'yes' : 'no' }));

let t: ReturnType<typeof tempDir>;
const run = (args: string[]) => cli([...args, '--bank', 'bank.yaml'], { cwd: t.dir });
const report = (format: string) => run(['report', '--lead', 'lead.yaml', 'pulse/', '--format', format]);

beforeAll(() => {
  t = tempDir();
  t.write('bank.yaml', BANK);
  mkdirSync(join(t.dir, 'pulse'));
  for (const [i, p] of PEOPLE.entries())
    writeFileSync(
      join(t.dir, 'pulse', `p${String(i).padStart(2, '0')}.yaml`),
      `bank: pulse@1\nanswers:\n  u.self: ${p.u}\n  t.self: ${p.t}\n  t.tools: ${p.tools}\n`,
    );
  t.write(
    'lead.yaml',
    'bank: pulse@1\nrole: lead\nrespondent: Lee Lead\nanswers:\n  u.share: 70\n  t.share: 10\n  u.predict: 40\n',
  );
}, 60_000);
afterAll(() => t.cleanup());

// By hand, from PEOPLE: u.self favourable (agree or strongly agree) 7 of 12 = 58.3%, top box 2 of 12 = 16.7%;
// t.self favourable 4 of 12 = 33.3%, top box 1 of 12 = 8.3%; t.tools yes 8 of 12 = 66.7%.
// Trust = 100 × (t.share 0.10 + t.self mean credit 5.75/12 + t.tools 8/12) / 3 = 41.5.
describe('the combined audit through the built binary', () => {
  test('the hand figures hold for the pool as written', () => {
    const fav = (k: 'u' | 't') => PEOPLE.filter((p) => p[k] === 'agree' || p[k] === 'strongly-agree').length;
    expect([fav('u'), fav('t'), PEOPLE.filter((p) => p.tools === 'yes').length]).toEqual([7, 4, 8]);
  });

  test('terminal: summary first, the team statements with n, the prediction, Fix first last', () => {
    const r = report('terminal');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    const out = r.stdout;
    expect(out).toMatch(/^Pulse bank — undated\nOverall \d+\.\d \/ 100 {2}\S+\nWeakest element: Trust 41\.5 {2}Low\n/);
    expect(out).toContain('  12 team respondents\n');
    expect(out).toContain('I understand the goals and why.: 58.3% favourable (n 12, 95% interval');
    expect(out).toContain("top answer 16.7% (4.7–44.8) vs the poll's 37%");
    expect(out).toMatch(
      /I trust the organization\.: 33\.3% favourable \(n 12, 95% interval 13\.8–60\.9\);\s+top answer 8\.3%/,
    );
    expect(out).toContain("I have the tools to fix a customer's problem myself.: 66.7% favourable (n 12,");
    expect(out).toMatch(/The lead predicted 40% favourable for "I understand the goals and why\."; the\s+team: 58\.3%/);
    // The lead's own answer, from the lead file, leads Fix first; the team statements carry their n.
    const fix = out.slice(out.lastIndexOf('\n\n'));
    expect(fix).toMatch(
      /^\n\nFix first\n {2}1\. What share of your team would say they trust the organization\? \(10%;/,
    );
    expect(fix).toMatch(/I trust the organization\. \(mean credit 0\.48 \(n 12\);/);
  });

  test('markdown: the same figures, lint-clean, ending on Fix first', async () => {
    const r = report('markdown');
    expect(r.code, r.stderr).toBe(0);
    const md = r.stdout;
    expect(md).toContain('Weakest element: **Trust** 41.5 (Low).');
    expect(md).toContain('## Do first\n\n1. What share of your team would say they trust the organization?');
    expect(md).toContain(
      "## The team's pulse\n\n- 12 team respondents.\n- I understand the goals and why.: 58.3% favourable (n 12,",
    );
    expect(md).toMatch(/- I trust the organization\.: 33\.3% favourable \(n 12, 95% interval 13\.8–60\.9\);/);
    expect(md).toMatch(
      /- The lead predicted 40% favourable for "I understand the goals and why\."; the\s+team: 58\.3%/,
    );
    expect(md).toContain('| Engagement | Trust | 41.5 | Low |');
    expect(md.slice(md.lastIndexOf('\n## '))).toMatch(
      /^\n## Fix first\n\n- \[ \] What share of your team would say they trust/,
    );
    const results = await lint({ strings: { md }, config: MARKDOWNLINT_CONFIG });
    expect(results.md).toEqual([]);
  });

  test('json: lead questions from the lead file, team statements from the pool with n', () => {
    const r = report('json');
    expect(r.code, r.stderr).toBe(0);
    const m = JSON.parse(r.stdout);
    expect(m.answers.file).toBe('lead.yaml');
    expect(m.team.respondents).toBe(12);
    expect(m.team.suppressed).toBeNull();
    const st = Object.fromEntries(
      m.team.statements.map((s: { id: string; answered: number; favourable: { count: number; share: number } }) => [
        s.id,
        [s.answered, s.favourable.count, s.favourable.share],
      ]),
    );
    expect(st).toEqual({ 'u.self': [12, 7, 58.3], 't.self': [12, 4, 33.3], 't.tools': [12, 8, 66.7] });
    expect(m.team.predictions).toEqual([
      expect.objectContaining({ questionId: 'u.predict', statement: 'u.self', predicted: 40, team: 58.3 }),
    ]);
    const trust = m.elements.find((e: { id: string }) => e.id === 'eng.trust');
    expect(trust.score).toBe(41.5);
    const tShare = m.priorities.find((p: { questionId: string }) => p.questionId === 't.share');
    expect([tShare.answer, tShare.credit]).toEqual([10, 0.1]);
    expect(m.summary.weakest).toEqual({ id: 'eng.trust', title: 'Trust', score: 41.5, band: 'low' });
  });

  test('html: the summary in the header, the team section with n, Fix first the last section', () => {
    const r = report('html');
    expect(r.code, r.stderr).toBe(0);
    const page = r.stdout;
    const header = page.slice(page.indexOf('<header>'), page.indexOf('</header>'));
    expect(header).toContain('Weakest element: <a href="#element-eng.trust"><strong>Trust</strong></a> 41.5');
    expect(header).toContain('<h2 id="do-first-h">Do first</h2>');
    expect(page).toContain('<p>12 team respondents.</p>');
    expect(page).toContain('<li>I understand the goals and why.: 58.3% favourable (n 12, 95% interval');
    expect(page).toContain(
      '<li>The lead predicted 40% favourable for &quot;I understand the goals and why.&quot;; the team: 58.3%</li>',
    );
    const ids = [...page.matchAll(/<section (?:class="element" )?id="([^"]+)"/g)].map((x) => x[1]);
    expect(ids.at(-1)).toBe('fix-first');
    expect(ids).toContain('team');
  });

  test('check --lead on the combined audit: an element under the bar fails with exit 1, naming it and why', () => {
    const fail = run(['check', '--lead', 'lead.yaml', 'pulse/', '--min-element-score', '50']);
    expect(fail.code, fail.stderr).toBe(1);
    expect(fail.stdout).toContain('✗ element eng.trust: score 41.5 < 50 (error)');
    expect(fail.stdout).toContain('t.share = 10 (+15.0 points)');
    expect(fail.stdout).toMatch(/check failed: 1 error, 0 warnings, 1 passed \(overall \d+\.\d, lead\.yaml\)/);
    expect(fail.stderr).not.toMatch(NO_STACK);
    const pass = run(['check', '--lead', 'lead.yaml', 'pulse/', '--min-element-score', '40']);
    expect(pass.code, pass.stdout).toBe(0);
    expect(pass.stdout).toContain('✓ element eng.trust: score 41.5 ≥ 40');
    expect(pass.stdout).toMatch(/check passed: 0 errors, 0 warnings, 2 passed/);
  });
});
