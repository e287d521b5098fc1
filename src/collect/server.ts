// The collect server: a small web server on a laptop in a meeting room. Node's own http module,
// because two routes need no framework and every limit stays explicit (guards.ts holds each of
// them, tested at its edge): the body limit and the total of bodies in flight, connections per
// address, header and request timeouts, the bad-token slow-down, and a graceful stop that
// finishes the writes in flight. The only path from a request to the file system is the spool of
// the fixed responses folder (store.ts).
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Bank } from '../bank/schema.js';
import { CSP, renderForm, renderMessage, renderThanks, type FormPage } from './form.js';
import {
  bodyLimitFor,
  codeHash,
  createBudget,
  createConnectionCap,
  createSigner,
  createStrikes,
  newCode,
  readBody,
  routeOf,
  sha256,
} from './guards.js';
import type { Seal } from './seal.js';
import { newResponseId, openStore, type ResponseStore } from './store.js';
import { readSubmission, responseFile, type FormItem, type Submission } from './submission.js';

export interface CollectLimits {
  /** Largest request body accepted (413 beyond); raised to what the form can hold when that is more. */
  bodyBytes: number;
  /** The bytes of bodies held in memory at once, across all requests, whatever the bank's size (503 beyond). */
  bodiesInFlight: number;
  /** A client must send its headers within this time. */
  headersTimeoutMs: number;
  /** … and its whole request within this time. */
  requestTimeoutMs: number;
  /** Wrong tokens (or codes) one address may try per window before it gets 429. */
  badTokens: number;
  badTokenWindowMs: number;
  /** Connections open at once (beyond it new ones are refused, so a flood cannot take every file handle). */
  connections: number;
  /** … and from one address (so one address cannot take them all). */
  connectionsPerAddress: number;
}

export const DEFAULT_LIMITS: CollectLimits = {
  bodyBytes: 64 * 1024,
  bodiesInFlight: 32 * 1024 * 1024,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  badTokens: 10,
  badTokenWindowMs: 60_000,
  connections: 512,
  connectionsPerAddress: 128,
};

export interface CollectOptions {
  bank: Bank;
  items: readonly FormItem[];
  /** Absolute path of the responses folder (it exists). Absent with `preview`. */
  outDir?: string;
  /** Serve the form and store nothing. */
  preview?: boolean;
  group?: string;
  host: string;
  port: number;
  /** Stop taking responses after this many (the pulse's responses, a restarted one's included). */
  until?: number;
  /** Make this many one-time codes; a response is then taken only with an unused code. */
  codes?: number;
  /** Today as YYYY-MM-DD: the only time a response keeps. */
  today(): string;
  /** Random by default; tests may fix it. At least 128 bits. */
  token?: string;
  limits?: Partial<CollectLimits>;
  /** Called after each response is safely on disk. */
  onResponse?(count: number): void;
  /** Called when a response could not be saved (the person is told to send it again). */
  onError?(message: string): void;
}

export interface Collector {
  port: number;
  token: string;
  /** How many responses this pulse holds. */
  count(): number;
  /** The one-time codes made at start (shown once, never stored). */
  codes: string[];
  /** Whether a response needs a code (codes were made now, or an interrupted pulse still has some). */
  needsCode: boolean;
  /** Resolves when `until` responses are in. */
  reachedUntil: Promise<void>;
  /** Stops taking responses, waits for the writes in flight, closes every connection, writes the responses out and seals the folder. */
  stop(): Promise<Seal | undefined>;
}

const SENT_COOKIE = 'sa_sent';

const HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};
// A reply that does not read the request's body closes the connection, so no body is drained.
const CLOSE = { Connection: 'close' };

function send(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) {
  res.writeHead(status, { ...HEADERS, 'Content-Length': String(Buffer.byteLength(body)), ...headers });
  res.end(body); // for HEAD, Node sends the headers only
}

const cookieOf = (req: IncomingMessage, name: string) =>
  (req.headers.cookie ?? '')
    .split(/;\s*/)
    .find((c) => c.startsWith(`${name}=`))
    ?.slice(name.length + 1);

const PAGES = {
  notFound: () => renderMessage('Not found', 'There is no page here. Check the link you were given.'),
  closed: () => renderMessage('The pulse is closed', 'This pulse has stopped taking answers. Thank you all the same.'),
  tooLarge: () =>
    renderMessage(
      'Too much text',
      'The answers were longer than this form accepts. Go back, shorten your comments and send again.',
    ),
  busy: () => renderMessage('Busy', 'Many answers are arriving at once. Go back and send yours again in a moment.'),
  alreadySent: () =>
    renderMessage(
      'Already sent',
      'Your answers were saved when you first sent the form from this browser. A person answers once, so nothing more was kept.',
    ),
  formSentOnce: () =>
    renderMessage(
      'Already sent',
      'Your answers were saved when you first sent this form. A form is saved once, so the changes made since were not kept.',
    ),
  codeUsed: () =>
    renderMessage(
      'Code already used',
      'This code has sent its answers already. Each code sends one response; ask for another card if this one was not yours.',
    ),
  wrongLinks: () => renderMessage('Too many wrong links', 'Wait a minute, then open the link you were given.'),
};

