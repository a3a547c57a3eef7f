// Token buckets per LINE endpoint: a burst of one second's worth of requests, refilled continuously.
export interface TokenBucket {
  /** Takes one token if there is one; false means the caller answers 429. */
  tryTake(): boolean;
  readonly ratePerSecond: number;
}

export function createTokenBucket(ratePerSecond: number, now: () => number): TokenBucket {
  let tokens = ratePerSecond;
  let last = now();
  return {
    ratePerSecond,
    tryTake() {
      const t = now();
      // A clock that steps back (tests, NTP) must not mint tokens.
      tokens = Math.min(ratePerSecond, tokens + (Math.max(0, t - last) * ratePerSecond) / 1000);
      last = t;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
  };
}

export type RateLimitedEndpoint = 'push' | 'multicast' | 'other';

export interface RateLimiter {
  tryTake(endpoint: RateLimitedEndpoint): boolean;
}

/** LINE's published limits: push 2,000/s, multicast 200/s, most other endpoints 2,000/s. */
export function createRateLimiter(
  limits: { pushPerSecond?: number; multicastPerSecond?: number; otherPerSecond?: number },
  now: () => number,
): RateLimiter {
  const buckets: Record<RateLimitedEndpoint, TokenBucket> = {
    push: createTokenBucket(limits.pushPerSecond ?? 2000, now),
    multicast: createTokenBucket(limits.multicastPerSecond ?? 200, now),
    other: createTokenBucket(limits.otherPerSecond ?? 2000, now),
  };
  return { tryTake: (endpoint) => buckets[endpoint].tryTake() };
}
