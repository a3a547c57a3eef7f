// The daily frequency cap (1日の配信上限): whether a send goes out, is skipped or is held, from the friend's recent sends.
import type { PlanSettings } from './schema';
import { DAY } from './time';

export type FrequencyCap = NonNullable<PlanSettings['frequencyCap']>;

/** The cap counts the friend's sends (any scenario, never test sends) in the 24 hours before a send. */
export const FREQUENCY_CAP_WINDOW_MS = DAY;

/** The friend's sends in the window: how many, the oldest, and whether this very send was already claimed (a retry). */
export interface CapWindow {
  sent: number;
  oldest: number | null;
  claimed: boolean;
}

export type CapDecision = { kind: 'send' } | { kind: 'skip' } | { kind: 'hold'; until: number };

/**
 * What the cap does to a send at `now`: a send already claimed (a retry of the same send) or under the cap goes; over
 * it, `skip` drops it and `hold` waits until the oldest send in the window leaves it (one second later, to be past it).
 */
export function frequencyCapDecision(cap: FrequencyCap, window: CapWindow, now: number): CapDecision {
  if (window.claimed || window.sent < cap.maxSends) return { kind: 'send' };
  if (cap.mode === 'skip') return { kind: 'skip' };
  return { kind: 'hold', until: (window.oldest ?? now) + FREQUENCY_CAP_WINDOW_MS + 1000 };
}

/** The window at `at` from the instants of the friend's sends (what the send activity's query counts in SQL). */
export function capWindowAt(sentAt: readonly number[], at: number): CapWindow {
  const inside = sentAt.filter((t) => t >= at - FREQUENCY_CAP_WINDOW_MS && t <= at);
  return { sent: inside.length, oldest: inside.length > 0 ? Math.min(...inside) : null, claimed: false };
}
