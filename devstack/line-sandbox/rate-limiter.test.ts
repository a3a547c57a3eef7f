// Token buckets and retry-key memory, on a hand-moved clock.
import { describe, expect, it } from 'vitest';
import { createRateLimiter, createSlidingWindow, createTokenBucket } from './rate-limiter';
import { RETRY_KEY_TTL_MS, createRetryKeyStore, isRetryKey } from './retry-keys';
import { fakeClock } from './test-helpers';

describe('token bucket', () => {
  it('allows a burst of one second, then refills continuously up to the burst', () => {
    const clock = fakeClock();
    const bucket = createTokenBucket(10, clock.now);
    const take = (n: number) => Array.from({ length: n }, () => bucket.tryTake()).filter(Boolean).length;
    expect(take(15)).toBe(10);
    clock.advance(100);
    expect(take(5)).toBe(1);
    clock.advance(60_000);
    expect(take(50)).toBe(10);
  });

  it('keeps push, multicast and other endpoints apart at LINE defaults', () => {
    const clock = fakeClock();
    const limiter = createRateLimiter({}, clock.now);
    const count = (e: 'push' | 'multicast' | 'other', n: number) =>
      Array.from({ length: n }, () => limiter.tryTake(e)).filter(Boolean).length;
    expect(count('multicast', 300)).toBe(200);
    expect(count('push', 2500)).toBe(2000);
    expect(count('other', 1)).toBe(1);
  });
});

describe('sliding window', () => {
  it('never accepts more than the rate in any second, even after an idle spell', () => {
    const clock = fakeClock();
    const window = createSlidingWindow(10, clock.now);
    const accepted: number[] = [];
    // One attempt every 10 ms for 3 s: a token bucket would pass 20 in the first second, the window 10 in every second.
    for (let t = 0; t < 3000; t += 10) {
      if (window.tryTake()) accepted.push(clock.now());
      clock.advance(10);
    }
    const most = Math.max(...accepted.map((a) => accepted.filter((b) => b >= a && b < a + 1000).length));
    expect(most).toBe(10);
    expect(accepted).toHaveLength(30);
  });

  it('is chosen, and limits changed, while the sandbox runs (a changed limit starts afresh)', () => {
    const clock = fakeClock();
    const limiter = createRateLimiter({ pushPerSecond: 50 }, clock.now);
    const count = (n: number) => Array.from({ length: n }, () => limiter.tryTake('push')).filter(Boolean).length;
    expect(count(60)).toBe(50);
    expect(limiter.configure({ pushPerSecond: 5, rateLimitMode: 'sliding-window' })).toMatchObject({
      pushPerSecond: 5,
      multicastPerSecond: 200,
      rateLimitMode: 'sliding-window',
    });
    expect(count(10)).toBe(5);
    clock.advance(999);
    expect(count(1)).toBe(0);
    clock.advance(1);
    expect(count(10)).toBe(5);
    expect(limiter.limits()).toEqual({ pushPerSecond: 5, multicastPerSecond: 200, otherPerSecond: 2000, rateLimitMode: 'sliding-window' });
  });
});

describe('retry keys', () => {
  it('remember accepted requests for 24 hours, case-insensitively', () => {
    const clock = fakeClock();
    const store = createRetryKeyStore(clock.now);
    const key = '123e4567-e89b-12d3-a456-426614174000';
    expect(isRetryKey(key)).toBe(true);
    expect(isRetryKey('123e4567')).toBe(false);
    store.remember(key, { requestId: 'r1', acceptedAt: clock.now() });
    clock.advance(RETRY_KEY_TTL_MS - 1);
    expect(store.get(key.toUpperCase())?.requestId).toBe('r1');
    clock.advance(1);
    expect(store.get(key)).toBeUndefined();
    expect(store.size).toBe(0);
  });
});
