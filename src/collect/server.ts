// The collect server: a small web server on a laptop in a meeting room. Node's own http module,
// because two routes need no framework and every limit stays explicit here: the body limit,
// header and request timeouts, the bad-token slow-down, and a graceful stop that finishes the
// writes in flight. The only path from a request to the file system is the fixed responses folder
// with a random file name.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Bank } from '../bank/schema.js';
import { CSP, renderForm, renderMessage, renderThanks } from './form.js';
import { openStore } from './store.js';
import { NOTE_MAX, REASON_MAX, readSubmission, responseFile, type FormItem } from './submission.js';

export interface CollectLimits {
  /** Largest request body accepted (413 beyond); raised to what the form can hold when that is more. */
  bodyBytes: number;
  /** A client must send its headers within this time. */
  headersTimeoutMs: number;
  /** … and its whole request within this time. */
  requestTimeoutMs: number;
  /** Wrong tokens one address may try per window before it gets 429. */
  badTokens: number;
  badTokenWindowMs: number;
  /** Connections open at once (beyond it new ones are refused, so a flood cannot take every file handle). */
  connections: number;
}

export const DEFAULT_LIMITS: CollectLimits = {
  bodyBytes: 64 * 1024,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  badTokens: 10,
  badTokenWindowMs: 60_000,
  connections: 256,
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
  /** Responses written out together, in random order (see store.ts); the rest at stop. */
  batch?: number;
  /** Called after each response is safely on disk. */
  onResponse?(count: number): void;
  /** Called when a response could not be saved (the person is told to send it again). */
  onError?(message: string): void;
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

/** Starts the collect server; resolves once it listens. Throws FolderInUse when another collector has the folder. */
export async function startCollect(o: CollectOptions): Promise<Collector> {
  // 64 KiB, or what this form can really hold when every comment and reason is full of
  // characters that take 9 bytes once percent-encoded (a long bank in Japanese, say).
  const formMax = o.items.length * (NOTE_MAX + REASON_MAX) * 9 + 8 * 1024;
  const limits = { ...DEFAULT_LIMITS, bodyBytes: Math.max(DEFAULT_LIMITS.bodyBytes, formMax), ...o.limits };
  const token = o.token ?? randomBytes(16).toString('base64url');
  const tokenHash = sha(token);
  const store = await openStore(o.outDir, {
    batch: o.batch ?? 5,
    today: o.today(),
    ...(o.onError && { onError: o.onError }),
  });
  // Form nonces are signed, not stored: a nonce is random bytes and their HMAC under a key of
  // this run, so any number of open forms costs nothing and none can be pushed out by a flood.
  // Only sent ones are remembered (with a hash of what was sent), and the ones being written.
  const key = randomBytes(32);
  const mac = (r: string) => createHmac('sha256', key).update(r).digest().subarray(0, 16).toString('base64url');
  const newNonce = () => {
    const r = randomBytes(16).toString('base64url');
    return `${r}.${mac(r)}`;
  };
  const signed = (nonce: string) => {
    const [r, m] = nonce.split('.');
    return (
      r !== undefined && m !== undefined && m.length === 22 && timingSafeEqual(Buffer.from(mac(r)), Buffer.from(m))
    );
  };
  const sent = new Map<string, string>();
  const writing = new Map<string, Promise<boolean>>();
  /** Wrong tokens by address, in memory only and only for the slow-down; never stored or logged. */
  const strikes = new Map<string, { n: number; until: number }>();
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
  // A reply that does not read the request's body closes the connection, so no body is drained.
  const close = { Connection: 'close' };
  const notFound = (res: ServerResponse) =>
    send(res, 404, renderMessage('Not found', 'There is no page here. Check the link you were given.'), close);
  const closedPage = () =>
    renderMessage('The pulse is closed', 'This pulse has stopped taking answers. Thank you all the same.');

  const action = `/${token}`;
  const thanks = `${action}/thanks`;
  const formPage = (
    extra: Omit<Parameters<typeof renderForm>[0], 'bank' | 'items' | 'action' | 'nonce' | 'group'> & {
      nonce?: string;
    } = {},
  ) =>
    renderForm({
      bank: o.bank,
      items: o.items,
      action,
      nonce: extra.nonce ?? newNonce(),
      ...(o.group !== undefined && { group: o.group }),
      ...extra,
    });

  /** The token part of the path, compared in constant time; undefined when wrong. */
  const route = (url: string): 'form' | 'thanks' | undefined => {
    const path = url.split('?')[0]!;
    const m = /^\/([^/]*)(\/thanks)?$/.exec(path);
    if (!m || !timingSafeEqual(sha(decodeURIComponent(m[1]!)), tokenHash)) return undefined;
    return m[2] ? 'thanks' : 'form';
  };

  const struck = (addr: string): boolean => {
    const s = strikes.get(addr);
    return s !== undefined && s.until > Date.now() && s.n >= limits.badTokens;
  };
  const strike = (addr: string) => {
    const now = Date.now();
    const s = strikes.get(addr);
    if (!s || s.until <= now) strikes.set(addr, { n: 1, until: now + limits.badTokenWindowMs });
    else s.n++;
    if (strikes.size > 10_000) strikes.delete(strikes.keys().next().value!);
  };

  /** The body as text, or 'too-large' as soon as it passes the limit (the rest is never read). */
  const readBody = (req: IncomingMessage): Promise<string | 'too-large'> =>
    new Promise((resolve, reject) => {
      if (Number(req.headers['content-length'] ?? 0) > limits.bodyBytes) return resolve('too-large');
      const chunks: Buffer[] = [];
      let size = 0;
      const onData = (c: Buffer) => {
        size += c.length;
        if (size <= limits.bodyBytes) return void chunks.push(c);
        req.off('data', onData);
        req.pause();
        resolve('too-large');
      };
      req.on('data', onData);
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      req.on('error', reject);
    });

  async function submit(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!/^application\/x-www-form-urlencoded\b/i.test(req.headers['content-type'] ?? '')) {
      return send(res, 415, renderMessage('Not a form', 'Send the answers with the form on this page.'), close);
    }
    const body = await readBody(req);
    if (body === 'too-large')
      return send(
        res,
        413,
        renderMessage(
          'Too much text',
          'The answers were longer than this form accepts. Go back, shorten your comments and send again.',
        ),
        close,
      );
    const fields = new URLSearchParams(body);
    const nonce = fields.get('nonce') ?? '';
    const sub = readSubmission(o.items, fields);
    if (!signed(nonce)) {
      return send(
        res,
        409,
        formPage({
          state: sub.state,
          errors: sub.errors,
          notice:
            'This form is from an earlier run of the collector, so it was not saved. Check your answers and send them again.',
        }),
      );
    }
    // A double tap while the first is being written: answer as the first one will.
    const inFlight = writing.get(nonce);
    if (inFlight) {
      if (await inFlight) return send(res, 303, '', { Location: thanks });
      return send(
        res,
        503,
        formPage({
          nonce,
          state: sub.state,
          notice: 'Your answers could not be saved just now. Please send them again.',
        }),
      );
    }
    const fingerprint = sha(JSON.stringify(sub.answers ?? sub.state)).toString('base64url');
    const before = sent.get(nonce);
    if (before !== undefined) {
      // Sent already (a double tap, a refresh, the back button): the response is on disk once.
      if (before === fingerprint) return send(res, 303, '', { Location: thanks });
      return send(
        res,
        200,
        renderMessage(
          'Already sent',
          'Your answers were saved when you first sent this form. A form is saved once, so the changes made since were not kept.',
        ),
      );
    }
    if (!sub.answers)
      return send(
        res,
        422,
        formPage({ nonce, state: sub.state, errors: sub.errors, ...(sub.formError && { notice: sub.formError }) }),
      );
    // --until N means N files, even when the last few arrive at the same moment.
    if (closed || (o.until !== undefined && count + writing.size >= o.until)) return send(res, 410, closedPage());

    const day = o.today();
    const saving = (async () => {
      try {
        await store.save(
          responseFile(o.bank, o.items, {
            date: day,
            ...(o.group !== undefined && { group: o.group }),
            answers: sub.answers!,
          }),
          day,
        );
        return true;
      } catch (e) {
        o.onError?.(
          `a response could not be saved (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); the person was asked to send it again`,
        );
        return false;
      }
    })();
    writing.set(nonce, saving);
    const saved = await saving;
    writing.delete(nonce);
    if (!saved)
      return send(
        res,
        503,
        formPage({
          nonce,
          state: sub.state,
          notice: 'Your answers could not be saved just now. Please send them again.',
        }),
      );
    sent.set(nonce, fingerprint);
    count++;
    o.onResponse?.(count);
    if (o.until !== undefined && count >= o.until) {
      closed = true;
      reached();
    }
    send(res, 303, '', { Location: thanks });
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
      if (req.method !== 'GET' && req.method !== 'POST')
        return send(res, 405, renderMessage('Not allowed', 'Only GET and POST are answered here.'), {
          Allow: 'GET, POST',
          ...close,
        });
      let where: 'form' | 'thanks' | undefined;
      try {
        where = route(req.url ?? '/');
      } catch {
        where = undefined; // a malformed %-escape is just a wrong link
      }
      if (!where) {
        // Only wrong links are slowed down: a whole team may share one address, and a right
        // link always gets through, however many wrong ones came from there.
        if (struck(addr))
          return send(
            res,
            429,
            renderMessage('Too many wrong links', 'Wait a minute, then open the link you were given.'),
            { 'Retry-After': String(Math.ceil(limits.badTokenWindowMs / 1000)), ...close },
          );
        strike(addr);
        return notFound(res);
      }
      if (where === 'thanks') return req.method === 'GET' ? send(res, 200, renderThanks()) : notFound(res);
      if (req.method === 'GET') {
        if (closed) return send(res, 410, closedPage());
        return send(res, 200, formPage(), { 'Cache-Control': 'private, no-cache' });
      }
      submit(req, res).catch(() => {
        if (!res.headersSent)
          send(
            res,
            500,
            renderMessage('Something went wrong', 'Your answers were not saved. Please go back and send them again.'),
            close,
          );
      });
    },
  );
  server.maxConnections = limits.connections;

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(o.port, o.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (e) {
    await store.close(o.today());
    throw e;
  }
  return {
    port: (server.address() as AddressInfo).port,
    token,
    count: () => count,
    reachedUntil,
    stop: async () => {
      closed = true;
      const stopped = new Promise<void>((r) => server.close(() => r()));
      server.closeIdleConnections();
      await Promise.allSettled([...writing.values()]);
      // Whatever is still open now is a client that sent nothing we could save.
      setTimeout(() => server.closeAllConnections(), 1_000).unref();
      await stopped;
      await store.close(o.today());
    },
  };
}
