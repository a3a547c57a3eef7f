// Slot arithmetic: evenly spaced slots keep every one-second window at or under the rate, jitter included.
import { describe, expect, it } from 'vitest';
import {
  GUARD_MS,
  LATE_MS,
  betterEstimate,
  blockSize,
  book,
  clockSample,
  mostInAnyWindow,
  pacedRate,
  slotIntervalMs,
  slotTimes,
  slotVerdict,
} from './send-slots';

/** A seeded generator, so the schedules below are the same on every run. */
function lcg(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('slot spacing', () => {
  it('spaces slots so that the rate fits in a second stretched by the guard', () => {
    expect(slotIntervalMs(20)).toBeCloseTo(53);
    expect(slotIntervalMs(1500) * 1500).toBeCloseTo(1000 + GUARD_MS);
    expect(pacedRate(20)).toBeCloseTo(18.87, 2);
    expect(pacedRate(1500)).toBeGreaterThan(1500 * 0.94);
    for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) expect(() => slotIntervalMs(bad)).toThrow(RangeError);
  });

  it('books a block for the pushes waiting, at most a tenth of a second of the rate, at least one slot', () => {
    expect(blockSize(400, 1500)).toBe(150);
    expect(blockSize(3, 1500)).toBe(3);
    expect(blockSize(50, 20)).toBe(2);
    expect(blockSize(50, 0.5)).toBe(1);
    expect(blockSize(0, 20)).toBe(0);
  });

  it('starts a block at the next free slot, or now when idle, and refuses past the horizon', () => {
    expect(book(null, 1000, 3, 50)).toEqual({ start: 1000, next: 1150 });
    expect(book(900, 1000, 3, 50)).toEqual({ start: 1000, next: 1150 });
    expect(book(1400, 1000, 2, 50)).toEqual({ start: 1400, next: 1500 });
    expect(book(1000 + 10_000, 1000, 1, 50)).toEqual({ start: 11_000, next: 11_050 });
    expect(book(1000 + 10_001, 1000, 1, 50)).toBeNull();
    expect(slotTimes(100, 3, 53)).toEqual([100, 153, 206]);
  });
});

describe('the ceiling', () => {
  it('holds in every one-second window across workers booking at random moments, with jitter under the guard', () => {
    for (const rate of [3, 20, 50, 1500]) {
      const random = lcg(rate);
      const interval = slotIntervalMs(rate);
      let next: number | null = null;
      const arrivals: number[] = [];
      let t = 0;
      // Four workers take turns booking blocks of what they have waiting, with idle spells in between.
      for (let round = 0; round < 400; round++) {
        t += random() < 0.1 ? 2000 * random() : 40 * random();
        const b = book(next, t, blockSize(1 + Math.floor(random() * 200), rate), interval, Number.POSITIVE_INFINITY);
        if (!b) continue;
        next = b.next;
        const count = Math.round((b.next - b.start) / interval);
        // Each push reaches LINE somewhere within the jitter the guard absorbs after its slot.
        for (const slot of slotTimes(b.start, count, interval)) arrivals.push(slot + 5 + random() * (GUARD_MS - 1));
      }
      expect(mostInAnyWindow(arrivals, 1000)).toBeLessThanOrEqual(rate);
      // …and the schedule is not wasteful: busy stretches run at the paced rate.
      expect(mostInAnyWindow(arrivals, 1000)).toBeGreaterThanOrEqual(Math.floor(pacedRate(rate)) - 1);
    }
  });

  it('a token bucket holding a second’s worth lets about twice the rate through in the first second after idle', () => {
    // What Temporal's queue limiter does (per partition): why it cannot be the ceiling.
    const rate = 50;
    const sends: number[] = [];
    let tokens = rate;
    for (let t = 0; t < 3000; t++) {
      tokens = Math.min(rate, tokens + rate / 1000);
      while (tokens >= 1) {
        tokens -= 1;
        sends.push(t);
      }
    }
    expect(mostInAnyWindow(sends, 1000)).toBeGreaterThanOrEqual(2 * rate - 1);
  });

  it('counts the most instants in any half-open window', () => {
    expect(mostInAnyWindow([], 1000)).toBe(0);
    expect(mostInAnyWindow([0, 999, 1000, 1999], 1000)).toBe(2);
    expect(mostInAnyWindow([5, 1, 3, 2000], 1000)).toBe(3);
  });
});

describe('a push at its slot', () => {
  it('waits until the slot (counting the clock’s uncertainty), goes within LATE_MS, gives the slot up after', () => {
    expect(slotVerdict(1000, 990)).toEqual({ kind: 'wait', ms: 10 });
    expect(slotVerdict(1000, 999.5)).toEqual({ kind: 'wait', ms: 1 });
    expect(slotVerdict(1000, 1000)).toEqual({ kind: 'go' });
    expect(slotVerdict(1000, 1000 + LATE_MS)).toEqual({ kind: 'go' });
    expect(slotVerdict(1000, 1000 + LATE_MS + 1)).toEqual({ kind: 'missed' });
    // Known to ± 2 ms: never before the latest the slot could be, never after the earliest plus LATE_MS.
    expect(slotVerdict(1000, 1001, 2)).toEqual({ kind: 'wait', ms: 1 });
    expect(slotVerdict(1000, 1002, 2)).toEqual({ kind: 'go' });
    expect(slotVerdict(1000, 998 + LATE_MS + 1, 2)).toEqual({ kind: 'missed' });
  });
});

describe('the clock estimate', () => {
  it('relates the local clock to PostgreSQL’s and keeps the most certain recent sample', () => {
    const a = clockSample(100, 110, 5105);
    expect(a).toEqual({ offsetMs: 5000, uncertaintyMs: 5, at: 110 });
    const slow = clockSample(200, 260, 5240);
    expect(betterEstimate(a, slow)).toBe(a);
    const sharp = clockSample(300, 302, 5301.5);
    expect(betterEstimate(a, sharp)).toBe(sharp);
    // A kept sample older than a minute gives way to whatever is new.
    const late = clockSample(70_000, 70_040, 75_020);
    expect(betterEstimate(a, late)).toBe(late);
  });
});
