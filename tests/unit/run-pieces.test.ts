import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { Answers } from '../../src/answers/schema.js';
import { parseBank } from '../../src/bank/parse.js';
import type { Bank } from '../../src/bank/schema.js';
import { answersKind } from '../../src/cli/answers-file.js';
import { checkRunOptions, continueCommand } from '../../src/cli/commands/run.js';
import { GuardedFile, NO_FILE } from '../../src/cli/guarded.js';
import { MINI_BANK, tempDir } from '../helpers.js';

const bank = parseBank('mini.yaml', MINI_BANK).bank as Bank;
const LINK = { command: 'service-audit schema answers' };
const answers = (a: Answers['answers']): Answers => ({ bank: 'mini@1', answers: a });

describe('the pieces of the interactive audit', () => {
  test('--area and --from the bank lacks are refused with a did-you-mean', () => {
    expect(() => checkRunOptions(bank, ['dnaa'], undefined)).toThrow('--area dnaa: no such area (did you mean "dna"?)');
    expect(() => checkRunOptions(bank, undefined, 'c.onee')).toThrow(/--from c\.onee: .*\(did you mean "c\.one"\?\)/);
    expect(() => checkRunOptions(bank, ['eng'], 'c.one')).toThrow(/in the chosen areas/);
    expect(() => checkRunOptions(bank, ['dna'], 'dna.customer')).not.toThrow();
  });

  test('the command that continues an audit names only what differs from the defaults', () => {
    expect(continueCommand('service-audit-answers.yaml', {})).toBe('npx service-audit');
    expect(continueCommand('a.yaml', { bank: 'b.yaml', area: ['dna', 'eng'], audience: 'team' })).toBe(
      'npx service-audit --answers a.yaml --bank b.yaml --area dna --area eng --audience team',
    );
  });

  test('the answers file as a guarded file: written, merged with a hand edit, rewritten when removed, stopped on a clash', () => {
    const tmp = tempDir();
    try {
      const kind = answersKind('a.yaml', bank, LINK);
      const file = new GuardedFile(tmp.dir, 'a.yaml', kind, { stamp: NO_FILE, value: answers({}) });
      file.write(answers({ 'c.one': { value: 'yes' } }));
      const path = `${tmp.dir}/a.yaml`;
      // A hand edit answers another question meanwhile: kept.
      writeFileSync(path, readFileSync(path, 'utf8').replace(/^ {2}c\.two:$/m, '  c.two: no'));
      const merged = file.write(answers({ 'c.one': { value: 'yes' }, 'd.one': { value: 'never' } }));
      expect(merged.answers).toEqual({
        'c.one': { value: 'yes' },
        'c.two': { value: 'no' },
        'd.one': { value: 'never' },
      });
      // Removed meanwhile: written again whole.
      unlinkSync(path);
      expect(file.write(merged).answers).toEqual(merged.answers);
      expect(readFileSync(path, 'utf8')).toContain('  d.one: never');
      // The same question answered differently on both sides: a located problem, the file kept.
      const edited = readFileSync(path, 'utf8').replace('  d.one: never', '  d.one: always');
      writeFileSync(path, edited);
      expect(() => file.write({ ...merged, answers: { ...merged.answers, 'd.one': { value: 'often' } } })).toThrow(
        /^a\.yaml:\d+:3 {2}d\.one was changed in this file while the audit ran \(the file says "always"; your "often" was not saved\)/,
      );
      expect(readFileSync(path, 'utf8')).toBe(edited);
    } finally {
      tmp.cleanup();
    }
  });
});
