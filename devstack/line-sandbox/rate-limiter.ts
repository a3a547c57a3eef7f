// Rate limits per LINE endpoint: token buckets (a burst of one second's worth, refilled continuously) by default, or
// sliding windows (never more than the rate in any one second), changeable while the sandbox runs.
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

/**
 * At most ⌊ratePerSecond⌋ (at least 1) requests accepted in any window of 1,000 ms: a request is refused while the
 * accepted one that many places back is less than a second old. Stricter than the bucket, which lets up to twice the
 * rate through in the first second after an idle spell.
 */
export function createSlidingWindow(ratePerSecond: number, now: () => number): TokenBucket {
  const size = Math.max(1, Math.floor(ratePerSecond));
  const accepted: number[] = [];
  let next = 0;
  return {
    ratePerSecond,
    tryTake() {
      const t = now();
      const oldest = accepted[next];
      if (oldest !== undefined && t - oldest < 1000) return false;
      accepted[next] = t;
      next = (next + 1) % size;
      return true;
    },
  };
}

export type RateLimitedEndpoint = 'push' | 'multicast' | 'other';
export type RateLimitMode = 'token-bucket' | 'sliding-window';

export interface RateLimits {
  pushPerSecond: number;
  multicastPerSecond: number;
  otherPerSecond: number;
  rateLimitMode: RateLimitMode;
}

export interface RateLimiter {
  tryTake(endpoint: RateLimitedEndpoint): boolean;
  /** The limits in force. */
  limits(): RateLimits;
  /** Changes some limits; the changed endpoints start afresh (a full bucket, an empty window). */
  configure(changes: Partial<RateLimits>): RateLimits;
}

const ENDPOINT_KEY = { push: 'pushPerSecond', multicast: 'multicastPerSecond', other: 'otherPerSecond' } as const;

/** LINE's published limits: push 2,000/s, multicast 200/s, most other endpoints 2,000/s. */
export function createRateLimiter(limits: Partial<RateLimits>, now: () => number): RateLimiter {
  let current: RateLimits = {
    pushPerSecond: limits.pushPerSecond ?? 2000,
    multicastPerSecond: limits.multicastPerSecond ?? 200,
    otherPerSecond: limits.otherPerSecond ?? 2000,
    rateLimitMode: limits.rateLimitMode ?? 'token-bucket',
  };
  const build = (endpoint: RateLimitedEndpoint) =>
    (current.rateLimitMode === 'sliding-window' ? createSlidingWindow : createTokenBucket)(current[ENDPOINT_KEY[endpoint]], now);
  const buckets: Record<RateLimitedEndpoint, TokenBucket> = { push: build('push'), multicast: build('multicast'), other: build('other') };
  return {
    tryTake: (endpoint) => buckets[endpoint].tryTake(),
    limits: () => ({ ...current }),
    configure(changes) {
      const before = current;
      current = { ...current, ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) };
      for (const endpoint of ['push', 'multicast', 'other'] as const) {
        const key = ENDPOINT_KEY[endpoint];
        if (current[key] !== before[key] || current.rateLimitMode !== before.rateLimitMode) buckets[endpoint] = build(endpoint);
      }
      return { ...current };
    },
  };
}
