// Builds dist/: the program and its dependencies bundled, so the package has no runtime
// dependencies and starts fast.
//   dist/service-audit.cjs the bin: tiny; answers --version alone, else loads the CLI
//   dist/cli.cjs           every command but the interactive prompts, one CommonJS file
//                          so that its compiled code can be cached (see bin/load-cli.ts)
//   dist/interactive.cjs   Inquirer and the audit's prompts, loaded only by the audit
//   dist/collect.cjs       the collect web server and QR encoder, loaded only by collect
//   dist/builtin-bank.json the built-in bank, validated and normalised at build time
//   dist/*.cjs.map         source maps, read only when an internal error is reported
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20.19',
  // NO_MINIFY=1 keeps function names, for reading a --cpu-prof profile.
  minify: process.env.NO_MINIFY !== '1',
  legalComments: 'none', // the licences go to dist/THIRD-PARTY-LICENSES.txt instead
  // dist/*.cjs.map: read only to report an internal error's trace as src/…/*.ts lines (bin/trace.ts).
  // Without the sources' text (the positions are all a trace needs), so the package stays small.
  sourcemap: 'linked',
  sourcesContent: false,
  logLevel: 'warning',
  metafile: true,
  define: { __VERSION__: JSON.stringify(pkg.version), __BUGS_URL__: JSON.stringify(pkg.bugs.url) },
  // yaml's ESM build (published as its browser build, plain ES2020 with no browser APIs)
  // starts twice as fast as its CommonJS build and lets esbuild drop what we never call.
  alias: { yaml: './node_modules/yaml/browser/index.js' },
};

/**
 * We always give chalk its colour level (src/text/style.ts decides it from --no-color,
 * NO_COLOR, FORCE_COLOR and the TTY), so chalk's own terminal detection, which loads node:tty
 * at start-up, is dead weight: use chalk's detection-free variant.
 */
const chalkWithoutDetection = {
  name: 'chalk-without-detection',
  setup(b) {
    b.onResolve({ filter: /^#supports-color$/ }, () => ({
      path: fileURLToPath(new URL('../node_modules/chalk/source/vendor/supports-color/browser.js', import.meta.url)),
    }));
  },
};

/**
 * commander loads node:child_process at start-up for "executable subcommands" (a git-style
 * `tool-sub` file per command), which service-audit does not use; loading it costs about 4 ms
 * of every start on Node 20. Give commander a stand-in that says so if it is ever reached.
 */
const commanderWithoutChildProcess = {
  name: 'commander-without-child-process',
  setup(b) {
    b.onResolve({ filter: /^node:child_process$/ }, (args) =>
      /[\\/]commander[\\/]/.test(args.importer) ? { path: 'child_process', namespace: 'stand-in' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'stand-in' }, () => ({
      contents: "exports.spawn = () => { throw new Error('service-audit has no executable subcommands'); };",
      loader: 'js',
    }));
  },
};

/** The CLI reaches the Inquirer adapter only through this file of its own. */
const interactiveApart = {
  name: 'interactive-apart',
  setup(b) {
    b.onResolve({ filter: /\/audit\/inquirer-asker\.js$/ }, () => ({ path: './interactive.cjs', external: true }));
    b.onResolve({ filter: /\/collect\/runtime\.js$/ }, () => ({ path: './collect.cjs', external: true }));
  },
};

const bundles = await Promise.all([
  // import() of the interactive bundle becomes require(), which code run through node:vm can call.
  build({
    ...common,
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.cjs',
    format: 'cjs',
    plugins: [interactiveApart, chalkWithoutDetection, commanderWithoutChildProcess],
    supported: { 'dynamic-import': false },
  }),
  build({ ...common, entryPoints: ['src/audit/inquirer-asker.ts'], outfile: 'dist/interactive.cjs', format: 'cjs' }),
  build({ ...common, entryPoints: ['src/collect/runtime.ts'], outfile: 'dist/collect.cjs', format: 'cjs' }),
]);
// The bin names the CLI's code cache by the bundle's content: V8 itself checks only its length.
const cliSha256 = createHash('sha256')
  .update(readFileSync(new URL('../dist/cli.cjs', import.meta.url)))
  .digest('hex');
const bin = await build({
  ...common,
  define: { ...common.define, __CLI_SHA256__: JSON.stringify(cliSha256) },
  entryPoints: ['bin/service-audit.ts'],
  outfile: 'dist/service-audit.cjs',
  format: 'cjs',
  supported: { 'dynamic-import': false },
});
const results = [...bundles, bin];

// The bundles carry other people's code: ship their licences with it.
const packages = new Set();
for (const r of results)
  for (const output of Object.values(r.metafile.outputs))
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const m = input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//);
      if (m && bytesInOutput > 0) packages.add(m[1]);
    }
const notices = [...packages].sort().map((name) => {
  const dir = new URL(`../node_modules/${name}/`, import.meta.url);
  const { version, license } = JSON.parse(readFileSync(new URL('package.json', dir), 'utf8'));
  const file = readdirSync(dir).find((f) => /^licen[cs]e/i.test(f));
  const text =
    file && existsSync(new URL(file, dir))
      ? readFileSync(new URL(file, dir), 'utf8').trim()
      : `${license} (no licence file in the package)`;
  return `${name}@${version} (${license})\n\n${text}`;
});
writeFileSync(
  new URL('../dist/THIRD-PARTY-LICENSES.txt', import.meta.url),
  `service-audit bundles the following packages.\n\n${notices.join(`\n\n${'-'.repeat(72)}\n\n`)}\n`,
);

// Compile the built-in bank to JSON with the CLI just built (which validates it and fails the
// build on any problem), so commands start without parsing and validating 40 KB of YAML.
// At run time the JSON is used only while its hash matches the YAML beside it.
const yaml = readFileSync(new URL('../questions/service-readiness.yaml', import.meta.url));
const bank = JSON.parse(
  execFileSync(process.execPath, ['dist/service-audit.cjs', 'bank', '--format', 'json'], {
    encoding: 'utf8',
    env: { ...process.env, NODE_DISABLE_COMPILE_CACHE: '1' },
  }),
);
const sha256 = createHash('sha256').update(yaml).digest('hex');
writeFileSync(new URL('../dist/builtin-bank.json', import.meta.url), JSON.stringify({ sha256, bank }));
