// Regenerates the JSON Schemas kept in schemas/ from the zod schemas (via the built CLI).
// A unit test fails when a kept copy is stale, naming this script.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';

for (const kind of ['bank', 'answers', 'config', 'report', 'team-report', 'plan']) {
  const text = execFileSync(process.execPath, ['dist/service-audit.cjs', 'schema', kind], { encoding: 'utf8' });
  writeFileSync(`schemas/${kind}.schema.json`, text);
  console.log(`schemas/${kind}.schema.json`);
}
