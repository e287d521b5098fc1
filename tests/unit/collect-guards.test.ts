import { EventEmitter } from 'node:events';
import type { IncomingMessage } from 'node:http';
import { describe, expect, test } from 'vitest';
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
} from '../../src/collect/guards.js';
import { DEFAULT_LIMITS } from '../../src/collect/server.js';
import { NOTE_MAX, REASON_MAX } from '../../src/collect/submission.js';

/** A request that delivers these chunks, then ends. */
function fakeRequest(chunks: string[], contentLength?: number): IncomingMessage & { paused: boolean } {
  const req = new EventEmitter() as unknown as IncomingMessage & { paused: boolean };
  req.headers = contentLength === undefined ? {} : { 'content-length': String(contentLength) };
  req.paused = false;
  req.pause = () => {
    req.paused = true;
    return req;
  };
  setImmediate(() => {
    for (const c of chunks) if (!req.paused) req.emit('data', Buffer.from(c));
    if (!req.paused) req.emit('end');
  });
  return req;
}

describe('the wrong-link slow-down', () => {
  test('exactly `limit` wrong tries per window, then refused until the window has passed; per address', () => {
    let now = 1_000;
    const s = createStrikes({ limit: 10, windowMs: 60_000, now: () => now });
    for (let i = 0; i < 10; i++) {
      expect(s.struck('a')).toBe(false);
      s.strike('a');
    }
    expect(s.struck('a')).toBe(true);
    expect(s.struck('b')).toBe(false);
    now += 59_999;
    expect(s.struck('a')).toBe(true);
    now += 1;
    expect(s.struck('a')).toBe(false);
  });

  test('the server uses ten a minute', () => {
    expect([DEFAULT_LIMITS.badTokens, DEFAULT_LIMITS.badTokenWindowMs]).toEqual([10, 60_000]);
  });
});

describe('the body limits', () => {
  test('a body of exactly the limit is read; one byte more is refused and the rest never read', async () => {
    const budget = createBudget(1_000);
    expect(await readBody(fakeRequest(['a'.repeat(60), 'b'.repeat(40)]), 100, budget)).toBe(
      `${'a'.repeat(60)}${'b'.repeat(40)}`,
    );
    const req = fakeRequest(['a'.repeat(60), 'b'.repeat(41), 'never']);
    expect(await readBody(req, 100, budget)).toBe('too-large');
    expect(req.paused).toBe(true);
    expect(await readBody(fakeRequest([], 101), 100, budget)).toBe('too-large');
    expect(budget.used()).toBe(0);
  });

  test('bodies in flight share one budget: past it a request is told to send again, and what it held is given back', async () => {
    const budget = createBudget(100);
    expect(budget.take(70)).toBe(true);
    expect(await readBody(fakeRequest(['x'.repeat(20), 'y'.repeat(20)]), 1_000, budget)).toBe('busy');
    expect(budget.used()).toBe(70);
    budget.give(70);
    expect(await readBody(fakeRequest(['x'.repeat(20), 'y'.repeat(20)]), 1_000, budget)).toHaveLength(40);
    expect(budget.used()).toBe(0);
  });

  test('a large form gets the room it needs: every comment and reason full of 9-byte characters fits', () => {
    const items = 40;
    const fullForm = items * (NOTE_MAX + REASON_MAX) * 9;
    expect(bodyLimitFor(items, 64 * 1024, 1 << 30)).toBeGreaterThan(fullForm);
    expect(bodyLimitFor(1, 64 * 1024, 1 << 30)).toBe(64 * 1024);
  });

  test('whatever the bank’s size, one body never exceeds the total budget (attack 9: 2,000 questions, 25 MB bodies)', () => {
    expect(bodyLimitFor(2_000, 64 * 1024, DEFAULT_LIMITS.bodiesInFlight)).toBeLessThanOrEqual(
      DEFAULT_LIMITS.bodiesInFlight,
    );
    expect(bodyLimitFor(20_000, 64 * 1024, DEFAULT_LIMITS.bodiesInFlight)).toBe(DEFAULT_LIMITS.bodiesInFlight);
    expect(DEFAULT_LIMITS.bodiesInFlight).toBeLessThanOrEqual(32 * 1024 * 1024);
  });
});

describe('connections per address', () => {
  test('up to the cap from one address; others unaffected; a closed one frees its place', () => {
    const cap = createConnectionCap(2);
    expect([cap.admit('a'), cap.admit('a'), cap.admit('a'), cap.admit('b')]).toEqual([true, true, false, true]);
    cap.release('a');
    expect(cap.admit('a')).toBe(true);
    expect(cap.openFrom('a')).toBe(2);
  });
});

describe('links, nonces, marks and codes', () => {
  const hash = sha256('tok');
  test('the route: the token, its thank-you page, a code from a card; anything else is a wrong link', () => {
    expect(routeOf('/tok', hash)).toEqual({ page: 'form' });
    expect(routeOf('/tok/thanks', hash)).toEqual({ page: 'thanks' });
    expect(routeOf('/tok?code=ABCDE-FGHJK', hash)).toEqual({ page: 'form', code: 'ABCDE-FGHJK' });
    for (const bad of ['/', '/tok2', '/tok/x', '/%E0%A4%A', '/tok/thanks/x'])
      expect(routeOf(bad, hash)).toBeUndefined();
  });

  test('nonces and the sent mark are signed by the run’s key, and one cannot pass for the other', () => {
    const s = createSigner(Buffer.alloc(32, 1));
    const other = createSigner(Buffer.alloc(32, 2));
    const n = s.nonce();
    expect(s.isNonce(n)).toBe(true);
    expect(other.isNonce(n)).toBe(false);
    expect(s.isSentMark(s.sentMark())).toBe(true);
    expect(s.isNonce(s.sentMark())).toBe(false);
    expect(s.isSentMark(n)).toBe(false);
    expect(other.isSentMark(s.sentMark())).toBe(false);
  });

  test('codes: 10 characters without look-alikes; typed in any case, with or without spaces and dash, they hash the same', () => {
    const c = newCode();
    expect(c).toMatch(/^[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$/);
    expect(codeHash(` ${c.toLowerCase().replace('-', ' ')} `)).toBe(codeHash(c));
    expect(codeHash(c)).not.toContain(c);
    expect(new Set(Array.from({ length: 200 }, newCode)).size).toBe(200);
  });
});
