// When a send gives up: inside its retry key's window less the margin it keeps trying; past it the send ends expired.
import { describe, expect, it } from 'vitest';
import { EXPIRY_MARGIN_MS, RETRY_KEY_TTL_MS, sendWindowClosed } from './channel-hold';

const HOUR = 3_600_000;
const first = 1_800_000_000_000;
const at = (afterFirstMs: number, scheduleToCloseTimeoutMs = 23 * HOUR) => ({
  scheduledTimestampMs: first,
  currentAttemptScheduledTimestampMs: first + afterFirstMs,
  scheduleToCloseTimeoutMs,
});

describe('sendWindowClosed', () => {
  it('closes the margin before the activity’s schedule-to-close timeout, when that is under LINE’s 24 h', () => {
    expect(sendWindowClosed(at(0))).toBe(false);
    expect(sendWindowClosed(at(23 * HOUR - EXPIRY_MARGIN_MS - 1))).toBe(false);
    expect(sendWindowClosed(at(23 * HOUR - EXPIRY_MARGIN_MS))).toBe(true);
  });

  it('never lets a send outlive the retry key: LINE’s 24 h bounds a longer or missing timeout', () => {
    expect(sendWindowClosed(at(RETRY_KEY_TTL_MS - EXPIRY_MARGIN_MS - 1, 48 * HOUR))).toBe(false);
    expect(sendWindowClosed(at(RETRY_KEY_TTL_MS - EXPIRY_MARGIN_MS, 48 * HOUR))).toBe(true);
    expect(sendWindowClosed(at(RETRY_KEY_TTL_MS - EXPIRY_MARGIN_MS, 0))).toBe(true);
  });
});
