// Where a broadcast stands, from its scenario's status, its send time and what its runs did (pure: `now` is an input).
import type { BroadcastFigures } from '@/db/queries/broadcasts';

export const BROADCAST_STATES = ['draft', 'scheduled', 'sending', 'done', 'paused', 'cancelled'] as const;
export type BroadcastState = (typeof BROADCAST_STATES)[number];

/** How long after its send time a broadcast that entered nobody yet still counts as starting (the dispatcher's delay). */
export const STARTING_GRACE_MS = 10 * 60_000;

export function broadcastState(
  b: { status: 'draft' | 'live' | 'paused' | 'stopped'; at: number | null; figures: BroadcastFigures },
  now: number,
): BroadcastState {
  switch (b.status) {
    case 'draft':
      return 'draft';
    case 'stopped':
      return 'cancelled';
    case 'paused':
      return 'paused';
    case 'live':
      if (b.at !== null && b.at > now) return 'scheduled';
      if (b.figures.active > 0) return 'sending';
      if (b.figures.entered === 0 && (b.at === null || now - b.at < STARTING_GRACE_MS)) return 'sending';
      return 'done';
  }
}

/** Whether the page should refresh itself: something may change within seconds. */
export function isMoving(state: BroadcastState, at: number | null, now: number): boolean {
  return state === 'sending' || (state === 'scheduled' && at !== null && at - now < 5 * 60_000);
}
