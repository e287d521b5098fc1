// The collect server: a small web server on a laptop in a meeting room. Node's own http module,
// because two routes need no framework and every limit stays explicit here: the body limit,
// header and request timeouts, the bad-token slow-down, and a graceful stop that finishes the
// writes in flight. The only path from a request to the file system is the fixed responses folder
// with a random file name.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { readdirSync, unlinkSync } from 'node:fs';
import { link, open, unlink } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Bank } from '../bank/schema.js';
import { CSP, renderForm, renderMessage, renderThanks } from './form.js';
import { readSubmission, responseFile, type FormItem } from './submission.js';

export interface CollectLimits {
  /** Largest request body accepted (413 beyond). */
  bodyBytes: number;
  /** A client must send its headers within this time. */
  headersTimeoutMs: number;
  /** … and its whole request within this time. */
  requestTimeoutMs: number;
  /** Wrong tokens one address may try per window before it gets 429. */
  badTokens: number;
  badTokenWindowMs: number;
  /** Forms handed out and not yet sent that are remembered (the oldest are forgotten first). */
  openForms: number;
}

export const DEFAULT_LIMITS: CollectLimits = {
  bodyBytes: 64 * 1024,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  badTokens: 10,
  badTokenWindowMs: 60_000,
  openForms: 10_000,
};

export interface CollectOptions {
  bank: Bank;
  items: readonly FormItem[];
  /** Absolute path of the responses folder (it exists). */
  outDir: string;
  group?: string;
  host: string;
  port: number;
  /** Stop taking responses after this many. */
  until?: number;
  /** Today as YYYY-MM-DD: the only time a response keeps. */
  today(): string;
  /** Random by default; tests may fix it. At least 128 bits. */
  token?: string;
  limits?: Partial<CollectLimits>;
  /** Called after each response is safely on disk. */
  onResponse?(count: number): void;
}

export interface Collector {
  /** The form's address as the server sees it (host as bound). */
  port: number;
  token: string;
  /** How many responses were written. */
  count(): number;
  /** Resolves when `until` responses were written. */
  reachedUntil: Promise<void>;
  /** Stops taking responses, waits for the writes in flight, closes every connection. */
  stop(): Promise<void>;
}

const sha = (s: string) => createHash('sha256').update(s).digest();

/** Writes one response: a temporary file, fsync, then linked under a free random name (never over another). */
async function writeResponse(dir: string, text: string, day: string): Promise<string> {
  for (;;) {
    const name = `response-${randomBytes(8).toString('hex')}.yaml`;
    const tmp = join(dir, `.${name}.tmp`);
    const fh = await open(tmp, 'wx', 0o644);
    try {
      await fh.writeFile(text);
      // The file keeps no time finer than the day, not even in its own timestamps.
      const midnight = new Date(`${day}T00:00:00`);
      await fh.utimes(midnight, midnight);
      await fh.sync();
    } finally {
      await fh.close();
    }
    try {
      await link(tmp, join(dir, name));
      return name;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    } finally {
      await unlink(tmp);
    }
  }
}

/** fsync the folder, so the new name survives a power cut (not possible on every platform). */
async function syncDir(dir: string): Promise<void> {
  try {
    const fh = await open(dir, 'r');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  } catch {
    /* Windows cannot open a folder for fsync; the rename is still atomic there */
  }
}

/** Removes temporary files a killed collector left behind; they were never responses. */
export function removeStaleTemp(dir: string): number {
  let n = 0;
  for (const f of readdirSync(dir)) {
    if (/^\.response-[0-9a-f]{16}\.yaml\.tmp$/.test(f)) {
      unlinkSync(join(dir, f));
      n++;
    }
  }
  return n;
}

