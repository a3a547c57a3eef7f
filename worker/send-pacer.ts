// The send pacer: every push waits for its slot on a schedule shared through PostgreSQL, so the configured rate is a
// ceiling in every one-second window across all workers. Temporal's queue limiter holds only the average: the server
// splits the rate over the queue's partitions, each a token bucket holding a second's worth, so after an idle spell
// about twice the rate goes out in the first second (issue 24: 98–101 pushes in the first second at 50/s).
import { performance } from 'node:perf_hooks';
import { ApplicationFailure, Context } from '@temporalio/activity';
import type { Db } from '@/db/client';
import { bookSendSlots } from '@/db/queries/send-pacer';
import { logError } from '@/lib/log';
import {
  BOOK_EVERY_MS,
  HORIZON_MS,
  betterEstimate,
  blockSize,
  clockSample,
  slotIntervalMs,
  slotTimes,
  slotVerdict,
  type ClockEstimate,
} from './send-slots';

/** While a push waits longer than this for its slot, its activity heartbeats (so a cancellation reaches it). */
const HEARTBEAT_EVERY_MS = 5_000;

/** Books `count` slots on the shared schedule: the first slot and the schedule's clock then; null when booked too far ahead. */
export type BookSlots = (count: number) => Promise<{ startMs: number; dbNowMs: number } | null>;

export interface SendPacerStats {
  /** Slots booked, used by a push, given up (the push woke too late for it), and bookings refused (schedule full). */
  booked: number;
  used: number;
  missed: number;
  refused: number;
  bookings: number;
  /** The latest a push left after its slot (ms): the share of the guard the worker's own timing used. */
  maxLateMs: number;
}

export interface SendPacer {
  readonly ratePerSecond: number;
  /** Resolves when this push may leave; rejects when the schedule is full for HORIZON_MS (retry later) or on abort. */
  acquire(opts?: { signal?: AbortSignal; onLongWait?: () => void }): Promise<void>;
  stats(): SendPacerStats;
}

interface Waiter {
  resolve(): void;
  reject(err: unknown): void;
  onLongWait?: () => void;
  slotAt?: number;
  uncertaintyMs?: number;
  done: boolean;
  since: number;
}

