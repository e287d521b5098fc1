import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { parseAnswers } from '../../src/answers/parse.js';
import { renderAnswersFile } from '../../src/answers/write.js';
import { parseBank } from '../../src/bank/parse.js';
import type { Io } from '../../src/cli/io.js';
import { schemaLinkFor } from '../../src/cli/schema-path.js';
import { MINI_BANK, tempDir } from '../helpers.js';

// The $schema modeline: a path only when the schema is inside the project, never into npx's cache.
let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

const ioAt = (cwd: string) => ({ cwd }) as Io;
const installSchema = (dir: string) => {
  mkdirSync(join(dir, 'node_modules', 'service-audit', 'schemas'), { recursive: true });
  writeFileSync(join(dir, 'node_modules', 'service-audit', 'schemas', 'answers.schema.json'), '{}');
};

describe('the schema link of an answers file', () => {
  test("is the installed package's schema, relative to the file, when node_modules is reachable from its folder", () => {
    installSchema(tmp.dir);
    mkdirSync(join(tmp.dir, 'audits', '2026'), { recursive: true });
    expect(schemaLinkFor(ioAt(tmp.dir), 'answers', 'answers.yaml')).toEqual({
      path: 'node_modules/service-audit/schemas/answers.schema.json',
    });
    expect(schemaLinkFor(ioAt(join(tmp.dir, 'audits')), 'answers', '2026/answers.yaml')).toEqual({
      path: '../../node_modules/service-audit/schemas/answers.schema.json',
    });
  });

  test('is no path but the command that writes the schema when service-audit is not installed in the project (npx)', () => {
    expect(schemaLinkFor(ioAt(tmp.dir), 'answers', 'answers.yaml')).toEqual({
      command: 'service-audit schema answers',
    });
    expect(schemaLinkFor(ioAt(tmp.dir), 'answers', 'answers.yaml', 'my bank.yaml')).toEqual({
      command: "service-audit schema answers --bank 'my bank.yaml'",
    });
  });

  test("keeps the modeline the file already has, unless it points into npx's cache", () => {
    tmp.write('mine.yaml', '# yaml-language-server: $schema=answers.schema.json\nbank: mini@1\n');
    expect(schemaLinkFor(ioAt(tmp.dir), 'answers', 'mine.yaml')).toEqual({ path: 'answers.schema.json' });
    tmp.write(
      'old.yaml',
      '# yaml-language-server: $schema=../../.npm/_npx/0123abcd/node_modules/service-audit/schemas/answers.schema.json\n',
    );
    expect(schemaLinkFor(ioAt(tmp.dir), 'answers', 'old.yaml')).toEqual({ command: 'service-audit schema answers' });
  });

  test('without a path the file has no modeline, says how to get the schema, and still reads back', () => {
    const bank = parseBank('mini.yaml', MINI_BANK).bank!;
    const text = renderAnswersFile(bank, { answers: {} }, { command: 'service-audit schema answers --bank mini.yaml' });
    expect(text).not.toContain('yaml-language-server');
    expect(text).toContain('#   service-audit schema answers --bank mini.yaml > answers.schema.json\n');
    expect(parseAnswers('t.yaml', text, bank).problems).toEqual([]);
  });
});
