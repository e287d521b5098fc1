import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One code-cache folder for the binaries the whole test run spawns, removed at the end. */
export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'service-audit-cache-'));
  process.env.SERVICE_AUDIT_TEST_CACHE = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
