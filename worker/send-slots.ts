// Slot arithmetic of the send pacer: evenly spaced push slots, so no one-second window holds more pushes than the rate.
//
// The shared schedule (db/queries/send-pacer.ts) books slots `intervalMs` apart, one after another, across every worker.
// A push leaves at its slot, or gives the slot up when it would leave more than LATE_MS after it. Pushes then reach
// LINE `intervalMs` apart give or take their jitter, and as long as that jitter stays under GUARD_MS a window of
// 1,000 ms can never hold more than `rate` of them: `rate` slots span rate × intervalMs = 1,000 + GUARD_MS ms.
// The price is the guard: pushes go out at 1,000 / 1,060 ≈ 94 % of the configured rate at most.

/** Jitter between Kizuna's slots and LINE's arrival times that the ceiling absorbs (slots as if a second lasted 1,060 ms). */
export const GUARD_MS = 60;
/**
 * A push later than this after its slot takes a new one: a quarter of the guard for the worker's own timing, the rest
 * for the way to LINE (on the 2-core test machine, a busy event loop and the request itself took up to ~25 ms).
 */
export const LATE_MS = 20;
/** How far ahead the shared schedule may be booked: no push waits longer for its slot (well inside the send's 30 s). */
export const HORIZON_MS = 10_000;
/** A worker books at most this much of the schedule at once … */
export const BLOCK_MS = 100;
/** … and at most once per this many ms, so PostgreSQL sees a few dozen bookings a second, not one per push. */
export const BOOK_EVERY_MS = 25;

function checkRate(ratePerSecond: number): void {
  if (!(ratePerSecond > 0) || !Number.isFinite(ratePerSecond))
    throw new RangeError(`send rate must be a positive number, got ${ratePerSecond}`);
}

/** The spacing of slots for a configured rate (the ceiling in any one-second window). */
export function slotIntervalMs(ratePerSecond: number): number {
  checkRate(ratePerSecond);
  return (1000 + GUARD_MS) / ratePerSecond;
}

/** The rate the slots add up to: a little under the ceiling (the guard), and what Temporal's queue limiter is set to. */
export function pacedRate(ratePerSecond: number): number {
  return 1000 / slotIntervalMs(ratePerSecond);
}

/** How many slots to book for `waiting` pushes: all of them, up to BLOCK_MS worth of the rate (at least one). */
export function blockSize(waiting: number, ratePerSecond: number): number {
  checkRate(ratePerSecond);
  const cap = Math.max(1, Math.floor((ratePerSecond * BLOCK_MS) / 1000));
  return Math.max(0, Math.min(Math.floor(waiting), cap));
}

/**
 * Books `count` slots on a schedule whose next free slot is `nextSlotAt` (null: never used): the block starts at that
 * slot, or now when the schedule is idle. Null when the schedule is booked more than `horizonMs` ahead (the caller
 * retries later instead of waiting that long). db/queries/send-pacer.ts does the same in one SQL statement.
 */
export function book(
  nextSlotAt: number | null,
  now: number,
  count: number,
  intervalMs: number,
  horizonMs: number = HORIZON_MS,
): { start: number; next: number } | null {
  const start = Math.max(nextSlotAt ?? now, now);
  if (start > now + horizonMs) return null;
  return { start, next: start + count * intervalMs };
}

/** The slots of a block. */
export function slotTimes(start: number, count: number, intervalMs: number): number[] {
  return Array.from({ length: count }, (_, i) => start + i * intervalMs);
}

export type SlotVerdict = { kind: 'wait'; ms: number } | { kind: 'go' } | { kind: 'missed' };

/**
 * What a push holding the slot at `slotAt` (local clock, known to ± `uncertaintyMs`) does at `now`: wait (never leave
 * before the slot could have started), go, or give the slot up when it may be more than LATE_MS late.
 */
export function slotVerdict(slotAt: number, now: number, uncertaintyMs = 0): SlotVerdict {
  const earliest = slotAt + uncertaintyMs;
  if (now < earliest) return { kind: 'wait', ms: Math.max(1, Math.ceil(earliest - now)) };
  return now - (slotAt - uncertaintyMs) <= LATE_MS ? { kind: 'go' } : { kind: 'missed' };
}

/** The most instants inside any window of `windowMs` (a sliding window, half-open: [t, t + windowMs)). */
export function mostInAnyWindow(times: readonly number[], windowMs = 1000): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i]! - sorted[j]! >= windowMs) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

/** How the local clock relates to PostgreSQL's: remote = local + offsetMs, to within ± uncertaintyMs. */
export interface ClockEstimate {
  offsetMs: number;
  uncertaintyMs: number;
  /** Local time of the sample. */
  at: number;
}

/** One sample: PostgreSQL read its clock (`remoteNow`) somewhere between `sentAt` and `receivedAt` (local). */
export function clockSample(sentAt: number, receivedAt: number, remoteNow: number): ClockEstimate {
  const mid = (sentAt + receivedAt) / 2;
  return { offsetMs: remoteNow - mid, uncertaintyMs: Math.max(0, (receivedAt - sentAt) / 2), at: receivedAt };
}

/**
 * Keeps the most certain sample of the last `maxAgeMs` (a slow round trip, e.g. one that waited for a pooled
 * connection, says little about the clocks): the newer sample wins when it is as certain or the kept one is stale.
 */
export function betterEstimate(kept: ClockEstimate | undefined, sample: ClockEstimate, maxAgeMs = 60_000): ClockEstimate {
  if (!kept || sample.at - kept.at > maxAgeMs || sample.uncertaintyMs <= kept.uncertaintyMs) return sample;
  return kept;
}
