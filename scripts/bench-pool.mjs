// Pooling benchmark (team reports): `service-audit report FOLDER` over 10,000 generated answers
// files (the bank's team statements each, 5% with a note, half with a group), as the median of
// per-round ratios to a plain Node script that reads and YAML.parses the same files (the least
// any pooling must do), in CPU and wall time, interleaved; and the peak memory of pooling
// 100,000 files (GNU time), which must stay flat because the pool keeps counts, not documents.
// Run by `npm run bench` after the start-up table; BENCH_POOL=0 skips it.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { interleaved, loadAverage, measure, peakMiB, ratioText } from './bench-lib.mjs';

const bin = 'dist/service-audit.cjs';
const RUNS = Number(process.env.BENCH_POOL_RUNS ?? 7);
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
    // Each response carries its own id, as collect writes it, so no two files are one response.
    const lines = [
      `# response id: ${i.toString(16).padStart(16, '0')}`,
      `bank: ${ref}`,
      ...(i % 2 ? [`group: ${['day', 'night', 'weekend', 'office'][(i % 8) >> 1]}`] : []),
      'answers:',
    ];
    // One file in twenty carries a note, on one of its statements.
    const noted = i % 20 === 0 ? i % team.length : -1;
    team.forEach((q, k) => {
      const v = q.options[Math.floor(next() * q.options.length)].value;
      lines.push(k === noted ? `  ${q.id}: { value: ${v}, note: "note ${i}" }` : `  ${q.id}: ${v}`);
    });
    writeFileSync(join(dir, `r${String(i).padStart(6, '0')}.yaml`), `${lines.join('\n')}\n`);
  }
}

const BASELINE = `const fs=require('fs'),p=require('path'),Y=require('yaml');const d=process.argv[1];let n=0;for(const f of fs.readdirSync(d)){const x=Y.parse(fs.readFileSync(p.join(d,f),'utf8'));if(x&&x.answers)n++;}if(!n)process.exit(1);`;

const root = mkdtempSync(join(os.tmpdir(), 'service-audit-bench-pool-'));
try {
  const small = join(root, 'small');
  generate(small, SMALL);
  const ours = [bin, 'report', small, '--format', 'json'];
  const plain = ['-e', BASELINE, small];
  const loadBefore = loadAverage();
  const [base, pool] = interleaved(
    [
      { name: 'plain', args: plain },
      { name: 'ours', args: ours },
    ],
    RUNS,
    1,
  );
  const loadAfter = loadAverage();
  const mark = (ok) => (ok ? 'met' : '**missed**');
  console.log('');
  console.log(
    `Pooling: ${team.length} team statements per file, 5% with a note, half with a group; ${RUNS} interleaved rounds, each figure the median of the per-round ratios with the middle half of the rounds in brackets; CPU time is user + system as each process reports it; peak memory by GNU time. Load average (1, 5, 15 min): ${loadBefore ?? 'n/a'} before, ${loadAfter ?? 'n/a'} after.`,
  );
  console.log('');
  console.log(
    '| pooling | wall time | wall vs read + YAML.parse | CPU time | CPU vs read + YAML.parse | target (CPU) | peak memory | target |',
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
  console.log(
    `| read + \`YAML.parse\` ${SMALL.toLocaleString('en')} files (plain Node) | ${base.wall.median.toFixed(0)} ms | 1.00× | ${base.cpu.median.toFixed(0)} ms | 1.00× |  | ${peakMiB(plain).toFixed(1)} MiB |  |`,
  );
  console.log(
    `| \`service-audit report\` ${SMALL.toLocaleString('en')} files | ${pool.wall.median.toFixed(0)} ms | ${ratioText(pool.wallRatio)} | ${pool.cpu.median.toFixed(0)} ms | ${ratioText(pool.cpuRatio)} | ≤ 1.3× (${mark(pool.cpuRatio.median <= 1.3)}) | ${peakMiB(ours).toFixed(1)} MiB |  |`,
  );
  rmSync(small, { recursive: true, force: true });
  if (LARGE > 0) {
    const large = join(root, 'large');
    generate(large, LARGE);
    const args = [bin, 'report', large, '--format', 'json'];
    const { wall, cpu } = measure(args);
    const mib = peakMiB(args);
    console.log(
      `| \`service-audit report\` ${LARGE.toLocaleString('en')} files | ${wall.toFixed(0)} ms (one run) |  | ${cpu.toFixed(0)} ms |  |  | ${mib.toFixed(1)} MiB | ≤ 200 MiB (${mark(mib <= 200)}) |`,
    );
  }
} finally {
  rmSync(root, { recursive: true, force: true });
}
