// What the benchmarks share: run a command as a child process and take its wall time (from
// here) and its CPU time (user + system, as the child itself reports it when it exits, so to the
// microsecond and without GNU time's 10 ms steps); run several commands interleaved and give
// each as the median of its per-round ratios to a baseline, with the spread of those ratios;
// and say how loaded the machine was. Used by scripts/bench*.mjs; never part of `npm test`.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Preloaded into every measured child: writes its CPU time to fd 3 as it exits. */
const CPU_REPORT = fileURLToPath(new URL('./bench-cpu-report.cjs', import.meta.url));

/**
 * The children's environment: NO_COLOR, and without NODE_EXTRA_CA_CERTS unless
 * BENCH_KEEP_CA=1 (Node 20 reads that bundle at every start, which slows bare Node by
 * 50-70 ms and so flatters every ratio to it).
 */
export function childEnv(extra = {}) {
  const env = { ...process.env, NO_COLOR: '1', ...extra };
  if (process.env.BENCH_KEEP_CA !== '1') delete env.NODE_EXTRA_CA_CERTS;
  return env;
}

/** One run of `node ...args`: wall and CPU milliseconds. Throws when it fails. */
export function measure(args, env = childEnv()) {
  const t = performance.now();
  const r = spawnSync(process.execPath, ['-r', CPU_REPORT, ...args], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    env,
    maxBuffer: 1 << 30,
  });
  const wall = performance.now() - t;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  const cpu = Number(String(r.output[3]).trim());
  return { wall, cpu };
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  const i = (s.length - 1) * q;
  const lo = Math.floor(i);
  return s[lo] + (s[Math.ceil(i)] - s[lo]) * (i - lo);
};

/** A median with its spread: the middle half of the values (25th to 75th percentile). */
export const summary = (xs) => ({ median: median(xs), low: quantile(xs, 0.25), high: quantile(xs, 0.75) });

/** "1.23× (1.18-1.31)": a ratio's median and the middle half of the runs. */
export const ratioText = (s) => `${s.median.toFixed(2)}× (${s.low.toFixed(2)}-${s.high.toFixed(2)})`;

/**
 * Runs every command `runs` times, interleaved (the order rotates each round, so none always
 * runs first or on a warmer machine), after `warm` unmeasured rounds. The first command is the
 * baseline: every other is given as the median of its per-round ratios to it, in wall and in
 * CPU time, with their spreads, beside its own median times.
 */
export function interleaved(commands, runs, warm = 2) {
  for (let r = 0; r < warm; r++) for (const c of commands) measure(c.args, c.env);
  const rounds = [];
  for (let r = 0; r < runs; r++) {
    const round = new Array(commands.length);
    for (let k = 0; k < commands.length; k++) {
      const i = (k + r) % commands.length;
      round[i] = measure(commands[i].args, commands[i].env);
    }
    rounds.push(round);
  }
  return commands.map((c, i) => ({
    name: c.name,
    wall: summary(rounds.map((x) => x[i].wall)),
    cpu: summary(rounds.map((x) => x[i].cpu)),
    wallRatio: summary(rounds.map((x) => x[i].wall / x[0].wall)),
    cpuRatio: summary(rounds.map((x) => x[i].cpu / x[0].cpu)),
  }));
}

/** The load average (1, 5 and 15 minutes) from /proc/loadavg, or undefined off Linux. */
export function loadAverage() {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return undefined;
  }
}

const GNU_TIME = '/usr/bin/time';
/** Peak resident memory of one run in MiB (GNU time), or NaN without it. */
export function peakMiB(args, env = childEnv()) {
  if (!existsSync(GNU_TIME)) return Number.NaN;
  const r = spawnSync(GNU_TIME, ['-f', '%M', process.execPath, ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
    env,
  });
  return Number(r.stderr.trim().split('\n').pop()) / 1024;
}
