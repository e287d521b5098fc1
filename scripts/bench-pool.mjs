// Pooling benchmark (team reports): `service-audit report FOLDER` over 10,000 generated answers
// files, as a ratio to a plain Node script that reads and YAML.parses the same files (the least
// any pooling must do), both timed in one run, interleaved; and the peak memory of pooling
// 100,000 files (GNU time), which must stay flat because the pool keeps counts, not documents.
// Run by `npm run bench` after the start-up table; BENCH_POOL=0 skips it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';

const bin = 'dist/service-audit.cjs';
const RUNS = Number(process.env.BENCH_POOL_RUNS ?? 5);
const SMALL = Number(process.env.BENCH_POOL_FILES ?? 10_000);
const LARGE = Number(process.env.BENCH_POOL_LARGE ?? 100_000);

// The built-in bank's team statements, whatever they are today.
const bank = JSON.parse(spawnSync(process.execPath, [bin, 'bank', '--format', 'json'], { encoding: 'utf8' }).stdout);
const ref = `${bank.id}@${bank.version}`;
const team = bank.areas
  .flatMap((a) => a.elements.flatMap((e) => e.questions))
  .filter((q) => q.audience === 'team' && q.options);
if (team.length === 0) throw new Error('the built-in bank has no team questions to generate answers for');

/**
 * Answers spread by a seeded pseudo-random generator (the same files every run), so answer
 * patterns repeat only as often as chance makes them in a real pulse; groups and an occasional note.
 */
function generate(dir, n) {
  mkdirSync(dir, { recursive: true });
  let seed = 20261124;
  const next = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return (seed >>> 8) / 2 ** 24;
  };
  for (let i = 0; i < n; i++) {
    const lines = [`bank: ${ref}`, `group: ${['day', 'night', 'weekend', 'office'][i % 4]}`, 'answers:'];
    team.forEach((q, k) => {
      const v = q.options[Math.floor(next() * q.options.length)].value;
      lines.push(i % 50 === k ? `  ${q.id}: { value: ${v}, note: "note ${i}" }` : `  ${q.id}: ${v}`);
    });
    writeFileSync(join(dir, `r${String(i).padStart(6, '0')}.yaml`), `${lines.join('\n')}\n`);
  }
}

const BASELINE = `const fs=require('fs'),p=require('path'),Y=require('yaml');const d=process.argv[1];let n=0;for(const f of fs.readdirSync(d)){const x=Y.parse(fs.readFileSync(p.join(d,f),'utf8'));if(x&&x.answers)n++;}if(!n)process.exit(1);`;

function time(args) {
  const t = performance.now();
  const r = spawnSync(process.execPath, args, {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
    maxBuffer: 1 << 30,
  });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
function peakMiB(args) {
  if (!existsSync('/usr/bin/time')) return NaN;
  const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  });
  return Number(r.stderr.trim().split('\n').pop()) / 1024;
}

const root = mkdtempSync(join(os.tmpdir(), 'service-audit-bench-pool-'));
try {
  const small = join(root, 'small');
  generate(small, SMALL);
  const ours = [bin, 'report', small, '--format', 'json'];
  const plain = ['-e', BASELINE, small];
  time(ours);
  time(plain); // warm the file cache
  const a = [];
  const b = [];
  for (let r = 0; r < RUNS; r++) {
    if (r % 2) {
      a.push(time(ours));
      b.push(time(plain));
    } else {
      b.push(time(plain));
      a.push(time(ours));
    }
  }
  const ratio = median(a) / median(b);
  const mark = (ok) => (ok ? 'met' : '**missed**');
  console.log('');
  console.log(
    `Pooling: ${team.length} team statements per file; medians of ${RUNS} interleaved runs; peak memory by GNU time.`,
  );
  console.log('');
  console.log('| pooling | median wall time | vs read + YAML.parse | target | peak memory | target |');
  console.log('|---|---:|---:|---:|---:|---:|');
  console.log(
    `| read + \`YAML.parse\` ${SMALL.toLocaleString('en')} files (plain Node) | ${median(b).toFixed(0)} ms | 1.00× |  | ${peakMiB(plain).toFixed(1)} MiB |  |`,
  );
  console.log(
    `| \`service-audit report\` ${SMALL.toLocaleString('en')} files | ${median(a).toFixed(0)} ms | ${ratio.toFixed(2)}× | ≤ 1.5× (${mark(ratio <= 1.5)}) | ${peakMiB(ours).toFixed(1)} MiB |  |`,
  );
  rmSync(small, { recursive: true, force: true });
  if (LARGE > 0) {
    const large = join(root, 'large');
    generate(large, LARGE);
    const args = [bin, 'report', large, '--format', 'json'];
    const ms = time(args);
    const mib = peakMiB(args);
    console.log(
      `| \`service-audit report\` ${LARGE.toLocaleString('en')} files | ${ms.toFixed(0)} ms (one run) |  |  | ${mib.toFixed(1)} MiB | ≤ 200 MiB (${mark(mib <= 200)}) |`,
    );
  }
} finally {
  rmSync(root, { recursive: true, force: true });
}
