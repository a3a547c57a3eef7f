// forecast(): on a synthetic history with known rates, the projected messages per day sit within the stated range.
import { describe, expect, it } from 'vitest';
import { compile } from './compile';
import { end, friendFixture, graphOf, text, trig } from './fixtures';
import { forecast, type ForecastInput } from './forecast';
import { createRng, poisson } from './forecast-random';
import { DAY } from './time';

// Day 0 starts at a JST midnight.
const START = Date.parse('2026-01-01T00:00:00+09:00');
const RATE = 20; // entries per day (600 seen in 30 days)
const GOLD = 0.3; // share of gold friends
const BUY = 0.1; // purchases per friend per day
const NO_BUY_3D = Math.exp(-BUY * 3);

// friend added → A → 2 days → gold? G : (purchase within 3 days? end : R).
const plan = compile(
  graphOf(
    [
      trig(),
      text('a', 'welcome'),
      { id: 'w', kind: 'wait', data: { mode: 'duration', amount: 2, unit: 'days' } },
      {
        id: 'b',
        kind: 'branch',
        data: { cases: [{ id: 'gold', condition: { type: 'attribute', key: 'rank', op: 'eq', value: 'gold' } }] },
      },
      text('g', 'gold offer'),
      {
        id: 'p',
        kind: 'wait_for_event',
        data: { eventName: 'purchase', filter: [], timeout: { mode: 'duration', amount: 3, unit: 'days' } },
      },
      text('r', 'reminder'),
      end(),
    ],
    [
      ['trigger', 'next', 'a'],
      ['a', 'next', 'w'],
      ['w', 'next', 'b'],
      ['b', 'case:gold', 'g'],
      ['b', 'else', 'p'],
      ['g', 'next', 'end'],
      ['p', 'event', 'end'],
      ['p', 'timeout', 'r'],
      ['r', 'next', 'end'],
    ],
  ),
);

const sample = Array.from({ length: 300 }, (_, i) =>
  friendFixture({ id: `f${i}`, attributes: { rank: i < 300 * GOLD ? 'gold' : 'silver' }, friendAddedAt: START - 200 * DAY }),
);

const input: ForecastInput = {
  plan,
  start: START,
  days: 30,
  entries: { kind: 'rate', observed: RATE * 30, windowDays: 30 },
  sample,
  eventRates: [{ name: 'purchase', perFriendPerDay: BUY, examples: [] }],
  seed: 7,
};

/** The true mean messages on day d of the known process (entries from day 0 on). */
function trueMean(d: number): { a: number; g: number; r: number } {
  return { a: RATE, g: d >= 2 ? RATE * GOLD : 0, r: d >= 5 ? RATE * (1 - GOLD) * NO_BUY_3D : 0 };
}

/** One realisation of the known process, generated without the core: messages sent per day. */
function actualDays(seed: number): number[] {
  const rng = createRng(seed);
  const days = new Array<number>(30).fill(0);
  for (let e = 0; e < 30; e++) {
    const n = poisson(rng, RATE);
    for (let i = 0; i < n; i++) {
      days[e]! += 1;
      if (rng() < GOLD) {
        if (e + 2 < 30) days[e + 2]! += 1;
      } else if (rng() < NO_BUY_3D && e + 5 < 30) days[e + 5]! += 1;
    }
  }
  return days;
}

describe('forecast', () => {
  const f = forecast(input);

  it('projects the known entry rate and each node’s steady daily messages, with ranges holding the truth', () => {
    expect(f.entriesPerDay.expected).toBe(RATE);
    expect(f.entriesPerDay.low).toBeLessThan(RATE);
    expect(f.entriesPerDay.high).toBeGreaterThan(RATE);
    for (const d of [0, 3, 10, 29]) {
      const truth = trueMean(d);
      for (const k of ['a', 'g', 'r'] as const) {
        const r = f.perNode[k]!.perDay[d]!;
        expect(r.low).toBeLessThanOrEqual(truth[k]);
        expect(r.high).toBeGreaterThanOrEqual(truth[k]);
        expect(Math.abs(r.expected - truth[k])).toBeLessThanOrEqual(Math.max(1, 0.15 * truth[k]));
      }
    }
    const truthTotal = Array.from({ length: 30 }, (_, d) => trueMean(d)).reduce((s, m) => s + m.a + m.g + m.r, 0);
    expect(f.total.low).toBeLessThanOrEqual(truthTotal);
    expect(f.total.high).toBeGreaterThanOrEqual(truthTotal);
    expect(Math.abs(f.total.expected - truthTotal) / truthTotal).toBeLessThan(0.08);
  });

  it('covers what the known process actually sends on about the stated share of days (90 % interval)', () => {
    let inside = 0;
    let days = 0;
    for (const seed of [101, 202, 303, 404, 505]) {
      actualDays(seed).forEach((n, d) => {
        const r = f.perDay[d]!.messages;
        days++;
        if (n >= r.low && n <= r.high) inside++;
      });
    }
    expect(inside / days).toBeGreaterThan(0.8);
  });

  it('is the same forecast for the same seed, and labels days by the scenario’s local date', () => {
    const again = forecast({ ...input, replicates: 50 });
    expect(forecast({ ...input, replicates: 50 })).toEqual(again);
    expect(f.perDay[0]!.date).toBe('2026-01-01');
    expect(f.perDay[29]!.date).toBe('2026-01-30');
  });

  it('puts a broadcast’s audience on its day and nothing before it', () => {
    const at = START + 3 * DAY + 10 * 3600_000;
    const b = forecast({ ...input, entries: { kind: 'once', at, count: 500 }, eventRates: [] });
    expect(b.perNode.a!.perDay[2]!.expected).toBe(0);
    expect(b.perNode.a!.perDay[3]!.expected).toBeCloseTo(500, 5);
    expect(b.perNode.g!.perDay[5]!.expected).toBeCloseTo(500 * GOLD, 5);
    // No purchases drawn: every non-gold friend gets the reminder 5 days later.
    expect(b.perNode.r!.perDay[8]!.expected).toBeCloseTo(500 * (1 - GOLD), 5);
  });

  it('adds the rest of the paths of friends already inside, and none of what they were sent before', () => {
    const inside = Array.from({ length: 10 }, (_, i) => ({
      plan,
      friend: friendFixture({ id: `in${i}`, attributes: { rank: 'silver' } }),
      startedAt: START - DAY + 3600_000,
    }));
    const r = forecast({
      ...input,
      entries: { kind: 'rate', observed: 0, windowDays: 30 },
      eventRates: [],
      inFlight: inside,
      inFlightScale: 3,
    });
    expect(r.perNode.a!.total.expected).toBe(0);
    expect(r.perNode.r!.perDay[4]!.expected).toBe(30);
    expect(r.total.expected).toBe(30);
  });
});
