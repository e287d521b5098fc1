import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
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
/** The responses in a folder's spool (while collect runs, or after a crash). */
const spooled = (dir: string): string[] =>
  existsSync(join(dir, '.collect-spool'))
    ? (
        JSON.parse(readFileSync(join(dir, '.collect-spool'), 'utf8')) as { responses: { text: string }[] }
      ).responses.map((r) => r.text)
    : [];
/** Every response kept: in the spool, or written out. */
const kept = (dir: string) => [...spooled(dir), ...yamlFiles(dir).map((f) => readFileSync(join(dir, f), 'utf8'))];

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

  test('HEAD on the link answers like GET, with no body (link previews send HEAD)', async () => {
    const res = await fetch(c.url, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await res.text()).toBe('');
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
    // While collecting, the folder holds one spool and the lock: no file of its own per response.
    expect(readdirSync(out).sort()).toEqual(['.collect-spool', '.collect.lock']);
    const files = kept(out);
    expect(files).toHaveLength(1);
    const text = files[0]!;
    expect(text).toMatch(/^# response id: [0-9a-f]{16}$/m);
    expect(
      text
        .split('\n')
        .filter((l) => /^[a-z]+:/.test(l))
        .map((l) => l.split(':')[0]),
    ).toEqual(['bank', 'date', 'group', 'answers']);
    expect(text).not.toMatch(/127\.0\.0\.1|Mozilla|node|\d{2}:\d{2}:\d{2}/);
    expect(text).toContain('group: "Night shift"');
    // No time finer than the day, not even in the spool's own timestamp.
    const m = statSync(join(out, '.collect-spool')).mtime;
    expect([m.getHours(), m.getMinutes(), m.getSeconds()]).toEqual([0, 0, 0]);
    const v = cli(['validate', '--type', 'answers', t.write('check.yaml', text)]);
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
    // The browser keeps a mark that it has sent (the same for everyone: it says nothing of who).
    const mark = a.headers.get('set-cookie') ?? b.headers.get('set-cookie') ?? '';
    expect(mark).toMatch(/^sa_sent=sent\.[\w-]{22}; Path=\/[\w-]+; Max-Age=\d+; HttpOnly; SameSite=Strict$/);
    const cookie = mark.split(';')[0]!;
    // Attack 6: Back or a reload fetches a fresh form; with the mark it is not a form, and a fresh
    // nonce sent from that browser is not counted.
    const reload = await fetch(c.url, { headers: { cookie } });
    expect(await reload.text()).toContain('A person answers once, so nothing more was kept.');
    const fresh = nonceOf(await (await fetch(c.url)).text());
    const second = await post(c.url, { nonce: fresh, 'q:enthusiasm.self': 'agree' }, { headers: { cookie } });
    expect(second.status).toBe(200);
    expect(await second.text()).toContain('A person answers once');
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
    expect((await fetch(c.url, { method: 'DELETE' })).headers.get('allow')).toBe('GET, HEAD, POST');
    expect((await fetch(`${c.url}/../../../etc/passwd`)).status).toBe(404);
    expect((await fetch(`${u.origin}/%2e%2e/responses/.collect-spool`)).status).toBe(404);
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

  test('Ctrl+C stops taking responses, writes them all out, seals the folder, and exits 0 saying how many and how to see the report', async () => {
    const n = kept(out).length;
    c.child.kill('SIGINT');
    expect(await c.exited).toBe(0);
    expect(c.stderr()).toContain(`Stopped. ${n} responses; they are written to responses/, sealed in pulse-seal.json`);
    // The team report of the folder follows; fewer respondents than the floor show only the count.
    expect(c.stdout()).toMatch(
      new RegExp(`${n} team respondents?; ${n} of ${n} answers files? or rows? used`.replace(/ /g, '\\s+')),
    );
    expect(c.stdout()).toContain('The team report again, or as a file: service-audit report responses/');
    expect(c.stderr()).not.toMatch(NO_STACK);
    expect(yamlFiles(out)).toHaveLength(n);
    expect(readdirSync(out).filter((f) => !f.endsWith('.yaml'))).toEqual(['pulse-seal.json']);
    // Written out together: every file has the day's midnight as its time, and the files' own
    // order (inode numbers) is random.
    for (const f of yamlFiles(out)) expect(statSync(join(out, f)).mtime.getHours()).toBe(0);
    const v = cli(['validate', '--type', 'answers', ...yamlFiles(out).map((f) => join(out, f))]);
    expect(v.code).toBe(0);
  });

  test('a closed pulse is sealed: collect into it again is refused; a report of it after a file was added or changed stops with exit 2 naming what changed (attacks 4 and 5)', () => {
    const again = cli(['collect', '--out', 'responses'], { cwd: t.dir });
    expect(again.stderr.trim()).toMatch(
      /^error: responses\/ holds a pulse that closed on \d{4}-\d{2}-\d{2} \(\d+ responses; see its pulse-seal\.json\); collect the next pulse into a folder of its own, e\.g\. --out responses-\d{4}-\d{2}-\d{2}\/$/,
    );
    expect(again.code).toBe(2);
    const [first] = yamlFiles(out);
    writeFileSync(join(out, 'copy.yaml'), readFileSync(join(out, first!)));
    const r = cli(['report', 'responses/'], { cwd: t.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('responses/pulse-seal.json:1:1  the pulse closed on');
    expect(r.stderr).toContain('has changed since: copy.yaml was added — restore the folder');
    const check = cli(['check', 'responses/'], { cwd: t.dir });
    expect(check.code).toBe(2);
    expect(check.stderr).toContain('copy.yaml was added');
    rmSync(join(out, 'copy.yaml'));
    expect(cli(['report', 'responses/'], { cwd: t.dir }).code).toBe(0);
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
    expect(files.filter((f) => !f.endsWith('.yaml'))).toEqual(['pulse-seal.json']);
    const notes = files
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => /note: "load (\d+)"/.exec(readFileSync(join(dir, f), 'utf8'))?.[1]);
    expect(notes).toHaveLength(1000);
    expect(new Set(notes).size).toBe(1000);
    const v = cli(['validate', '--type', 'answers', join(dir, files.find((f) => f.endsWith('.yaml'))!)]);
    expect(v.code).toBe(0);
    t.cleanup();
  }, 180_000);

  test('20 SIGKILLs in the middle of a load: every acknowledged response is stored exactly once, nothing twice', async () => {
    const t = tempDir();
    const dir = join(t.dir, 'r');
    const acknowledged = new Set<string>();
    let sent = 0;
    for (let round = 0; round < 20; round++) {
      const c = await startCollector(['--out', 'r', '--no-qr'], t.dir);
      let acks = 0;
      // Killed after the 8th acknowledgement of this round, whatever else is in flight: a
      // count, not a time, decides when.
      const worker = async () => {
        for (;;) {
          const note = `kill ${sent++}`;
          try {
            const nonce = nonceOf(await (await fetch(c.url)).text());
            const res = await post(c.url, { nonce, 'q:trust.self': 'agree', 'note:trust.self': note });
            if (res.status === 303) {
              acknowledged.add(note);
              if (++acks === 8) c.child.kill('SIGKILL');
            }
          } catch {
            return; // the server is gone
          }
        }
      };
      await Promise.all(Array.from({ length: 6 }, worker));
      await c.exited;
    }
    // What the kills left: a spool (and perhaps files of a write-out cut short), a stale lock.
    const again = await startCollector(['--out', 'r', '--no-qr'], t.dir);
    again.child.kill('SIGINT');
    expect(await again.exited).toBe(0);
    const stored = yamlFiles(dir).map((f) => /note: "(kill \d+)"/.exec(readFileSync(join(dir, f), 'utf8'))?.[1]);
    expect(stored.length).toBe(new Set(stored).size);
    for (const note of acknowledged) expect(stored).toContain(note);
    expect(acknowledged.size).toBeGreaterThanOrEqual(160);
    expect(readdirSync(dir).filter((f) => !f.endsWith('.yaml'))).toEqual(['pulse-seal.json']);
    t.cleanup();
  }, 240_000);
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

describe('a response that cannot be saved, a folder that vanishes, a write-out that fails', () => {
  test('a vanished folder: the person is asked to send again (never told "saved"); what was acknowledged is written out at stop all the same', async () => {
    const t = tempDir();
    const c = await startCollector(['--out', 'r', '--no-qr'], t.dir);
    const first = nonceOf(await (await fetch(c.url)).text());
    expect((await post(c.url, { nonce: first, 'q:trust.self': 'disagree' })).status).toBe(303);
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
    c.child.kill('SIGINT');
    expect(await c.exited).toBe(0);
    const files = yamlFiles(join(t.dir, 'r'));
    expect(files).toHaveLength(1);
    expect(readFileSync(join(t.dir, 'r', files[0]!), 'utf8')).toContain('disagree');
    t.cleanup();
  });

  test('a write-out that fails at stop: one line saying what and where, exit 2, every response still in the spool; report says so', async () => {
    const t = tempDir();
    const c = await startCollector(['--out', 'r', '--no-qr'], t.dir);
    const nonce = nonceOf(await (await fetch(c.url)).text());
    expect((await post(c.url, { nonce, 'q:trust.self': 'agree' })).status).toBe(303);
    // The seal cannot be written (a folder sits where its temporary file goes), as a full disk would stop it.
    mkdirSync(join(t.dir, 'r', '.pulse-seal.json.tmp'));
    c.child.kill('SIGINT');
    expect(await c.exited).toBe(2);
    const lines = c.stderr().trim().split('\n');
    expect(lines.at(-1)).toBe(
      'error: r/: the 1 response could not be written out (EISDIR); every one is kept in r/.collect-spool. Free some space, run the same collect again and stop it to write them out',
    );
    expect(c.stderr()).not.toMatch(NO_STACK);
    expect(spooled(join(t.dir, 'r'))).toHaveLength(1);
    const r = cli(['report', 'r/'], { cwd: t.dir });
    expect(r.stderr).toContain(
      'warning: r/ has 1 response in the spool of a collect that did not stop (left out here): run the same collect on the folder again and stop it to write them out.',
    );
    rmSync(join(t.dir, 'r', '.pulse-seal.json.tmp'), { recursive: true });
    const again = await startCollector(['--out', 'r', '--no-qr'], t.dir);
    again.child.kill('SIGINT');
    expect(await again.exited).toBe(0);
    expect(yamlFiles(join(t.dir, 'r'))).toHaveLength(1);
    t.cleanup();
  });
});

describe('one response per person, a response rate, a preview', () => {
  test('--preview serves the form, checks what is sent, and stores nothing anywhere', async () => {
    const t = tempDir();
    const c = await startCollector(['--preview', '--no-qr'], t.dir);
    const page = await (await fetch(c.url)).text();
    expect(page).toContain('nothing you send here is stored');
    const res = await post(c.url, { nonce: nonceOf(page), 'q:trust.self': 'agree' });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('In this preview nothing is stored.');
    expect(res.headers.get('set-cookie')).toBeNull();
    c.child.kill('SIGINT');
    expect(await c.exited).toBe(0);
    expect(c.stderr()).toContain('Stopped. Preview: 1 form checked, nothing stored.');
    expect(readdirSync(t.dir)).toEqual([]);
    t.cleanup();
  });

  test('--codes: a printable sheet beside the folder; each code sends one response, is never stored with it, and cannot send twice', async () => {
    const t = tempDir();
    const c = await startCollector(['--out', 'r', '--codes', '3', '--team-size', '3', '--no-qr'], t.dir);
    expect(c.stdout()).toContain('3 one-time codes made: print r-codes.html');
    const sheet = readFileSync(join(t.dir, 'r-codes.html'), 'utf8');
    const codes = [...sheet.matchAll(/<strong class="code">([A-Z0-9-]+)<\/strong>/g)].map((m) => m[1]!);
    expect(codes).toHaveLength(3);
    expect(sheet.match(/<svg /g)).toHaveLength(3);
    // Without a code the form asks for one; a wrong one is refused, with the answers kept.
    const bare = await (await fetch(c.url)).text();
    expect(bare).toContain('Your one-time code');
    const wrong = await post(c.url, { nonce: nonceOf(bare), code: 'AAAAA-AAAAA', 'q:trust.self': 'agree' });
    expect(wrong.status).toBe(403);
    expect(await wrong.text()).toMatch(/name="q:trust.self" value="agree" id="q\d+-\d" checked>/);
    // The card's link carries its code; the form sends it along.
    const page = await (await fetch(`${c.url}?code=${codes[0]}`)).text();
    expect(page).toContain(`name="code" value="${codes[0]}"`);
    const ok = await post(c.url, { nonce: nonceOf(page), code: codes[0]!, 'q:trust.self': 'agree' });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('set-cookie')).toBeNull();
    // The same code again, on a fresh form (another phone): refused.
    const reuse = await post(c.url, {
      nonce: nonceOf(await (await fetch(c.url)).text()),
      code: codes[0]!.toLowerCase(),
      'q:trust.self': 'disagree',
    });
    expect(reuse.status).toBe(403);
    const typed = await post(c.url, {
      nonce: nonceOf(bare),
      code: ` ${codes[1]!.replace('-', '').toLowerCase()} `,
      'q:trust.self': 'disagree',
    });
    expect(typed.status).toBe(303);
    const spool = readFileSync(join(t.dir, 'r', '.collect-spool'), 'utf8');
    for (const code of codes) expect(spool).not.toContain(code);
    c.child.kill('SIGINT');
    expect(await c.exited).toBe(0);
    expect(c.stderr()).toContain('Stopped. 2 of 3 answered;');
    for (const f of yamlFiles(join(t.dir, 'r')))
      for (const code of codes) expect(readFileSync(join(t.dir, 'r', f), 'utf8')).not.toContain(code);
    t.cleanup();
  });
});

describe('limits per address and in total (the server module)', () => {
  test('one address cannot take every connection: the cap is per address, and another address still loads the form', async () => {
    const t = tempDir();
    const bank = parseBank('b.yaml', MINI_BANK).bank!;
    const s = await startCollect({
      bank,
      items: formItems(bank, { audience: 'all' }),
      outDir: t.dir,
      host: '127.0.0.1',
      port: 0,
      today: () => '2026-11-24',
      limits: { connectionsPerAddress: 5, headersTimeoutMs: 60_000, requestTimeoutMs: 60_000 },
    });
    // Attack 9: slow-header sockets from one address.
    const slow = Array.from({ length: 8 }, () => {
      const sock = connect(s.port, '127.0.0.1');
      sock.on('error', () => undefined);
      sock.write(`GET /${s.token} HTTP/1.1\r\nHost: x\r\nX-Slow: `);
      return new Promise<boolean>((r) => {
        sock.on('close', () => r(false));
        sock.on('connect', () => setImmediate(() => r(true)));
      }).then(() => sock);
    });
    const socks = await Promise.all(slow);
    // The sockets over the cap are closed by the server at once.
    await expect.poll(() => socks.filter((x) => !x.destroyed && x.readyState === 'open').length).toBe(5);
    const other = await new Promise<number>((resolve, reject) => {
      get({ host: '127.0.0.1', port: s.port, path: `/${s.token}`, localAddress: '127.0.0.2' }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      }).on('error', reject);
    });
    expect(other).toBe(200);
    for (const x of socks) x.destroy();
    await s.stop();
    t.cleanup();
  });
});

describe('--until', () => {
  test('attack 3: the sixth response is never written alone; no response has a file of its own until stop', async () => {
    const t = tempDir();
    const c = await startCollector(['--out', 'r', '--until', '6', '--no-qr'], t.dir);
    const one = async (v: string) => {
      const nonce = nonceOf(await (await fetch(c.url)).text());
      const res = await post(c.url, { nonce, 'q:trust.self': v });
      await res.text();
      return res.status;
    };
    for (let i = 0; i < 5; i++) expect(await one('agree')).toBe(303);
    // The batch of five used to be written out here, and the sixth alone a moment later.
    expect(yamlFiles(join(t.dir, 'r'))).toEqual([]);
    expect(await one('strongly-disagree')).toBe(303);
    expect(await c.exited).toBe(0);
    const files = yamlFiles(join(t.dir, 'r'));
    expect(files).toHaveLength(6);
    for (const f of files) expect(statSync(join(t.dir, 'r', f)).mtime.getHours()).toBe(0);
    t.cleanup();
  });

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
