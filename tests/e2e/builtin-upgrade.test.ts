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
// Every v1 answers fixture but the one that is broken on purpose (a misspelt id).
const v1Fixtures = readdirSync(FIXTURES).filter(
  (f) =>
    f.endsWith('.yaml') &&
    f !== 'unknown-id.yaml' &&
    /^bank: service-readiness@1$/m.test(readFileSync(join(FIXTURES, f), 'utf8')),
);

// Runs once the built-in bank is version 2 with its migration from version 1.
describe.skipIf(builtin.version < 2)('v1 answers files under the built-in v2 bank', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeAll(() => {
    tmp = tempDir();
  });
  afterAll(() => tmp.cleanup());

  test.each(v1Fixtures)('%s scores under v2 and upgrade keeps every answer and note', (name) => {
    const r = cli(['report', '--answers', join(FIXTURES, name), '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).upgrade.from).toBe('service-readiness@1');
    const file = join(tmp.dir, name);
    copyFileSync(join(FIXTURES, name), file);
    const mapped = parseAnswers(file, readFileSync(file, 'utf8'), builtin).parsed!;
    expect(cli(['upgrade', name], { cwd: tmp.dir }).code).toBe(0);
    const again = parseAnswers(file, readFileSync(file, 'utf8'), builtin).parsed!;
    expect(again.upgrade).toBeUndefined();
    expect(again.answers).toEqual(mapped.answers);
  });
});