/** Starts the collect server; resolves once it listens. */
export function startCollect(o: CollectOptions): Promise<Collector> {
  const limits = { ...DEFAULT_LIMITS, ...o.limits };
  const token = o.token ?? randomBytes(16).toString('base64url');
  const tokenHash = sha(token);
  /** Form nonces: issued (open), writing, or used (its response is on disk). */
  const forms = new Map<string, 'open' | 'writing' | 'used'>();
  /** Wrong tokens by address, in memory only and only for the slow-down; never stored or logged. */
  const strikes = new Map<string, { n: number; until: number }>();
  const inFlight = new Set<Promise<void>>();
  let count = 0;
  let closed = false;
  let reached: () => void = () => {};
  const reachedUntil = new Promise<void>((r) => (reached = r));

  const send = (res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) => {
    res.writeHead(status, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': CSP,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'X-Frame-Options': 'DENY',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cache-Control': 'no-store',
      'Content-Length': String(Buffer.byteLength(body)),
      ...headers,
    });
    res.end(body);
  };
  const notFound = (res: ServerResponse) => send(res, 404, renderMessage('Not found', 'There is no page here. Check the link you were given.'));

  const newNonce = () => {
    const nonce = randomBytes(16).toString('base64url');
    forms.set(nonce, 'open');
    // Forms handed out but never sent are forgotten, oldest first, so GETs cannot fill memory.
    if (forms.size > limits.openForms + count) {
      for (const [k, v] of forms) {
        if (v === 'open') {
          forms.delete(k);
          break;
        }
      }
    }
    return nonce;
  };
  const action = `/${token}`;
  const formPage = (extra: Omit<Parameters<typeof renderForm>[0], 'bank' | 'items' | 'action' | 'nonce' | 'group'> & { nonce?: string } = {}) =>
    renderForm({ bank: o.bank, items: o.items, action, nonce: extra.nonce ?? newNonce(), ...(o.group !== undefined && { group: o.group }), ...extra });

  /** The token part of the path, compared in constant time; undefined when wrong. */
  const route = (url: string): 'form' | 'thanks' | undefined => {
    const path = url.split('?')[0]!;
    const m = /^\/([^/]*)(\/thanks)?$/.exec(path);
    if (!m || !timingSafeEqual(sha(decodeURIComponent(m[1]!)), tokenHash)) return undefined;
    return m[2] ? 'thanks' : 'form';
  };

  const struck = (addr: string): boolean => {
    const now = Date.now();
    const s = strikes.get(addr);
    return s !== undefined && s.until > now && s.n >= limits.badTokens;
  };
  const strike = (addr: string) => {
    const now = Date.now();
    const s = strikes.get(addr);
    if (!s || s.until <= now) strikes.set(addr, { n: 1, until: now + limits.badTokenWindowMs });
    else s.n++;
    if (strikes.size > 10_000) strikes.delete(strikes.keys().next().value!);
  };

  const readBody = (req: IncomingMessage): Promise<string | 'too-large'> =>
    new Promise((resolve, reject) => {
      const declared = Number(req.headers['content-length'] ?? 0);
      if (declared > limits.bodyBytes) return resolve('too-large');
      const chunks: Buffer[] = [];
      let size = 0;
      let over = false;
      req.on('data', (c: Buffer) => {
        size += c.length;
        if (size > limits.bodyBytes) over = true;
        else chunks.push(c);
      });
      req.on('end', () => resolve(over ? 'too-large' : Buffer.concat(chunks).toString('utf8')));
      req.on('error', reject);
    });

  async function submit(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!/^application\/x-www-form-urlencoded\b/i.test(req.headers['content-type'] ?? '')) {
      return send(res, 415, renderMessage('Not a form', 'Send the answers with the form on this page.'));
    }
    const body = await readBody(req);
    if (body === 'too-large') {
      return send(res, 413, renderMessage('Too much text', 'The answers were longer than this form accepts. Shorten your comments and send again.'), { Connection: 'close' });
    }
    const fields = new URLSearchParams(body);
    const nonce = fields.get('nonce') ?? '';
    const state = forms.get(nonce);
    // Sent already (a double tap, a refresh, the back button): the response is on disk once.
    if (state === 'used' || state === 'writing') return send(res, 303, '', { Location: `${action}/thanks` });
    const sub = readSubmission(o.items, fields);
    if (closed) return send(res, 410, renderMessage('The pulse is closed', 'This pulse has stopped taking answers. Thank you all the same.'));
    if (state === undefined) {
      return send(res, 409, formPage({ state: sub.state, errors: sub.errors, notice: 'This form was open for a long time or the collector restarted, so it was not saved. Check your answers and send them again.' }));
    }
    if (!sub.answers) return send(res, 422, formPage({ nonce, state: sub.state, errors: sub.errors, ...(sub.formError && { notice: sub.formError }) }));
    // --until N means N files, even when the last few arrive at the same moment.
    if (o.until !== undefined && count + inFlight.size >= o.until) return send(res, 410, renderMessage('The pulse is closed', 'This pulse has all the answers it asked for. Thank you all the same.'));
    forms.set(nonce, 'writing');
    const day = o.today();
    let written: Promise<void>;
    try {
      const text = responseFile(o.bank, o.items, { date: day, ...(o.group !== undefined && { group: o.group }), answers: sub.answers });
      written = writeResponse(o.outDir, text, day).then(() => syncDir(o.outDir));
      inFlight.add(written);
      await written.finally(() => inFlight.delete(written));
    } catch {
      forms.set(nonce, 'open');
      return send(res, 503, formPage({ nonce, state: sub.state, notice: 'Your answers could not be saved just now. Please send them again.' }));
    }
    forms.set(nonce, 'used');
    count++;
    o.onResponse?.(count);
    if (o.until !== undefined && count >= o.until) {
      closed = true;
      reached();
    }
    send(res, 303, '', { Location: `${action}/thanks` });
  }

  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: 5_000,
      // How often Node checks the two timeouts above (its default, 30 s, would let a slow client sit that long).
      connectionsCheckingInterval: Math.min(1_000, limits.headersTimeoutMs),
      maxHeaderSize: 16 * 1024,
    },
    (req, res) => {
      const addr = req.socket.remoteAddress ?? '';
      if (req.method !== 'GET' && req.method !== 'POST') return send(res, 405, renderMessage('Not allowed', 'Only GET and POST are answered here.'), { Allow: 'GET, POST' });
      let where: 'form' | 'thanks' | undefined;
      try {
        where = route(req.url ?? '/');
      } catch {
        where = undefined; // a malformed %-escape is just a wrong link
      }
      if (!where) {
        // Only wrong links are slowed down: a whole team may share one address, and a right
        // link always gets through, however many wrong ones came from there.
        req.resume();
        if (struck(addr)) return send(res, 429, renderMessage('Too many wrong links', 'Wait a minute, then open the link you were given.'), { 'Retry-After': String(Math.ceil(limits.badTokenWindowMs / 1000)) });
        strike(addr);
        return notFound(res);
      }
      if (where === 'thanks') return req.method === 'GET' ? send(res, 200, renderThanks()) : notFound(res);
      if (req.method === 'GET') {
        if (closed) return send(res, 410, renderMessage('The pulse is closed', 'This pulse has stopped taking answers. Thank you all the same.'));
        return send(res, 200, formPage(), { 'Cache-Control': 'private, no-cache' });
      }
      submit(req, res).catch(() => {
        if (!res.headersSent) send(res, 500, renderMessage('Something went wrong', 'Your answers were not saved. Please go back and send them again.'));
      });
    },
  );

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => {
      server.off('error', reject);
      resolve({
        port: (server.address() as AddressInfo).port,
        token,
        count: () => count,
        reachedUntil,
        stop: async () => {
          closed = true;
          const stopped = new Promise<void>((r) => server.close(() => r()));
          server.closeIdleConnections();
          await Promise.allSettled([...inFlight]);
          // Whatever is still open now is a client that sent nothing we could save.
          setTimeout(() => server.closeAllConnections(), 1_000).unref();
          await stopped;
        },
      });
    });
  });
}
