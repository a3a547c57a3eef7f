// Which LINE answers are about the channel rather than one message: 401/403 (its access token) and the 429 of the
// monthly quota. The per-second rate limit's 429 is not: that one is retried as any 5xx is.
import { HTTPFetchError } from '@line/bot-sdk';
import type { ChannelPauseReason } from '@/db/schema';

/** LINE's own words for the monthly quota ("You have reached your monthly limit."). */
const MONTHLY_LIMIT = /monthly limit/i;

export interface ChannelFailure {
  reason: ChannelPauseReason;
  /** Status and LINE's message: LINE's error bodies for these answers name no user and no message. */
  detail: string;
}

/** The `message` of LINE's error body (JSON), or the start of the raw body. */
export function lineErrorMessage(body: string): string {
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed && typeof parsed === 'object' && 'message' in parsed && typeof parsed.message === 'string')
      return parsed.message.slice(0, 200);
  } catch {
    /* not JSON */
  }
  return body.slice(0, 200);
}

export function channelFailureOf(err: unknown): ChannelFailure | null {
  if (!(err instanceof HTTPFetchError)) return null;
  const message = lineErrorMessage(err.body);
  if (err.status === 401 || err.status === 403) return { reason: 'credentials', detail: `LINE ${err.status}: ${message}` };
  if (err.status === 429 && MONTHLY_LIMIT.test(message)) return { reason: 'quota', detail: `LINE 429: ${message}` };
  return null;
}
