// Which LINE answers pause the channel: 401/403 (credentials) and the monthly quota's 429; the per-second 429, 5xx and
// a message's own 400 do not (they are retried, or fail that message only).
import { HTTPFetchError } from '@line/bot-sdk';
import { describe, expect, it } from 'vitest';
import { channelFailureOf, lineErrorMessage } from './channel-failure';

const answer = (status: number, message: string) =>
  new HTTPFetchError(`LINE ${status}`, { status, statusText: '', headers: new Headers(), body: JSON.stringify({ message }) });

describe('channelFailureOf', () => {
  it('pauses for the token on 401 and 403, and for the quota on the monthly limit’s 429', () => {
    expect(channelFailureOf(answer(401, 'Authentication failed.'))).toEqual({
      reason: 'credentials',
      detail: 'LINE 401: Authentication failed.',
    });
    expect(channelFailureOf(answer(403, 'Access to this API is not available for your account'))).toMatchObject({
      reason: 'credentials',
    });
    expect(channelFailureOf(answer(429, 'You have reached your monthly limit.'))).toEqual({
      reason: 'quota',
      detail: 'LINE 429: You have reached your monthly limit.',
    });
  });

  it('leaves the rate limit’s 429, 5xx, a bad message’s 400 and anything not from LINE to the send', () => {
    expect(channelFailureOf(answer(429, 'The API rate limit has been exceeded. Try again later.'))).toBeNull();
    expect(channelFailureOf(answer(500, 'Internal error'))).toBeNull();
    expect(channelFailureOf(answer(400, 'The request body has 1 error(s)'))).toBeNull();
    expect(channelFailureOf(new Error('socket hang up'))).toBeNull();
  });

  it('reads LINE’s message from a JSON body, or keeps the start of any other body', () => {
    expect(lineErrorMessage('{"message":"Authentication failed."}')).toBe('Authentication failed.');
    expect(lineErrorMessage('<html>bad gateway</html>')).toBe('<html>bad gateway</html>');
    expect(lineErrorMessage('x'.repeat(500))).toHaveLength(200);
  });
});
