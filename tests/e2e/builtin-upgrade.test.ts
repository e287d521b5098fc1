import { copyFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseAnswers } from '../../src/answers/parse.js';
import { parseBank } from '../../src/bank/parse.js';
import { tempDir } from '../helpers.js';
import { cli, FIXTURES, ROOT } from './cli-helpers.js';

const builtin = parseBank(
  'service-readiness.yaml',
  readFileSync(join(ROOT, 'questions', 'service-readiness.yaml'), 'utf8'),
).bank!;
// Every v1 and v2 answers fixture but the one that is broken on purpose (a misspelt id).
const oldFixtures = readdirSync(FIXTURES).filter(
  (f) =>
    f.endsWith('.yaml') &&
    f !== 'unknown-id.yaml' &&
    /^bank: service-readiness@[12]$/m.test(readFileSync(join(FIXTURES, f), 'utf8')),
);

// The built-in bank is version 3; its migrations map version 1 and version 2 straight to it.
describe('v1 and v2 answers files under the built-in v3 bank', () => {
  test('the fixtures cover both earlier versions', () => {
    const versions = oldFixtures.map((f) => readFileSync(join(FIXTURES, f), 'utf8').match(/^bank: (\S+)$/m)![1]);
    expect(new Set(versions)).toEqual(new Set(['service-readiness@1', 'service-readiness@2']));
    expect(builtin.version).toBe(3);
  });

  let tmp: ReturnType<typeof tempDir>;
  beforeAll(() => {
    tmp = tempDir();
  });
  afterAll(() => tmp.cleanup());

  test.each(oldFixtures)('%s scores under v3 and upgrade keeps every answer it maps', (name) => {
    const from = readFileSync(join(FIXTURES, name), 'utf8').match(/^bank: (\S+)$/m)![1];
    const r = cli(['report', '--answers', join(FIXTURES, name), '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).upgrade.from).toBe(from);
    const file = join(tmp.dir, name);
    copyFileSync(join(FIXTURES, name), file);
    const mapped = parseAnswers(file, readFileSync(file, 'utf8'), builtin).parsed!;
    const up = cli(['upgrade', name], { cwd: tmp.dir });
    expect(up.code).toBe(0);
    // Every answer v3 no longer asks is named, and kept in the backup.
    const removed = mapped.upgrade!.removed.map((x) => x.id);
    for (const id of removed) expect(up.stdout).toContain(`  removed  ${id}: `);
    expect(readFileSync(join(tmp.dir, `${name}.bak`), 'utf8')).toBe(readFileSync(join(FIXTURES, name), 'utf8'));
    const again = parseAnswers(file, readFileSync(file, 'utf8'), builtin).parsed!;
    expect(again.upgrade).toBeUndefined();
    expect(again.answers).toEqual(mapped.answers);
  });
});
