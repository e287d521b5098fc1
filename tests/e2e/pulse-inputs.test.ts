// Attacks on the pool's input side (issue 20, attack 5 and the honest-failure items), through the
// built binary: a copy cannot pad the floor, "role: lead" among the team's files makes no one
// the lead, and --min-group is read as strictly as every whole-number option.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sealText, SEAL_FILE } from '../../src/collect/seal.js';
import { tempDir } from '../helpers.js';
import { answersYaml, TEAM_BANK } from '../team-helpers.js';
import { cli, NO_STACK } from './cli-helpers.js';

let t: ReturnType<typeof tempDir>;
const run = (args: string[]) => cli([...args, '--bank', 'bank.yaml'], { cwd: t.dir });
const json = (args: string[]) => JSON.parse(run([...args, '--format', 'json']).stdout);

beforeAll(() => {
  t = tempDir();
  t.write('bank.yaml', TEAM_BANK);
  mkdirSync(join(t.dir, 'four'));
  for (let i = 0; i < 4; i++)
    t.write(`four/r${i}.yaml`, answersYaml({ 'u.self': 'agree', 't.self': 'agree' }, { respondent: `p${i}` }));
});
afterAll(() => t.cleanup());

describe('a copy counts once (attack 5: 4 people + 1 copy made a pool of 5 and showed results)', () => {
  test('a byte-identical copy under another name counts once, and is listed', () => {
    t.write('four/copy-of-r0.yaml', answersYaml({ 'u.self': 'agree', 't.self': 'agree' }, { respondent: 'p0' }));
    const m = json(['report', 'four']);
    expect(m.pool.respondents).toBe(4);
    expect(m.suppressed).not.toBeNull();
    const copy = m.pool.leftOut.find(
      (l: { source: string }) => l.source === 'four/r0.yaml' || l.source.includes('copy'),
    );
    expect(copy.problems[0]).toMatch(/is the same response as four\/\S+\.yaml, so it is counted once/);
    const strict = run(['report', 'four', '--strict']);
    expect(strict.code).toBe(2);
    expect(strict.stderr).toMatch(/is the same response as four\/\S+\.yaml, so it is counted once — remove the copy/);
  });

  test('two files carrying one response id (a collected response, copied and edited) count once', () => {
    mkdirSync(join(t.dir, 'ids'));
    const head = '# response id: 00112233aabbccdd\n';
    t.write('ids/a.yaml', `${head}${answersYaml({ 'u.self': 'agree' })}`);
    t.write('ids/b.yaml', `${head}${answersYaml({ 'u.self': 'strongly-agree' })}`);
    const m = json(['report', 'ids']);
    expect(m.pool.respondents).toBe(1);
    expect(m.pool.leftOut).toHaveLength(1);
  });
});

describe('leads only by name (attack 5: any file with role: lead was printed as "Lead 1")', () => {
  test('role: lead in a file of a folder or a glob is left out and listed; --strict makes it exit 2; named by itself it is the lead', () => {
    mkdirSync(join(t.dir, 'withlead'));
    for (let i = 0; i < 5; i++)
      t.write(`withlead/r${i}.yaml`, answersYaml({ 'u.self': 'agree' }, { respondent: `p${i}` }));
    t.write('withlead/sneaky.yaml', answersYaml({ 'u.share': 90 }, { role: 'lead' }));
    for (const input of ['withlead', 'withlead/*.yaml']) {
      const m = json(['report', input]);
      expect(m.pool.leads).toBe(0);
      expect(m.pool.respondents).toBe(5);
      expect(m.pool.leftOut.map((l: { problems: string[] }) => l.problems[0]).join('\n')).toContain(
        "says role: lead, but is a file found in a folder or by a pattern; a lead's answers are never taken from among the team's",
      );
    }
    const strict = run(['report', 'withlead', '--strict']);
    expect(strict.code).toBe(2);
    expect(strict.stderr).toContain('withlead/sneaky.yaml:1:1  says role: lead');
    t.write('lead.yaml', answersYaml({ 'u.share': 90 }, { role: 'lead' }));
    expect(json(['report', 'four', 'lead.yaml']).pool.leads).toBe(1);
  });

  test('a CSV row with role lead is left out and listed', () => {
    t.write('rows.csv', 'u.self,role\nagree,\nagree,\nagree,\nagree,\nagree,\nagree,lead\n');
    const m = json(['report', 'rows.csv']);
    expect(m.pool.leads).toBe(0);
    expect(m.pool.respondents).toBe(5);
    expect(m.pool.leftOut[0].problems[0]).toContain('says role: lead, but is a CSV row');
  });
});

describe('--min-group is one constant and one strict parser', () => {
  test.each(['1e1', '0x5', ' 5', '2', '5.0'])('--min-group %j is refused with exit 2', (v) => {
    const r = run(['report', 'four', '--min-group', v]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('write a whole number of 3 or more');
    expect(r.stderr).not.toMatch(NO_STACK);
  });
  test('10 is taken', () => {
    expect(json(['report', 'four', '--min-group', '10']).pool.minGroup).toBe(10);
  });
});

describe('reports over time (attack 4: a report at 5 and again at 6 shows the sixth person)', () => {
  test('in CI, a pool that is not a sealed pulse is warned about; a sealed pulse is not', () => {
    const ci = (input: string) =>
      cli(['check', input, '--bank', 'bank.yaml'], { cwd: t.dir, env: { GITHUB_ACTIONS: 'true' } }).stderr;
    expect(ci('four')).toContain(
      'warning: four is not a sealed pulse: a report on every push shows, by difference, the answers of each person whose file a commit adds.',
    );
    mkdirSync(join(t.dir, 'sealed'));
    for (let i = 0; i < 5; i++)
      t.write(`sealed/r${i}.yaml`, answersYaml({ 'u.self': 'agree' }, { respondent: `s${i}` }));
    writeFileSync(join(t.dir, 'sealed', SEAL_FILE), sealText(join(t.dir, 'sealed'), '2026-12-01').text);
    expect(ci('sealed')).not.toContain('not a sealed pulse');
    // Not in CI: no warning (a lead reading a folder of hand-written files once).
    expect(run(['check', 'four']).stderr).not.toContain('not a sealed pulse');
    // The attack itself, on a sealed pulse: the commit that adds the sixth file fails instead of reporting.
    t.write('sealed/r5.yaml', answersYaml({ 'u.self': 'strongly-disagree' }, { respondent: 's5' }));
    const after = cli(['check', 'sealed', '--bank', 'bank.yaml', '--format', 'github'], {
      cwd: t.dir,
      env: { GITHUB_ACTIONS: 'true' },
    });
    expect(after.code).toBe(2);
    expect(after.stderr).toContain('has changed since: r5.yaml was added');
    expect(after.stdout).not.toContain('strongly');
  });
});
