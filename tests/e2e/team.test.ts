import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lint } from 'markdownlint/promise';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MARKDOWNLINT_CONFIG, tempDir } from '../helpers.js';
import { TEAM_BANK, answersYaml } from '../team-helpers.js';
import { NO_STACK, cli } from './cli-helpers.js';
import { Terminal } from './pty-driver.js';
import { parse } from 'yaml';
import { Ajv } from 'ajv';

const AGREE = ['strongly-disagree', 'disagree', 'neutral', 'agree', 'strongly-agree'];
const GROUPS = ['day', 'night', 'weekend'];
const N = 500;

let t: ReturnType<typeof tempDir>;
const run = (args: string[]) => cli([...args, '--bank', 'bank.yaml'], { cwd: t.dir });

beforeAll(() => {
  t = tempDir();
  t.write('bank.yaml', TEAM_BANK);
  mkdirSync(join(t.dir, 'pulse'));
  // 500 respondents; a deterministic spread of answers; every 7th with a note.
  for (let i = 0; i < N; i++) {
    const a: Record<string, string> = {
      'u.self': AGREE[(i * 7) % 5]!,
      't.self': AGREE[(i * 3 + 1) % 5]!,
      't.tools': i % 4 ? 'yes' : 'no',
    };
    const text = answersYaml(a, { group: GROUPS[i % 3]!, respondent: `Person ${i}` }).replace(
      /\n {2}t\.tools: (yes|no)\n$/,
      (m, v) => (i % 7 ? m : `\n  t.tools: { value: ${v}, note: "note ${i} <b>|</b>" }\n`),
    );
    writeFileSync(join(t.dir, 'pulse', `r${String(i).padStart(3, '0')}.yaml`), text);
  }
  t.write('pulse/bad.yaml', answersYaml({ 'u.self': 'maybe' }));
  t.write('pulse/old.yaml', answersYaml({ 'u.self': 'agree' }, {}, 'pulse@0'));
  t.write('lead.yaml', answersYaml({ 'u.share': 70, 't.share': 60 }, { role: 'lead', respondent: 'Lee Lead' }));
  t.write(
    'form.csv',
    'Team,I understand the goals and why.,t.self\r\nday,Strongly agree,Agree\r\nnight,agree,"Neither"\r\nday,agree,sometimes\r\n',
  );
  t.write('map.yaml', 'columns:\n  Team: group\nvalues:\n  Neither: neutral\n');
}, 120_000);
afterAll(() => t.cleanup());

