// Token buckets and retry-key memory, on a hand-moved clock.
import { describe, expect, it } from 'vitest';
import { createRateLimiter, createTokenBucket } from './rate-limiter';
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
