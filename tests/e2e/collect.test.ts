import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseBank } from '../../src/bank/parse.js';
import { startCollect, type Collector } from '../../src/collect/server.js';
import { formItems } from '../../src/collect/submission.js';
import { tempDir, MINI_BANK } from '../helpers.js';
import { cli, NO_STACK } from './cli-helpers.js';
import { nonceOf, post, startCollector, type Running } from './collect-helpers.js';

const yamlFiles = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.yaml'));
/** Every response kept: written out, or in the spool waiting for its batch. */
const kept = (dir: string) => [
  ...yamlFiles(dir),
  ...(existsSync(join(dir, '.pending')) ? yamlFiles(join(dir, '.pending')).map((f) => join('.pending', f)) : []),
];

describe('collect through the built binary, on loopback', () => {
  const t = tempDir();
  const out = join(t.dir, 'responses');
  let c: Running;
  beforeAll(async () => {
    c = await startCollector(['--out', 'responses', '--group', 'Night shift', '--no-qr'], t.dir);
  });
  afterAll(() => {
    c.child.kill('SIGKILL');
    t.cleanup();
  });

  test('prints the link with a token of at least 128 random bits, and says only this machine can open it', () => {
    const token = new URL(c.url).pathname.slice(1);
    expect(Buffer.from(token, 'base64url').length).toBeGreaterThanOrEqual(16);
    expect(new URL(c.url).hostname).toBe('127.0.0.1');
    expect(c.stderr()).toContain('Only this machine can open the form');
  });

  test('the form: the team statements in the bank’s words, strict headers, no cookie, nothing from elsewhere', async () => {
    const res = await fetch(c.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toMatch(
      /^default-src 'none'; style-src 'sha256-[^']+'; img-src data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'$/,
    );
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('set-cookie')).toBeNull();
    const page = await res.text();
    expect(page).toContain('I clearly understand what our organization is trying to achieve, and why.');
    expect(page.match(/<fieldset /g)?.length).toBe(page.match(/<legend>/g)?.length);
    expect(page).not.toMatch(/<script|\b(?:src|href)="(?!#|data:)/);
  });

  test('a valid response is written as its own valid answers file: bank, day, group, answers; nothing else', async () => {
    const page = await (await fetch(c.url)).text();
    const res = await post(c.url, {
      nonce: nonceOf(page),
      'q:understanding.self': 'agree',
      'q:trust.self': 'n/a',
      'na:trust.self': 'I started this week',
      'note:understanding.self': 'More <b>why</b>, please',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${new URL(c.url).pathname}/thanks`);
    const thanks = await fetch(new URL(res.headers.get('location')!, c.url));
    expect(await thanks.text()).toContain('Your answers were saved');
    const files = kept(out);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^\.pending\/response-[0-9a-f]{16}\.yaml$/);
    const text = readFileSync(join(out, files[0]!), 'utf8');
    expect(
      text
        .split('\n')
        .filter((l) => /^[a-z]+:/.test(l))
        .map((l) => l.split(':')[0]),
    ).toEqual(['bank', 'date', 'group', 'answers']);
    expect(text).not.toMatch(/127\.0\.0\.1|Mozilla|node|\d{2}:\d{2}:\d{2}/);
    expect(text).toContain('group: "Night shift"');
    // No time finer than the day, not even in the file's own timestamp.
    const m = statSync(join(out, files[0]!)).mtime;
    expect([m.getHours(), m.getMinutes(), m.getSeconds()]).toEqual([0, 0, 0]);
    const v = cli(['validate', '--type', 'answers', join(out, files[0]!)]);
    expect(v.stderr).toBe('');
    expect(v.code).toBe(0);
  });

  test('a double tap, a refresh of the post, or the back button and send again record it once', async () => {
    const before = kept(out).length;
    const nonce = nonceOf(await (await fetch(c.url)).text());
    const fields = { nonce, 'q:enthusiasm.self': 'disagree' };
    const [a, b] = await Promise.all([post(c.url, fields), post(c.url, fields)]);
    const again = await post(c.url, fields);
    expect([a.status, b.status, again.status]).toEqual([303, 303, 303]);
    expect(kept(out).length).toBe(before + 1);
    // The same form sent again with other answers: said plainly that the change is not kept.
    const changed = await post(c.url, { nonce, 'q:enthusiasm.self': 'agree' });
    expect(changed.status).toBe(200);
    expect(await changed.text()).toContain('A form is saved once, so the changes made since were not kept.');
    expect(kept(out).length).toBe(before + 1);
  });

  test('an invalid response comes back with the problems beside the questions and every value kept; nothing is written', async () => {
    const before = kept(out).length;
    const nonce = nonceOf(await (await fetch(c.url)).text());
    const res = await post(c.url, {
      nonce,
      'q:understanding.self': 'n/a',
      'q:trust.self': 'agree',
      'note:trust.self': '"quoted" <script>x</script> 🎉',
    });
    expect(res.status).toBe(422);
    const page = await res.text();
    expect(page).toContain('Say briefly why it does not apply to you, or choose an answer.');
    expect(page).toMatch(/name="q:trust.self" value="agree" id="q\d+-\d" checked>/);
    expect(page).toContain('&quot;quoted&quot; &lt;script&gt;x&lt;/script&gt; 🎉</textarea>');
    expect(nonceOf(page)).toBe(nonce);
    expect(kept(out).length).toBe(before);
  });

  test('a form the server never handed out is not saved, and comes back to be sent again', async () => {
    const real = nonceOf(await (await fetch(c.url)).text());
    const forged = `${real.slice(0, -1)}${real.endsWith('A') ? 'B' : 'A'}`;
    for (const nonce of ['made-up', 'abc.AAAAAAAAAAAAAAAAAAAAAA', forged]) {
      const res = await post(c.url, { nonce, 'q:understanding.self': 'agree' });
      expect(res.status).toBe(409);
      expect(await res.text()).toContain('was not saved. Check your answers and send them again.');
    }
  });

  test('a reason cut at its limit where a space falls is saved, not refused again and again', async () => {
    const nonce = nonceOf(await (await fetch(c.url)).text());
    const res = await post(c.url, {
      nonce,
      'q:trust.self': 'n/a',
      'na:trust.self': `${'a'.repeat(499)} b`,
      'note:trust.self': `${'x'.repeat(999)}🎉`,
    });
    expect(res.status).toBe(303);
  });

  test('only GET and POST; only the form and its thank-you page; a body over 64 KiB is refused', async () => {
    const u = new URL(c.url);
    expect((await fetch(c.url, { method: 'PUT', body: 'x' })).status).toBe(405);
    expect((await fetch(c.url, { method: 'DELETE' })).headers.get('allow')).toBe('GET, POST');
    expect((await fetch(`${c.url}/../../../etc/passwd`)).status).toBe(404);
    expect((await fetch(`${u.origin}/%2e%2e/responses/${kept(out)[0]}`)).status).toBe(404);
    expect((await fetch(`${c.url}/thanks/x`)).status).toBe(404);
    expect((await post(c.url, { nonce: 'x' }, { headers: { 'content-type': 'application/json' } })).status).toBe(415);
    const nonce = nonceOf(await (await fetch(c.url)).text());
    const big = await post(c.url, {
      nonce,
      'q:understanding.self': 'agree',
      'note:understanding.self': 'x'.repeat(1024 * 1024),
    });
    expect(big.status).toBe(413);
  });

  test('wrong links get 404, then 429 from that address; the right link still works for the whole team', async () => {
    const u = new URL(c.url);
    const wrong = `${u.origin}/${'A'.repeat(22)}`;
    const codes: number[] = [];
    for (let i = 0; i < 12; i++) codes.push((await fetch(wrong)).status);
    // The earlier wrong paths of this file count too: at most ten 404s, then only 429s.
    const first = codes.indexOf(429);
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThanOrEqual(10);
    expect(codes.slice(0, first).every((x) => x === 404) && codes.slice(first).every((x) => x === 429)).toBe(true);
    expect((await fetch(c.url)).status).toBe(200);
    const nonce = nonceOf(await (await fetch(c.url)).text());
    expect((await post(c.url, { nonce, 'q:trust.self': 'agree' })).status).toBe(303);
  });

  test('a second collect on the same folder is refused while the first runs', () => {
    const r = cli(['collect', '--out', 'responses'], { cwd: t.dir });
    expect(r.stderr.trim()).toMatch(
      /^error: responses\/ is in use by another collect \(process \d+\); stop that one first, or pass another --out$/,
    );
    expect(r.code).toBe(2);
  });

  test('Ctrl+C stops taking responses, writes out the last ones, and exits 0 saying how many and how to see the report', async () => {
    const n = kept(out).length;
    c.child.kill('SIGINT');
    expect(await c.exited).toBe(0);
    expect(c.stderr()).toContain(`Stopped. ${n} responses saved in responses/.`);
    // The team report of the folder follows; fewer respondents than the floor show only the count.
    expect(c.stdout()).toMatch(
      new RegExp(`${n} team respondents?; ${n} of ${n} answers files? or rows? used`.replace(/ /g, '\\s+')),
    );
    expect(c.stdout()).toContain('The team report again, or as a file: service-audit report responses/');
    expect(c.stderr()).not.toMatch(NO_STACK);
    expect(yamlFiles(out)).toHaveLength(n);
    expect(existsSync(join(out, '.pending'))).toBe(false);
    expect(existsSync(join(out, '.collect.lock'))).toBe(false);
  });
});

describe('collect refuses bad settings with one clear line and exit 2', () => {
  const t = tempDir();
  afterAll(() => t.cleanup());
  test.each([
    [
      ['--out', 'file.txt'],
      'file.txt:1:1  is a file, not a folder — name a folder for the responses (it is created if missing), e.g. --out responses/',
    ],
    [
      ['--port', '70000'],
      "error: option '--port <n>' argument '70000' is invalid. write a port number from 0 to 65535 (0 takes a free one).",
    ],
    [
      ['--group', 'a\nb'],
      'error: --group must be a short name (1 to 100 characters, no control characters), e.g. --group "Night shift"',
    ],
    [
      ['--audience', 'lead', '--area', 'engagment'],
      'error: --area engagment: no such area (did you mean "engagement"?); the areas are dna, sales, engagement',
    ],
    [
      ['--host', '203.0.113.9'],
      'error: --host 203.0.113.9 is not an address of this machine; use 127.0.0.1 (this machine only) or 0.0.0.0 (the whole network)',
    ],
  ])('%j', (args, message) => {
    writeFileSync(join(t.dir, 'file.txt'), 'x');
    const r = cli(['collect', ...args], { cwd: t.dir });
    expect(r.stderr.trim()).toBe(message);
    expect(r.code).toBe(2);
  });

  test('a bank without team statements says how to ask it anyway', () => {
    const bank = t.write('bank.yaml', MINI_BANK);
    const r = cli(['collect', '--bank', bank], { cwd: t.dir });
    expect(r.stderr.trim()).toBe(
      'error: the bank has no team questions to ask; pass --audience all to ask every question, or use a bank with "audience: team" questions',
    );
    expect(r.code).toBe(2);
  });
});

describe('load and crashes', () => {
  test('1,000 submissions, 50 at a time: 1,000 valid files, none lost, none twice; then --until stops it with exit 0', async () => {
    const t = tempDir();
    const c = await startCollector(['--out', 'r', '--until', '1000', '--no-qr'], t.dir);
    const send = async (i: number) => {
      const nonce = nonceOf(await (await fetch(c.url)).text());
      const res = await post(c.url, { nonce, 'q:understanding.self': 'agree', 'note:understanding.self': `load ${i}` });
      if (res.status !== 303) throw new Error(`submission ${i}: ${res.status}`);
    };
    let next = 0;
    await Promise.all(
      Array.from({ length: 50 }, async () => {
        while (next < 1000) await send(next++);
      }),
    );
    expect(await c.exited).toBe(0);
    const dir = join(t.dir, 'r');
    const files = readdirSync(dir);
    expect(files.filter((f) => !f.endsWith('.yaml'))).toEqual([]);
    const notes = files.map((f) => /note: "load (\d+)"/.exec(readFileSync(join(dir, f), 'utf8'))?.[1]);
    expect(new Set(notes).size).toBe(1000);
    const v = cli(['validate', '--type', 'answers', ...files.map((f) => join(dir, f))]);
    expect(v.code).toBe(0);
    t.cleanup();
  }, 120_000);

  test('SIGKILL in the middle of a load loses no acknowledged response; the next start writes them out', async () => {
    const t = tempDir();
    const c = await startCollector(['--out', 'r', '--no-qr'], t.dir);
    let acknowledged = 0;
    const worker = async () => {
      for (;;) {
        try {
          const nonce = nonceOf(await (await fetch(c.url)).text());
          const res = await post(c.url, { nonce, 'q:trust.self': 'agree', 'note:trust.self': 'x'.repeat(2000) });
          if (res.status === 303) acknowledged++;
          if (acknowledged === 150) c.child.kill('SIGKILL');
        } catch {
          return; // the server is gone
        }
      }
    };
    await Promise.all(Array.from({ length: 20 }, worker));
    await c.exited;
    const dir = join(t.dir, 'r');
    // What the kill left: whole files written out, whole files in the spool, a stale lock.
    for (const f of kept(dir))
      expect(readFileSync(join(dir, f), 'utf8')).toMatch(
        /\n {2}"?trust\.self"?: \{ value: agree, note: "x{1000}" \}\n$/,
      );
    const again = await startCollector(['--out', 'r', '--no-qr'], t.dir);
    again.child.kill('SIGINT');
    expect(await again.exited).toBe(0);
    const whole = yamlFiles(dir);
    expect(whole.length).toBeGreaterThanOrEqual(acknowledged);
    expect(readdirSync(dir).filter((f) => !f.endsWith('.yaml'))).toEqual([]);
    const v = cli(['validate', '--type', 'answers', ...whole.map((f) => join(dir, f))]);
    expect(v.stderr).toBe('');
    expect(v.code).toBe(0);
    t.cleanup();
  }, 120_000);
});

describe('slow clients (the server module, with short timeouts)', () => {
  let s: Collector;
  const t = tempDir();
  beforeAll(async () => {
    const bank = parseBank('b.yaml', MINI_BANK).bank!;
    s = await startCollect({
      bank,
      items: formItems(bank, { audience: 'all' }),
      outDir: t.dir,
      host: '127.0.0.1',
      port: 0,
      today: () => '2026-11-24',
      limits: { headersTimeoutMs: 300, requestTimeoutMs: 600 },
    });
  });
  afterAll(async () => {
    await s.stop();
    t.cleanup();
  });

  test('a client that never finishes its headers is cut off', async () => {
    const sock = connect(s.port, '127.0.0.1');
    sock.write(`GET /${s.token} HTTP/1.1\r\nHost: x\r\nX-Slow: `);
    let reply = '';
    sock.on('data', (d) => (reply += d));
    await new Promise((r) => sock.on('close', r));
    expect(reply).toMatch(/^HTTP\/1\.1 408/);
  });

  test('a body over the limit is refused as soon as it passes the limit, not read to its end', async () => {
    const sock = connect(s.port, '127.0.0.1');
    sock.write(
      `POST /${s.token} HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n`,
    );
    const chunk = 'x'.repeat(64 * 1024);
    for (let i = 0; i < 3; i++) sock.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
    let reply = '';
    sock.on('data', (d) => (reply += d));
    // The body never ends (no last chunk), yet the answer comes, and the connection closes.
    await new Promise((r) => sock.on('close', r));
    expect(reply).toMatch(/^HTTP\/1\.1 413/);
    expect(reply).toMatch(/connection: close/i);
  });

  test('a client that never finishes its body is cut off', async () => {
    const sock = connect(s.port, '127.0.0.1');
    sock.write(
      `POST /${s.token} HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nnonce=`,
    );
    let reply = '';
    sock.on('data', (d) => (reply += d));
    await new Promise((r) => sock.on('close', r));
    expect(reply).toMatch(/^HTTP\/1\.1 408/);
    expect(yamlFiles(t.dir)).toEqual([]);
  });
});

describe('a response that cannot be saved', () => {
  test('is reported on the lead’s terminal, and the person is asked to send it again (never told it was saved)', async () => {
    const t = tempDir();
    const c = await startCollector(['--out', 'r', '--no-qr'], t.dir);
    rmSync(join(t.dir, 'r'), { recursive: true, force: true });
    const nonce = nonceOf(await (await fetch(c.url)).text());
    const [a, b] = await Promise.all([
      post(c.url, { nonce, 'q:trust.self': 'agree' }),
      post(c.url, { nonce, 'q:trust.self': 'agree' }),
    ]);
    expect([a.status, b.status]).toEqual([503, 503]);
    expect(await a.text()).toContain('Your answers could not be saved just now. Please send them again.');
    await expect
      .poll(() => c.stderr())
      .toMatch(/warning: a response could not be saved \(ENOENT\); the person was asked to send it again/);
    c.child.kill('SIGKILL');
    t.cleanup();
  });
});

describe('--until', () => {
  test('stops at exactly n responses even when more arrive at once', async () => {
    const t = tempDir();
    const c = await startCollector(['--out', 'r', '--until', '3', '--no-qr'], t.dir);
    const pages = await Promise.all(Array.from({ length: 8 }, async () => nonceOf(await (await fetch(c.url)).text())));
    const codes = await Promise.all(
      pages.map((nonce) =>
        post(c.url, { nonce, 'q:trust.self': 'agree' }).then(
          (r) => r.status,
          () => 0,
        ),
      ),
    );
    expect(await c.exited).toBe(0);
    expect(yamlFiles(join(t.dir, 'r'))).toHaveLength(3);
    expect(codes.filter((x) => x === 303)).toHaveLength(3);
    t.cleanup();
  });
});
