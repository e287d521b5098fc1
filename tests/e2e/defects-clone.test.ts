import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { tempDir } from '../helpers.js';
import { BIN, cli, ROOT } from './cli-helpers.js';

// Issue 22 item 14: the README says how to run the tool from a clone in one's own folder, and
// what it says holds: the clone's binary, run from another folder, writes only there.

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

const section = () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('### Using a clone from your own folder');
  return start < 0 ? '' : readme.slice(start, readme.indexOf('\n## ', start));
};

describe('a clone used from another folder (issue 22 item 14)', () => {
  test('the README gives the steps: install, build, link, then run in your own folder', () => {
    const text = section();
    for (const step of ['npm install', 'npm run build', 'npm link', 'npm install -g', 'dist/service-audit.cjs'])
      expect(text).toContain(step);
  });

  test('the clone’s binary run from another folder writes its files there', () => {
    expect(BIN.startsWith(ROOT)).toBe(true);
    expect(cli(['init'], { cwd: tmp.dir }).code).toBe(0);
    expect(cli(['check'], { cwd: tmp.dir }).code).toBe(1); // nothing answered yet
    expect(cli(['report', '--format', 'markdown', '--out', 'report.md'], { cwd: tmp.dir }).code).toBe(0);
    expect(readdirSync(tmp.dir).sort()).toEqual(['report.md', 'service-audit-answers.yaml']);
  });
});