describe('team report through the built binary', () => {
  test('500 files, a lead and a CSV in every format; bad inputs listed, not fatal', async () => {
    const args = ['report', 'pulse', 'lead.yaml', 'form.csv', '--map', 'map.yaml'];
    const term = run(args);
    expect(term.code).toBe(0);
    expect(term.stderr).toContain('3 inputs were left out of the pool');
    expect(term.stdout.replace(/\s+/g, ' ')).toContain(
      '502 team respondents, 1 lead beside them; 503 of 506 answers files or rows used; 3 left out',
    );
    expect(term.stdout).toMatch(/^ {2}pulse\/bad\.yaml:3:11 {2}"maybe" is not an answer to u\.self/m);
    expect(term.stdout).toMatch(/^ {2}pulse\/old\.yaml:1:7 {2}these answers were given against "pulse@0"/m);
    expect(term.stdout).toMatch(/^ {2}form\.csv:4:3 {2}"sometimes" is not an answer to t\.self/m);
    expect(term.stdout).toContain('Perception gap: Lead 1 beside the team');
    expect(term.stdout).toContain('Notes from the team (72)');
    expect(term.stdout).not.toMatch(/Person \d|Lee Lead/);

    const md = run([...args, '--format', 'markdown']);
    expect(md.code).toBe(0);
    const lintResult = await lint({ strings: { md: md.stdout }, config: MARKDOWNLINT_CONFIG });
    expect(lintResult.md).toEqual([]);
    expect(md.stdout).not.toContain('<b>');

    const json = run([...args, '--format', 'json']);
    const m = JSON.parse(json.stdout);
    expect(m).toMatchObject({
      schema: 'team-report',
      schemaVersion: 3,
      pool: { inputs: 506, used: 503, respondents: 502, leads: 1, minGroup: 5 },
    });
    expect(m.pool.leftOut.map((x: { source: string }) => x.source)).toEqual([
      'form.csv:4',
      'pulse/bad.yaml',
      'pulse/old.yaml',
    ]);
    expect(m.groups.map((g: { name: string; respondents: number }) => [g.name, g.respondents])).toEqual([
      ['day', 168],
      ['night', 168],
      ['weekend', 166],
    ]);
    expect(json.stdout).not.toMatch(/Person \d|Lee Lead/);
  }, 60_000);

  test('json is byte-identical for the same files in any order', () => {
    const files = Array.from({ length: 12 }, (_, i) => `pulse/r${String(i).padStart(3, '0')}.yaml`);
    const a = run(['report', ...files, 'lead.yaml', '--format', 'json']);
    const b = run(['report', 'lead.yaml', ...[...files].reverse(), '--format', 'json']);
    expect(a.code).toBe(0);
    expect(b.stdout).toBe(a.stdout);
    // Named twice: counted once.
    expect(run(['report', ...files, files[0]!, `./${files[1]}`, 'lead.yaml', '--format', 'json']).stdout).toBe(
      a.stdout,
    );
  });

  test('a glob the shell did not expand, and --out', () => {
    const r = run(['report', 'pulse/r00*.yaml', '--format', 'json', '--out', 'team.json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(join(t.dir, 'team.json'), 'utf8')).pool.respondents).toBe(10);
  });

  test('--strict: any bad file exits 2 with its problems', () => {
    const r = run(['report', 'pulse', '--strict']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('pulse/bad.yaml:3:11  "maybe" is not an answer to u.self');
    expect(r.stdout).toBe('');
    expect(r.stderr).not.toMatch(NO_STACK);
  });

  test('an unknown CSV column exits 2 with FILE:ROW:COL; --min-group below 3 exits 2', () => {
    const r = run(['report', 'form.csv']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^form\.csv:1:1 {2}column "Team" matches no question/m);
    const m = run(['report', 'pulse', '--min-group', '2']);
    expect(m.code).toBe(2);
    expect(m.stderr).toContain('3 or more');
  });

  test('a pool under the floor shows only n and why, in every format', () => {
    for (const format of ['terminal', 'markdown', 'json']) {
      const r = run(['report', 'pulse/r000.yaml', 'pulse/r001.yaml', 'pulse/r002.yaml', '--format', format]);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/only 3 team respondents/);
      expect(r.stdout).not.toMatch(/strongly|Agree|"score"/i);
    }
  });

  test('check on the pool: respondents and engagement shares', () => {
    t.write('cfg.yaml', 'assertions:\n  respondents: { min: 400 }\n  benchmark:understanding: { minShare: 90 }\n');
    const r = run(['check', 'pulse', '--config', 'cfg.yaml']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('✓ team respondents: respondents 500 ≥ 400');
    expect(r.stdout).toMatch(/✗ share holding eng\.understanding fully: share 20% < 90 \(error\)/);
    const json = run(['check', 'pulse', '--config', 'cfg.yaml', '--format', 'json']);
    expect(JSON.parse(json.stdout).report.schema).toBe('team-report');
  });
});

describe('the staff pulse in a real terminal', () => {
  test('--audience team asks only the team statements, stores the group and no date', async () => {
    const term = new Terminal(['--audience', 'team', '--bank', 'bank.yaml', '--answers', 'pulse-x.yaml'], t.dir);
    try {
      const intro = await term.waitFor('Your team, site or shift');
      expect(intro).toContain('3 statements about yourself');
      expect(intro).toContain('never shows a name');
      term.type('night\r');
      for (const [i, key] of ['5', '4', '1'].entries()) {
        await term.waitFor(`question ${i + 1} of 3`);
        term.type(key);
      }
      await term.waitFor('Thank you.');
      expect(await term.exited).toBe(0);
    } finally {
      term.kill();
    }
    const saved = parse(readFileSync(join(t.dir, 'pulse-x.yaml'), 'utf8'));
    expect(saved).toMatchObject({
      bank: 'pulse@1',
      group: 'night',
      answers: { 'u.self': 'strongly-agree', 't.self': 'agree', 't.tools': 'yes', 'u.share': null, 't.share': null },
    });
    expect(saved.date).toBeUndefined();
    expect(saved.organization).toBeUndefined();
  }, 60_000);

  test('team report JSON validates against `schema team-report` (groups and a lead; under the floor; files left out)', () => {
    const schema = cli(['schema', 'team-report'], { cwd: t.dir });
    expect(schema.code).toBe(0);
    const validate = new Ajv({ strict: false }).compile(JSON.parse(schema.stdout));
    const files = (n: number) => Array.from({ length: n }, (_, i) => `pulse/r${String(i).padStart(3, '0')}.yaml`);
    const reportOf = (args: string[]) => {
      const r = run(['report', ...args, '--format', 'json']);
      expect(r.code).toBe(0);
      const m = JSON.parse(r.stdout);
      expect(validate(m), JSON.stringify(validate.errors)).toBe(true);
      return m;
    };
    const above = reportOf([...files(30), 'lead.yaml']);
    expect(above.results).not.toBeNull();
    expect(above.groups.filter((g: { results: unknown }) => g.results !== null).length).toBeGreaterThan(0);
    expect(above.perceptionGap).toHaveLength(1);
    const under = reportOf(files(3));
    expect(under.results).toBeNull();
    expect(under.suppressed).toMatch(/only 3 team respondents/);
    const bad = reportOf([...files(10), 'pulse/bad.yaml', 'pulse/old.yaml', 'form.csv', '--map', 'map.yaml']);
    expect(bad.pool.leftOut.length).toBe(3);
    // The schema is strict: a key the model does not have is an error, so drift is caught.
    expect(validate({ ...above, extra: 1 })).toBe(false);
  });
});
