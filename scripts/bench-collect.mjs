// collect under load: 1,000 responses sent 50 at a time to the built binary on loopback, each
// a GET of the form and a POST of the answers, as a phone does. Reports responses per second and
// the POST's latency (p50, p99), beside a bare Node http server that only writes each body to its
// own file with the same fsync and rename: the floor any durable collector stands on.
// Run by `npm run bench` (after the start-up table); never part of `npm test`.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const TOTAL = Number(process.env.BENCH_COLLECT_TOTAL ?? 1000);
const CONCURRENCY = 50;

const BARE = `
const http = require('node:http'); const fs = require('node:fs/promises'); const { randomBytes } = require('node:crypto');
const dir = process.argv[1];
const form = '<form method=post><input type=hidden name=nonce value=x></form>';
http.createServer(async (req, res) => {
  if (req.method === 'GET') { res.writeHead(200, { 'content-type': 'text/html' }); return res.end(form); }
  const chunks = []; for await (const c of req) chunks.push(c);
  const name = join(dir, 'r-' + randomBytes(8).toString('hex'));
  const fh = await fs.open(name + '.tmp', 'wx'); await fh.writeFile(Buffer.concat(chunks)); await fh.sync(); await fh.close();
  await fs.rename(name + '.tmp', name + '.yaml');
  const d = await fs.open(dir, 'r'); await d.sync(); await d.close();
  res.writeHead(303, { location: '/thanks' }); res.end();
}).listen(0, '127.0.0.1', function () { console.log('http://127.0.0.1:' + this.address().port + '/bare'); });
function join(a, b) { return a + '/' + b; }
`;

/** Starts a server process and resolves with the URL it prints. */
function start(args) {
  const child = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d) => {
      out += d;
      const m = /http:\/\/\S+/.exec(out);
      if (m) setTimeout(() => resolve({ child, url: m[0] }), 200);
    });
    child.on('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
}

async function load(url) {
  const latencies = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < TOTAL) {
        const i = next++;
        const page = await (await fetch(url)).text();
        const nonce = /name="?nonce"? value="?([^">\s]+)/.exec(page)?.[1] ?? '';
        const t = performance.now();
        const res = await fetch(url, {
          method: 'POST',
          redirect: 'manual',
          body: new URLSearchParams({
            nonce,
            'q:understanding.self': 'agree',
            'q:trust.self': 'disagree',
            'note:trust.self': `bench ${i}`,
          }),
        });
        latencies.push(performance.now() - t);
        if (res.status !== 303) throw new Error(`POST ${i}: ${res.status}`);
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  const q = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))];
  return { perSecond: TOTAL / seconds, p50: q(0.5), p99: q(0.99) };
}

const rows = [];
for (const [name, args] of [
  ['bare Node http + fsync + rename', (dir) => ['-e', BARE, dir]],
  ['service-audit collect', (dir) => ['dist/service-audit.cjs', 'collect', '--out', dir, '--no-qr']],
]) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-collect-'));
  const { child, url } = await start(args(dir));
  try {
    const r = await load(url);
    // Kept: written out, or (collect) still in the spool until its batch is written.
    const files = [dir, join(dir, '.pending')]
      .filter((d) => existsSync(d))
      .flatMap((d) => readdirSync(d))
      .filter((f) => f.endsWith('.yaml')).length;
    if (files !== TOTAL) throw new Error(`${name}: ${files} files for ${TOTAL} responses`);
    rows.push({ name, ...r });
  } finally {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}

console.log('');
console.log(
  `collect: ${TOTAL} responses, ${CONCURRENCY} at a time, on loopback (each a GET of the form and a POST; latency is the POST's)`,
);
console.log('');
console.log('| server | responses per second | vs bare | POST p50 | POST p99 |');
console.log('|---|---:|---:|---:|---:|');
for (const r of rows)
  console.log(
    `| ${r.name} | ${r.perSecond.toFixed(0)} | ${(r.perSecond / rows[0].perSecond).toFixed(2)}× | ${r.p50.toFixed(1)} ms | ${r.p99.toFixed(1)} ms |`,
  );