/** A pacer over any schedule (`book`); `now` is a monotonic local clock in ms. */
export function createSendPacer(opts: { ratePerSecond: number; book: BookSlots; now?: () => number }): SendPacer {
  const { ratePerSecond, book } = opts;
  const now = opts.now ?? (() => performance.timeOrigin + performance.now());
  const intervalMs = slotIntervalMs(ratePerSecond);
  const stats: SendPacerStats = { booked: 0, used: 0, missed: 0, refused: 0, bookings: 0, maxLateMs: 0 };
  /** Pushes without a slot, first come first served; `armed` hold a slot, in slot order. */
  const queue: Waiter[] = [];
  let armed: Waiter[] = [];
  let booking = false;
  let lastBookingAt = -Infinity;
  let bookTimer: NodeJS.Timeout | undefined;
  let slotTimer: NodeJS.Timeout | undefined;
  let heartbeat: NodeJS.Timeout | undefined;
  let clock: ClockEstimate | undefined;

  const finish = (w: Waiter, err?: unknown) => {
    if (w.done) return;
    w.done = true;
    if (err === undefined) w.resolve();
    else w.reject(err);
  };

  function pump() {
    if (booking || bookTimer || queue.length === 0) return;
    const wait = lastBookingAt + BOOK_EVERY_MS - now();
    if (wait > 0) {
      bookTimer = setTimeout(() => {
        bookTimer = undefined;
        pump();
      }, Math.ceil(wait));
      return;
    }
    booking = true;
    lastBookingAt = now();
    const batch = queue.splice(0, blockSize(queue.length, ratePerSecond));
    const sentAt = now();
    stats.bookings += 1;
    book(batch.length)
      .then(
        (b) => {
          if (!b) {
            stats.refused += 1;
            const busy = ApplicationFailure.retryable(
              `the send schedule is booked more than ${HORIZON_MS / 1000} s ahead`,
              'SendPacerBusy',
            );
            for (const w of batch) finish(w, busy);
            return;
          }
          stats.booked += batch.length;
          clock = betterEstimate(clock, clockSample(sentAt, now(), b.dbNowMs));
          const slots = slotTimes(b.startMs - clock.offsetMs, batch.length, intervalMs);
          batch.forEach((w, i) => {
            w.slotAt = slots[i];
            w.uncertaintyMs = clock!.uncertaintyMs;
          });
          armed = [...armed, ...batch.filter((w) => !w.done)].sort((a, b) => a.slotAt! - b.slotAt!);
          dispatch();
        },
        (err: unknown) => {
          logError('send pacer: could not book send slots', err);
          for (const w of batch) finish(w, err);
        },
      )
      .finally(() => {
        booking = false;
        pump();
      });
  }

  /** Lets every push whose slot has come go, puts back those that woke too late, and sleeps until the next slot. */
  function dispatch() {
    if (slotTimer) clearTimeout(slotTimer);
    slotTimer = undefined;
    let requeued = false;
    while (armed.length > 0) {
      const w = armed[0]!;
      if (w.done) {
        armed.shift();
        continue;
      }
      const t = now();
      const v = slotVerdict(w.slotAt!, t, w.uncertaintyMs);
      if (v.kind === 'wait') {
        slotTimer = setTimeout(dispatch, v.ms);
        break;
      }
      armed.shift();
      if (v.kind === 'go') {
        stats.used += 1;
        stats.maxLateMs = Math.max(stats.maxLateMs, t - w.slotAt!);
        finish(w);
      } else {
        // Leaving this late could crowd a later window: take a new slot instead.
        stats.missed += 1;
        w.slotAt = undefined;
        queue.unshift(w);
        requeued = true;
      }
    }
    if (requeued) pump();
    beat();
  }

  /** Heartbeats of long waits, one timer for all. */
  function beat() {
    const waiting = queue.length + armed.length > 0;
    if (!waiting && heartbeat) {
      clearInterval(heartbeat);
      heartbeat = undefined;
    } else if (waiting && !heartbeat) {
      heartbeat = setInterval(() => {
        const t = now();
        for (const w of [...queue, ...armed]) if (!w.done && t - w.since >= HEARTBEAT_EVERY_MS) w.onLongWait?.();
        beat();
      }, HEARTBEAT_EVERY_MS);
      heartbeat.unref();
    }
  }

  return {
    ratePerSecond,
    stats: () => ({ ...stats }),
    acquire: ({ signal, onLongWait } = {}) =>
      new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        const w: Waiter = { resolve, reject, done: false, since: now(), ...(onLongWait ? { onLongWait } : {}) };
        if (signal) {
          const onAbort = () => {
            const i = queue.indexOf(w);
            if (i >= 0) queue.splice(i, 1);
            finish(w, signal.reason);
          };
          signal.addEventListener('abort', onAbort, { once: true });
          const done = () => signal.removeEventListener('abort', onAbort);
          w.resolve = () => {
            done();
            resolve();
          };
          w.reject = (err) => {
            done();
            reject(err);
          };
        }
        queue.push(w);
        pump();
        beat();
      }),
  };
}

/** The product's pacer: slots booked on the `send_pacer` row of `key` (the send task queue) in PostgreSQL. */
export function createDbSendPacer(db: Db, key: string, ratePerSecond: number): SendPacer {
  const intervalMs = slotIntervalMs(ratePerSecond);
  return createSendPacer({
    ratePerSecond,
    book: (count) => bookSendSlots(db, { key, count, intervalMs, horizonMs: HORIZON_MS }),
  });
}

/** Inside the send activity: waits for this push's slot, heartbeating through long waits and giving up on cancel. */
export async function waitForSendSlot(pacer: SendPacer | undefined): Promise<void> {
  if (!pacer) return;
  const ctx = Context.current();
  await pacer.acquire({ signal: ctx.cancellationSignal, onLongWait: () => ctx.heartbeat() });
}
