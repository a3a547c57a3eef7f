// The local pacer on a hand-moved clock: two workers over one in-memory schedule (the arithmetic PostgreSQL runs).
import { ApplicationFailure } from '@temporalio/activity';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSendPacer, type SendPacer } from './send-pacer';
import { LATE_MS, book, mostInAnyWindow, slotIntervalMs } from './send-slots';

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

/** One shared schedule, as the send_pacer row is; `horizonMs` as the product's unless a test shrinks it. */
function schedule(ratePerSecond: number, horizonMs?: number) {
  let next: number | null = null;
  let bookings = 0;
  return {
    bookings: () => bookings,
    pacer(): SendPacer {
      return createSendPacer({
        ratePerSecond,
        now: () => Date.now(),
        book: async (count) => {
          bookings += 1;
          const b = book(next, Date.now(), count, slotIntervalMs(ratePerSecond), horizonMs);
          if (!b) return null;
          next = b.next;
          return { startMs: b.start, dbNowMs: Date.now() };
        },
      });
    },
  };
}

/** Starts `n` pushes on the pacers in turn; each records when it was let go. */
function pushes(pacers: SendPacer[], n: number, opts: { signal?: AbortSignal; onLongWait?: () => void } = {}) {
  const leftAt: number[] = [];
  const all = Array.from({ length: n }, (_, i) =>
    pacers[i % pacers.length]!.acquire(opts).then(() => {
      leftAt.push(Date.now());
    }),
  );
  return { leftAt, done: Promise.allSettled(all) };
}

describe('send pacer', () => {
  it('lets 120 pushes that fall due at once on two workers go at most 20 in any second, booking in blocks', async () => {
    const s = schedule(20);
    const workers = [s.pacer(), s.pacer()];
    const run = pushes(workers, 120);
    await vi.advanceTimersByTimeAsync(10_000);
    await run.done;
    expect(run.leftAt).toHaveLength(120);
    expect(mostInAnyWindow(run.leftAt, 1000)).toBeLessThanOrEqual(20);
    expect(mostInAnyWindow(run.leftAt, 1000)).toBeGreaterThanOrEqual(18);
    // 120 pushes, far fewer round trips to the schedule.
    expect(s.bookings()).toBeLessThan(120);
    const stats = workers.map((w) => w.stats());
    expect(stats.reduce((a, b) => a + b.used, 0)).toBe(120);
  });

  it('sends a lone push at once', async () => {
    const pacer = schedule(1500).pacer();
    const start = Date.now();
    const run = pushes([pacer], 1);
    await vi.advanceTimersByTimeAsync(0);
    await run.done;
    expect(run.leftAt).toEqual([start]);
  });

  it('a push that wakes too late (a stalled event loop) takes a new slot instead of crowding a later second', async () => {
    const s = schedule(20);
    const pacer = s.pacer();
    const run = pushes([pacer], 30);
    await vi.advanceTimersByTimeAsync(200);
    // The process stalls: the clock moves on while no timer fires.
    vi.setSystemTime(Date.now() + 4 * LATE_MS);
    await vi.advanceTimersByTimeAsync(5_000);
    await run.done;
    expect(run.leftAt).toHaveLength(30);
    expect(pacer.stats().missed).toBeGreaterThan(0);
    expect(mostInAnyWindow(run.leftAt, 1000)).toBeLessThanOrEqual(20);
  });

  it('fails a push at once, retryably, when the schedule is booked past the horizon', async () => {
    // At 1/s, three pushes book the next 3.18 s of a schedule that may be booked 3 s ahead.
    const pacer = schedule(1, 3_000).pacer();
    const run = pushes([pacer], 3);
    await vi.advanceTimersByTimeAsync(100);
    const errors: unknown[] = [];
    const late = pacer.acquire().catch((e: unknown) => errors.push(e));
    await vi.advanceTimersByTimeAsync(50);
    await late;
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(ApplicationFailure);
    expect(errors[0]).toMatchObject({ type: 'SendPacerBusy', nonRetryable: false });
    await vi.advanceTimersByTimeAsync(5_000);
    await run.done;
    expect(run.leftAt).toHaveLength(3);
    expect(pacer.stats()).toMatchObject({ used: 3, refused: 1 });
  });

  it('heartbeats through long waits and gives up on cancellation', async () => {
    const pacer = schedule(1).pacer();
    const beats = vi.fn();
    const first = pushes([pacer], 8, { onLongWait: beats });
    const cancel = new AbortController();
    const cancelled = pacer.acquire({ signal: cancel.signal }).then(
      () => 'went',
      (e: unknown) => e,
    );
    await vi.advanceTimersByTimeAsync(6_000);
    expect(beats).toHaveBeenCalled();
    cancel.abort(new Error('cancelled'));
    expect(await cancelled).toEqual(new Error('cancelled'));
    await vi.advanceTimersByTimeAsync(10_000);
    await first.done;
    expect(first.leftAt).toHaveLength(8);
  });
});
