import { spawn, spawnSync } from 'node:child_process';
import { cpSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { tempDir } from '../helpers.js';
import { BIN, ROOT, TEST_CACHE } from './cli-helpers.js';

// The bin is the one place that touches process: what happens outside main() is pinned here.
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

describe('the bin', () => {
  test('a failure outside main() (dist/cli.cjs missing) exits 70 and says where to report it', () => {
    cpSync(join(ROOT, 'dist'), join(tmp.dir, 'dist'), { recursive: true });
    rmSync(join(tmp.dir, 'dist', 'cli.cjs'));
    const r = spawnSync(process.execPath, [join(tmp.dir, 'dist', 'service-audit.cjs'), 'bank'], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', XDG_CACHE_HOME: tmp.dir },
    });
    expect(r.status).toBe(70);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^internal error: .*cli\.cjs/);
    expect(r.stderr).toContain(
      `This is a bug in service-audit; please report it at ${pkg.bugs.url} with the command you ran and this trace:\n`,
    );
  });

  test('a reader that closes early (| head -1) is a normal end: exit 0, nothing on stderr', async () => {
    const child = spawn(process.execPath, [BIN, 'bank', '--format', 'json'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', XDG_CACHE_HOME: TEST_CACHE },
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // Read the first chunk, then close the pipe as `head -1` does; the bank JSON is far larger than a chunk.
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  });
});
