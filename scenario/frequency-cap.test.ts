// Tests of the daily frequency cap's rule: under the cap a send goes; over it, skip drops it and hold waits for the window.
import { describe, expect, it } from 'vitest';
import { capWindowAt, frequencyCapDecision } from './frequency-cap';
import { DAY, HOUR } from './time';

const T = Date.UTC(2025, 3, 1, 1, 0);

describe('frequencyCapDecision', () => {
  it('lets a send under the cap, or a retry of a claimed send, go', () => {
    expect(frequencyCapDecision({ maxSends: 2, mode: 'hold' }, { sent: 1, oldest: T - HOUR, claimed: false }, T)).toEqual({ kind: 'send' });
    expect(frequencyCapDecision({ maxSends: 1, mode: 'skip' }, { sent: 5, oldest: T - HOUR, claimed: true }, T)).toEqual({ kind: 'send' });
  });
  it('over the cap, skips or holds until the oldest send leaves the 24-hour window', () => {
    const w = { sent: 2, oldest: T - 3 * HOUR, claimed: false };
    expect(frequencyCapDecision({ maxSends: 2, mode: 'skip' }, w, T)).toEqual({ kind: 'skip' });
    expect(frequencyCapDecision({ maxSends: 2, mode: 'hold' }, w, T)).toEqual({ kind: 'hold', until: T - 3 * HOUR + DAY + 1000 });
  });
});

describe('capWindowAt', () => {
  it('counts the sends of the 24 hours up to the instant, and the oldest of them', () => {
    expect(capWindowAt([T - 2 * DAY, T - 20 * HOUR, T - HOUR, T + HOUR], T)).toEqual({ sent: 2, oldest: T - 20 * HOUR, claimed: false });
    expect(capWindowAt([], T)).toEqual({ sent: 0, oldest: null, claimed: false });
  });
});
