// Segment broadcasts: when a broadcast scenario enters its audience, and who belongs to the audience.
import type { CompiledPlan } from './compile';
import { evaluate } from './conditions';
import { triggerOf } from './entry';
import type { FriendSnapshot } from './friend';
import { atLocalTime } from './time';

/** The instant of a segment_broadcast plan's `sendAt` (local date-time in the scenario's zone), else null. */
export function broadcastInstant(plan: CompiledPlan): number | null {
  const t = triggerOf(plan)?.trigger;
  if (t?.type !== 'segment_broadcast') return null;
  const [date, time] = t.sendAt.split('T');
  const [year, month, day] = (date ?? '').split('-').map(Number);
  if (!year || !month || !day || !time) return null;
  return atLocalTime({ year, month, day }, time, plan.settings.timeZone);
}

/** Whether a friend is in the broadcast's audience at `now`. */
export function inAudience(plan: CompiledPlan, friend: FriendSnapshot, now: number): boolean {
  const t = triggerOf(plan)?.trigger;
  if (t?.type !== 'segment_broadcast') return false;
  return evaluate(t.audience, { friend, now, timeZone: plan.settings.timeZone });
}
