// Start-up benchmark: wall and CPU time and peak memory of the main commands, each as the median
// of its per-round ratios to bare `node -e 0` with the spread of those ratios, the commands
// interleaved so that machine noise hits them all alike; and the load average before and after,
// so a reader can judge how quiet the machine was. Run by hand (`npm run bench`); never part of
// `npm test`.
import os from 'node:os';
import { childEnv, interleaved, loadAverage, peakMiB, ratioText, summary } from './bench-lib.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const MEMORY_RUNS = Number(process.env.BENCH_MEMORY_RUNS ?? 10);
const bin = 'dist/service-audit.cjs';
const answers = 'tests/fixtures/v2-complete.yaml';

// Targets (issue 17): --version costs nothing; a warm check or report about 30 ms more than Node
// itself (2.2× bare Node without NODE_EXTRA_CA_CERTS), in wall time.
const COMMANDS = [
  { name: 'node -e 0', args: ['-e', '0'], target: null },
  { name: 'service-audit --version', args: [bin, '--version'], target: { time: 1.2, mib: 45 } },
  { name: 'service-audit check', args: [bin, 'check', '--answers', answers], target: { time: 2.2, mib: 60 } },
  {
    name: 'service-audit report --format markdown',
    args: [bin, 'report', '--format', 'markdown', '--answers', answers],
    target: { time: 2.2, mib: 60 },
  },
];

const loadBefore = loadAverage();
const rows = interleaved(COMMANDS, RUNS);
const mems = COMMANDS.map((c) => summary(Array.from({ length: MEMORY_RUNS }, () => peakMiB(c.args))).median);
// What a first run costs, before the code cache exists (or with it turned off), interleaved too.
const cold = interleaved(
  COMMANDS.map((c) => ({ ...c, env: childEnv({ NODE_DISABLE_COMPILE_CACHE: '1' }) })),
  MEMORY_RUNS,
  1,
);
const loadAfter = loadAverage();

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
console.log(
  `Node ${process.version} on ${os.platform()} ${os.arch()}, ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB`,
);
console.log(`Load average (1, 5, 15 min): ${loadBefore ?? 'n/a'} before, ${loadAfter ?? 'n/a'} after.`);
console.log(
  process.env.BENCH_KEEP_CA === '1'
    ? `NODE_EXTRA_CA_CERTS kept (${process.env.NODE_EXTRA_CA_CERTS ?? 'unset'}): Node 20 reads that bundle at every start, which slows bare Node.`
    : 'NODE_EXTRA_CA_CERTS unset for the commands measured (BENCH_KEEP_CA=1 keeps it).',
);
console.log(
  `${RUNS} interleaved rounds: each figure is the median of the per-round ratios to \`node -e 0\` with, in brackets, the middle half of the rounds (25th-75th percentile); CPU time is user + system as each process reports it at exit. Peak memory: median of ${MEMORY_RUNS} runs (GNU time). Without code cache: ${MEMORY_RUNS} interleaved rounds with NODE_DISABLE_COMPILE_CACHE=1.`,
);
console.log('');
console.log(
  '| command | wall time | wall vs `node -e 0` | CPU time | CPU vs `node -e 0` | target (wall) | peak memory | target | without code cache (wall) |',
);
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
COMMANDS.forEach((c, i) => {
  const r = rows[i];
  const t = c.target;
  const mark = (ok) => (ok ? 'met' : '**missed**');
  const timeTarget = t ? `≤ ${t.time}× (${mark(r.wallRatio.median <= t.time)})` : '';
  const memTarget = t ? `≤ ${t.mib} MiB (${mark(mems[i] <= t.mib)})` : '';
  console.log(
    `| \`${c.name}\` | ${r.wall.median.toFixed(1)} ms | ${ratioText(r.wallRatio)} | ${r.cpu.median.toFixed(1)} ms | ${ratioText(r.cpuRatio)} | ${timeTarget} | ${Number.isNaN(mems[i]) ? 'n/a' : `${mems[i].toFixed(1)} MiB`} | ${memTarget} | ${cold[i].wall.median.toFixed(1)} ms (${ratioText(cold[i].wallRatio)}) |`,
  );
});

// collect under load (responses per second and latency), after the start-up table.
if (process.env.BENCH_COLLECT !== '0') await import('./bench-collect.mjs');

// How the work grows with the data: validate at 20,000 answers, the audit's save at 2,000 questions.
if (process.env.BENCH_SCALE !== '0') await import('./bench-scale.mjs');

// Team pooling: its own table (scripts/bench-pool.mjs).
if (process.env.BENCH_POOL !== '0') await import('./bench-pool.mjs');
