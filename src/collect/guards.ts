// The collect server's guards, each a small function or object of its own so that each limit can
// be tested exactly at its edge: signed form nonces, the slow-down for wrong links, the cap on
// connections per address, the body reader with its per-request and total limits, and the
// body limit a form needs.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { NOTE_MAX, REASON_MAX } from './submission.js';

export const sha256 = (s: string) => createHash('sha256').update(s).digest();

/**
 * Form nonces are signed, not stored: random bytes and their HMAC under the run's key, so any
 * number of open forms costs nothing and none can be pushed out by a flood. The same key signs
 * the "already sent" mark a browser keeps after sending.
 */
export function createSigner(key: Buffer) {
  const mac = (kind: string, r: string) =>
    createHmac('sha256', key).update(`${kind}:${r}`).digest().subarray(0, 16).toString('base64url');
  const valid = (kind: string, signed: string) => {
    const [r, m, extra] = signed.split('.');
    return (
      r !== undefined &&
      m !== undefined &&
      extra === undefined &&
      m.length === 22 &&
      timingSafeEqual(Buffer.from(mac(kind, r)), Buffer.from(m))
    );
  };
  return {
    /** A new form nonce. */
    nonce(): string {
      const r = randomBytes(16).toString('base64url');
      return `${r}.${mac('nonce', r)}`;
    },
    isNonce: (s: string) => valid('nonce', s),
    /** The mark a browser keeps once it has sent a response: the same for every browser, so it tells nothing about who. */
    sentMark: () => `sent.${mac('sent', 'sent')}`,
    isSentMark: (s: string) => s.startsWith('sent.') && valid('sent', s),
  };
}

/** Wrong links by address, in memory only and only for the slow-down; never stored or logged. */
export function createStrikes(o: { limit: number; windowMs: number; now?: () => number; maxAddresses?: number }) {
  const now = o.now ?? Date.now;
  const max = o.maxAddresses ?? 10_000;
  const strikes = new Map<string, { n: number; until: number }>();
  return {
    /** Whether this address has used up its wrong tries for now. */
    struck(addr: string): boolean {
      const s = strikes.get(addr);
      return s !== undefined && s.until > now() && s.n >= o.limit;
    },
    strike(addr: string): void {
      const t = now();
      const s = strikes.get(addr);
      if (!s || s.until <= t) strikes.set(addr, { n: 1, until: t + o.windowMs });
      else s.n++;
      if (strikes.size > max) strikes.delete(strikes.keys().next().value!);
    },
  };
}

/** Open connections by address: one address cannot take every connection the server allows. */
export function createConnectionCap(perAddress: number) {
  const open = new Map<string, number>();
  return {
    /** Counts a new connection in, or says false (and counts nothing) when its address is at the cap. */
    admit(addr: string): boolean {
      const n = open.get(addr) ?? 0;
      if (n >= perAddress) return false;
      open.set(addr, n + 1);
      return true;
    },
    release(addr: string): void {
      const n = (open.get(addr) ?? 1) - 1;
      if (n <= 0) open.delete(addr);
      else open.set(addr, n);
    },
    openFrom: (addr: string) => open.get(addr) ?? 0,
  };
}

/** The bytes of request bodies held in memory at once, across all requests. */
export function createBudget(total: number) {
  let used = 0;
  return {
    take(n: number): boolean {
      if (used + n > total) return false;
      used += n;
      return true;
    },
    give(n: number): void {
      used -= n;
    },
    used: () => used,
  };
}
export type Budget = ReturnType<typeof createBudget>;

/**
 * The largest body a form of these items can need: every comment and reason full of characters
 * that take 9 bytes once percent-encoded (a long bank in Japanese, say), plus room for the
 * values; never less than `floor`, never more than `ceiling` (the total budget of bodies in flight).
 */
export function bodyLimitFor(itemCount: number, floor: number, ceiling: number): number {
  const formMax = itemCount * (NOTE_MAX + REASON_MAX) * 9 + 8 * 1024;
  return Math.min(ceiling, Math.max(floor, formMax));
}

/**
 * The body as text; 'too-large' as soon as it passes `limit` (the rest is never read); 'busy' when
 * holding it would pass the total budget of bodies in flight. Whatever it took from the budget
 * is given back before it resolves.
 */
export function readBody(req: IncomingMessage, limit: number, budget: Budget): Promise<string | 'too-large' | 'busy'> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length'] ?? 0) > limit) return resolve('too-large');
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (v: string | 'too-large' | 'busy' | Error) => {
      if (settled) return;
      settled = true;
      budget.give(size);
      req.off('data', onData);
      if (v instanceof Error) reject(v);
      else resolve(v);
    };
    const onData = (c: Buffer) => {
      if (size + c.length > limit) {
        req.pause();
        return finish('too-large');
      }
      if (!budget.take(c.length)) {
        req.pause();
        return finish('busy');
      }
      size += c.length;
      chunks.push(c);
    };
    req.on('data', onData);
    req.on('end', () => finish(Buffer.concat(chunks).toString('utf8')));
    req.on('error', (e) => finish(e));
    req.on('close', () => finish(new Error('closed')));
  });
}

/** Which page a path asks for, the token compared in constant time; undefined for a wrong link. */
export function routeOf(url: string, tokenHash: Buffer): { page: 'form' | 'thanks'; code?: string } | undefined {
  const [path, query] = url.split('?') as [string, string | undefined];
  const m = /^\/([^/]*)(\/thanks)?$/.exec(path);
  if (!m) return undefined;
  let token: string;
  try {
    token = decodeURIComponent(m[1]!);
  } catch {
    return undefined; // a malformed %-escape is just a wrong link
  }
  if (!timingSafeEqual(sha256(token), tokenHash)) return undefined;
  const code = new URLSearchParams(query ?? '').get('code') ?? undefined;
  return { page: m[2] ? 'thanks' : 'form', ...(code !== undefined && { code }) };
}

/** One-time codes: 10 characters of an alphabet without look-alikes (about 50 bits), shown as XXXXX-XXXXX. */
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export function newCode(): string {
  const bytes = randomBytes(10);
  let s = '';
  for (let i = 0; i < 10; i++) s += CODE_ALPHABET[bytes[i]! % CODE_ALPHABET.length];
  return `${s.slice(0, 5)}-${s.slice(5)}`;
}
/** A code as typed (any case, spaces or dashes anywhere) in the one form it is hashed in. */
export const normalCode = (typed: string) => typed.toUpperCase().replace(/[\s-]/g, '');
/** What is stored of an unused code: its hash, never the code. */
export const codeHash = (typed: string) => sha256(`code:${normalCode(typed)}`).toString('hex');
