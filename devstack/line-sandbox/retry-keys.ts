// Remembers accepted X-Line-Retry-Key values for 24 hours, as LINE does, so a repeat can be answered with 409.
export const RETRY_KEY_TTL_MS = 24 * 60 * 60 * 1000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type AcceptedRequest = {
  requestId: string;
  acceptedAt: number;
  /** Present for push; multicast answers an empty object. */
  sentMessages?: Array<{ id: string; quoteToken?: string }>;
};

export interface RetryKeyStore {
  get(key: string): AcceptedRequest | undefined;
  remember(key: string, accepted: AcceptedRequest): void;
  clear(): void;
  readonly size: number;
}

export const isRetryKey = (value: string): boolean => UUID.test(value);

export function createRetryKeyStore(now: () => number, ttlMs: number = RETRY_KEY_TTL_MS): RetryKeyStore {
  const keys = new Map<string, AcceptedRequest>();
  const sweep = (): void => {
    // Map iterates in insertion order, which is acceptance order: stop at the first live key.
    const cutoff = now() - ttlMs;
    for (const [key, value] of keys) {
      if (value.acceptedAt > cutoff) break;
      keys.delete(key);
    }
  };
  return {
    get(key) {
      sweep();
      return keys.get(key.toLowerCase());
    },
    remember(key, accepted) {
      keys.set(key.toLowerCase(), accepted);
    },
    clear: () => keys.clear(),
    get size() {
      sweep();
      return keys.size;
    },
  };
}
