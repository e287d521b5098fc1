// Start-up benchmark: median wall time and peak memory of the main commands, each as a ratio
// to bare `node -e 0`, measured in one run with the commands interleaved so that machine noise
// hits them all alike. Run by hand (`npm run bench`); never part of `npm test`.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';

const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const MEMORY_RUNS = Number(process.env.BENCH_MEMORY_RUNS ?? 10);
const bin = 'dist/service-audit.cjs';
const answers = 'tests/fixtures/v2-complete.yaml';

const COMMANDS = [
  { name: 'node -e 0', args: ['-e', '0'], target: null },
  { name: 'service-audit --version', args: [bin, '--version'], target: { time: 1.2, mib: 45 } },
  { name: 'service-audit check', args: [bin, 'check', '--answers', answers], target: { time: 1.5, mib: 60 } },
  {
    name: 'service-audit report --format markdown',
    args: [bin, 'report', '--format', 'markdown', '--answers', answers],
    target: { time: 1.5, mib: 60 },
  },
];

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function once(c, extraEnv = {}) {
  const t = performance.now();
  const r = spawnSync(process.execPath, c.args, {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, NO_COLOR: '1', ...extraEnv },
  });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`${c.name} exited ${r.status}: ${r.stderr}`);
  return ms;
}

// GNU time reports the peak resident set size of the child (in KiB).
const GNU_TIME = '/usr/bin/time';
function peakMiB(c) {
  if (!existsSync(GNU_TIME)) return NaN;
  const r = spawnSync(GNU_TIME, ['-f', '%M', process.execPath, ...c.args], {
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  });
  return Number(r.stderr.trim().split('\n').pop()) / 1024;
}

for (const c of COMMANDS) for (let i = 0; i < 3; i++) once(c); // warm the file cache
const times = COMMANDS.map(() => []);
const mems = COMMANDS.map(() => []);
for (let r = 0; r < RUNS; r++) {
  // Rotate the order each round so no command always runs first.
  for (let k = 0; k < COMMANDS.length; k++) {
    const i = (k + r) % COMMANDS.length;
    times[i].push(once(COMMANDS[i]));
  }
}
for (let r = 0; r < MEMORY_RUNS; r++)
  COMMANDS.forEach((c, i) => {
    mems[i].push(peakMiB(c));
  });
// What a first run costs, before the code cache exists (or with it turned off).
const cold = COMMANDS.map(() => []);
for (let r = 0; r < MEMORY_RUNS; r++)
  COMMANDS.forEach((c, i) => {
    cold[i].push(once(c, { NODE_DISABLE_COMPILE_CACHE: '1' }));
  });

const base = median(times[0]);
const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
console.log(
  `Node ${process.version} on ${os.platform()} ${os.arch()}, ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB`,
);
if (process.env.NODE_EXTRA_CA_CERTS)
  console.log(
    `NODE_EXTRA_CA_CERTS is set (${process.env.NODE_EXTRA_CA_CERTS}): Node 20 reads that bundle at every start (Node 22+ when first needed), which slows bare \`node -e 0\` on Node 20.`,
  );
console.log(`${RUNS} interleaved runs per command (medians); peak memory: median of ${MEMORY_RUNS} runs (GNU time);`);
console.log(
  `without code cache: median of ${MEMORY_RUNS} runs with NODE_DISABLE_COMPILE_CACHE=1 (what a first run costs).`,
);
console.log('');
console.log('| command | median wall time | vs `node -e 0` | target | peak memory | target | without code cache |');
console.log('|---|---:|---:|---:|---:|---:|---:|');
COMMANDS.forEach((c, i) => {
  const ms = median(times[i]);
  const ratio = ms / base;
  const mib = median(mems[i]);
  const t = c.target;
  const mark = (ok) => (ok ? 'met' : '**missed**');
  const timeTarget = t ? `≤ ${t.time}× (${mark(ratio <= t.time)})` : '';
  const memTarget = t ? `≤ ${t.mib} MiB (${mark(mib <= t.mib)})` : '';
  const coldMs = median(cold[i]);
  console.log(
    `| \`${c.name}\` | ${ms.toFixed(1)} ms | ${ratio.toFixed(2)}× | ${timeTarget} | ${Number.isNaN(mib) ? 'n/a' : `${mib.toFixed(1)} MiB`} | ${memTarget} | ${coldMs.toFixed(1)} ms (${(coldMs / base).toFixed(2)}×) |`,
  );
});

// collect under load (responses per second and latency), after the start-up table.
await import('./bench-collect.mjs');

// How the work grows with the data: validate at 20,000 answers, the audit's save at 2,000 questions.
if (process.env.BENCH_SCALE !== '0') await import('./bench-scale.mjs');

// Team pooling: its own table (scripts/bench-pool.mjs).
if (process.env.BENCH_POOL !== '0') await import('./bench-pool.mjs');
