// Bundles the CLI and its dependencies into dist/ (no runtime dependencies once published).
// Code splitting keeps each command's modules in their own chunk, loaded only when needed.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });

await build({
  entryPoints: { 'service-audit': 'bin/service-audit.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: process.env.SPLIT !== "0",
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  chunkNames: 'chunks/[name]-[hash]',
  define: { __VERSION__: JSON.stringify(pkg.version) },
  // yaml's ESM build (published as its browser build, plain ES2020 with no browser APIs) starts
  // twice as fast as its CommonJS build and lets esbuild drop what we never call.
  alias: { yaml: './node_modules/yaml/browser/index.js' },
  // Some bundled dependencies are CommonJS and call require(); give ESM output one.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  legalComments: 'linked',
  minify: true,
  logLevel: 'warning',
});

// Compile the built-in bank to JSON with the CLI just built (which validates it and fails the
// build on any problem), so commands start without parsing and validating 40 KB of YAML.
// At run time the JSON is used only while its hash matches the YAML beside it.
const yaml = readFileSync(new URL('../questions/service-readiness.yaml', import.meta.url));
const bank = JSON.parse(execFileSync(process.execPath, ['dist/service-audit.js', 'bank', '--format', 'json'], { encoding: 'utf8' }));
const sha256 = createHash('sha256').update(yaml).digest('hex');
writeFileSync(new URL('../dist/builtin-bank.json', import.meta.url), JSON.stringify({ sha256, bank }));