/** Starts the collect server; resolves once it listens. Throws FolderInUse / FolderSealed when the folder cannot be used. */
export async function startCollect(o: CollectOptions): Promise<Collector> {
  const base = { ...DEFAULT_LIMITS, ...o.limits };
  const limits = {
    ...base,
    bodyBytes: bodyLimitFor(o.items.length, o.limits?.bodyBytes ?? DEFAULT_LIMITS.bodyBytes, base.bodiesInFlight),
  };
  const token = o.token ?? randomBytes(16).toString('base64url');
  const tokenHash = sha256(token);
  const store: ResponseStore | undefined =
    o.preview || o.outDir === undefined ? undefined : await openStore(o.outDir, { today: o.today() });
  const codes = Array.from({ length: o.preview ? 0 : (o.codes ?? 0) }, newCode);
  try {
    if (codes.length > 0) await store!.addCodes(codes.map(codeHash));
  } catch (e) {
    store?.release();
    throw e;
  }
  const needsCode = codes.length > 0 || (store !== undefined && o.codes === undefined && store.hasAnyCode());
  const signer = createSigner(store?.key ?? randomBytes(32));
  const strikes = createStrikes({ limit: limits.badTokens, windowMs: limits.badTokenWindowMs });
  const cap = createConnectionCap(limits.connectionsPerAddress);
  const budget = createBudget(limits.bodiesInFlight);
  /** Sent forms (nonce → a hash of what was sent), and the ones being written. */
  const sent = new Map<string, string>();
  const writing = new Map<string, Promise<boolean>>();
  /** Codes used in this run (hashes, in memory only), so a second try is told plainly. */
  const usedCodes = new Set<string>();
  let previewCount = 0;
  const count = () => store?.count() ?? previewCount;
  let closed = false;
  let reached: () => void = () => {};
  const reachedUntil = new Promise<void>((r) => (reached = r));
  const action = `/${token}`;
  const thanks = `${action}/thanks`;
  const sentCookie = `${SENT_COOKIE}=${signer.sentMark()}; Path=${action}; Max-Age=604800; HttpOnly; SameSite=Strict`;

  const formPage = ({ code, ...extra }: Partial<FormPage> = {}) =>
    renderForm({
      bank: o.bank,
      items: o.items,
      action,
      nonce: signer.nonce(),
      ...(o.group !== undefined && { group: o.group }),
      ...(o.preview && { preview: true }),
      // The code field only where a code is needed; a code the person typed comes back as typed.
      ...(needsCode && { code: code ?? '' }),
      ...extra,
    });
  const again = (res: ServerResponse, status: number, nonce: string, sub: Submission, code: string, notice: string) =>
    send(res, status, formPage({ nonce, state: sub.state, code, notice }));

  /** Saves one response; true once it is on disk, 'code-used' when its code is gone. */
  async function save(sub: Submission, code: string): Promise<true | false | 'code-used'> {
    const id = newResponseId();
    const day = o.today();
    const text = responseFile(o.bank, o.items, {
      id,
      date: day,
      ...(o.group !== undefined && { group: o.group }),
      answers: sub.answers!,
    });
    try {
      await store!.save(id, text, needsCode ? codeHash(code) : undefined);
      return true;
    } catch (e) {
      if ((e as Error).message === 'code-used') return 'code-used';
      o.onError?.(
        `a response could not be saved (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); the person was asked to send it again`,
      );
      return false;
    }
  }

  async function submit(req: IncomingMessage, res: ServerResponse, addr: string): Promise<void> {
    if (!/^application\/x-www-form-urlencoded\b/i.test(req.headers['content-type'] ?? ''))
      return send(res, 415, renderMessage('Not a form', 'Send the answers with the form on this page.'), CLOSE);
    const body = await readBody(req, limits.bodyBytes, budget);
    if (body === 'too-large') return send(res, 413, PAGES.tooLarge(), CLOSE);
    if (body === 'busy') return send(res, 503, PAGES.busy(), { ...CLOSE, 'Retry-After': '5' });
    const fields = new URLSearchParams(body);
    const nonce = fields.get('nonce') ?? '';
    const code = (fields.get('code') ?? '').slice(0, 40);
    const sub = readSubmission(o.items, fields);
    if (!signer.isNonce(nonce))
      return send(
        res,
        409,
        formPage({
          state: sub.state,
          errors: sub.errors,
          code,
          notice:
            'This form is from an earlier run of the collector, so it was not saved. Check your answers and send them again.',
        }),
      );
    // A double tap while the first is being written: answer as the first one will.
    const inFlight = writing.get(nonce);
    if (inFlight) {
      if (await inFlight) return send(res, 303, '', { Location: thanks });
      return again(res, 503, nonce, sub, code, 'Your answers could not be saved just now. Please send them again.');
    }
    const fingerprint = sha256(JSON.stringify(sub.answers ?? sub.state)).toString('base64url');
    const before = sent.get(nonce);
    if (before !== undefined)
      // Sent already (a double tap, a refresh, the back button): the response is on disk once.
      return before === fingerprint ? send(res, 303, '', { Location: thanks }) : send(res, 200, PAGES.formSentOnce());
    // Without codes, a browser that has sent once sends no more (a fresh form after Back or a reload).
    if (!o.preview && !needsCode && signer.isSentMark(cookieOf(req, SENT_COOKIE) ?? ''))
      return send(res, 200, PAGES.alreadySent());
    if (!sub.answers)
      return send(
        res,
        422,
        formPage({
          nonce,
          state: sub.state,
          errors: sub.errors,
          code,
          ...(sub.formError && { notice: sub.formError }),
        }),
      );
    if (o.preview) {
      previewCount++;
      return send(res, 200, renderThanks({ preview: true }));
    }
    // --until N means N responses, even when the last few arrive at the same moment.
    if (closed || (o.until !== undefined && count() + writing.size >= o.until)) return send(res, 410, PAGES.closed());
    if (needsCode && usedCodes.has(codeHash(code))) return send(res, 403, PAGES.codeUsed());
    if (needsCode && !store!.hasCode(codeHash(code))) {
      if (strikes.struck(addr)) return send(res, 429, PAGES.wrongLinks(), { 'Retry-After': '60' });
      strikes.strike(addr);
      return again(
        res,
        403,
        nonce,
        sub,
        code,
        code
          ? 'This code is not one of this pulse’s unused codes: check it against your card. Nothing was saved.'
          : 'Write the one-time code from your card, then send again.',
      );
    }
    const saving = save(sub, code);
    writing.set(
      nonce,
      saving.then((r) => r === true),
    );
    const saved = await saving;
    writing.delete(nonce);
    if (saved === 'code-used') return send(res, 403, PAGES.codeUsed());
    if (!saved)
      return again(res, 503, nonce, sub, code, 'Your answers could not be saved just now. Please send them again.');
    sent.set(nonce, fingerprint);
    if (needsCode) usedCodes.add(codeHash(code));
    o.onResponse?.(count());
    if (o.until !== undefined && count() >= o.until) {
      closed = true;
      reached();
    }
    send(res, 303, '', { Location: thanks, ...(!needsCode && { 'Set-Cookie': sentCookie }) });
  }

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const addr = req.socket.remoteAddress ?? '';
    const method = req.method ?? '';
    if (method !== 'GET' && method !== 'HEAD' && method !== 'POST')
      return send(res, 405, renderMessage('Not allowed', 'Only GET, HEAD and POST are answered here.'), {
        Allow: 'GET, HEAD, POST',
        ...CLOSE,
      });
    const where = routeOf(req.url ?? '/', tokenHash);
    if (!where) {
      // Only wrong links are slowed down: a whole team may share one address, and a right
      // link always gets through, however many wrong ones came from there.
      if (strikes.struck(addr))
        return send(res, 429, PAGES.wrongLinks(), {
          'Retry-After': String(Math.ceil(limits.badTokenWindowMs / 1000)),
          ...CLOSE,
        });
      strikes.strike(addr);
      return send(res, 404, PAGES.notFound(), CLOSE);
    }
    if (where.page === 'thanks')
      return method === 'POST' ? send(res, 404, PAGES.notFound(), CLOSE) : send(res, 200, renderThanks());
    if (method !== 'POST') {
      if (closed) return send(res, 410, PAGES.closed());
      if (!o.preview && !needsCode && signer.isSentMark(cookieOf(req, SENT_COOKIE) ?? ''))
        return send(res, 200, PAGES.alreadySent());
      return send(res, 200, formPage(where.code !== undefined ? { code: where.code.slice(0, 40) } : {}), {
        'Cache-Control': 'private, no-cache',
      });
    }
    submit(req, res, addr).catch(() => {
      if (!res.headersSent)
        send(
          res,
          500,
          renderMessage('Something went wrong', 'Your answers were not saved. Please go back and send them again.'),
          CLOSE,
        );
    });
  };

  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: 5_000,
      // How often Node checks the two timeouts above (its default, 30 s, would let a slow client sit that long).
      connectionsCheckingInterval: Math.min(1_000, limits.headersTimeoutMs),
      maxHeaderSize: 16 * 1024,
    },
    handle,
  );
  server.maxConnections = limits.connections;
  server.on('connection', (sock) => {
    const addr = sock.remoteAddress ?? '';
    if (!cap.admit(addr)) return void sock.destroy();
    sock.once('close', () => cap.release(addr));
  });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(o.port, o.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (e) {
    store?.release();
    throw e;
  }
  return {
    port: (server.address() as AddressInfo).port,
    token,
    count,
    codes,
    needsCode,
    reachedUntil,
    stop: async () => {
      closed = true;
      const stopped = new Promise<void>((r) => server.close(() => r()));
      server.closeIdleConnections();
      await Promise.allSettled([...writing.values()]);
      // Whatever is still open now is a client that sent nothing we could save.
      setTimeout(() => server.closeAllConnections(), 1_000).unref();
      await stopped;
      return store?.close(o.today());
    },
  };
}
