// A broadcast's state from its status, send time and figures, at pinned instants.
import { describe, expect, it } from 'vitest';
import { NO_FIGURES } from '@/db/queries/broadcasts';
import { STARTING_GRACE_MS, broadcastState, isMoving } from './state';

const AT = Date.UTC(2025, 3, 8, 1, 0);

describe('broadcastState', () => {
  it('follows the scenario status first', () => {
    expect(broadcastState({ status: 'draft', at: AT, figures: NO_FIGURES }, AT + 1)).toBe('draft');
    expect(broadcastState({ status: 'stopped', at: AT, figures: NO_FIGURES }, AT - 1)).toBe('cancelled');
    expect(broadcastState({ status: 'paused', at: AT, figures: NO_FIGURES }, AT - 1)).toBe('paused');
  });

  it('is scheduled before its time, sending while runs go, done after', () => {
    expect(broadcastState({ status: 'live', at: AT, figures: NO_FIGURES }, AT - 1)).toBe('scheduled');
    expect(broadcastState({ status: 'live', at: AT, figures: NO_FIGURES }, AT + 1000)).toBe('sending');
    const going = { ...NO_FIGURES, entered: 20, active: 3, sent: 17 };
    expect(broadcastState({ status: 'live', at: AT, figures: going }, AT + 60_000)).toBe('sending');
    expect(broadcastState({ status: 'live', at: AT, figures: { ...going, active: 0, sent: 20 } }, AT + 60_000)).toBe('done');
    // Nobody entered long after the time (all left meanwhile): done, not starting for ever.
    expect(broadcastState({ status: 'live', at: AT, figures: NO_FIGURES }, AT + STARTING_GRACE_MS)).toBe('done');
  });

  it('refreshes while sending and just before the time', () => {
    expect(isMoving('sending', AT, AT)).toBe(true);
    expect(isMoving('scheduled', AT, AT - 60_000)).toBe(true);
    expect(isMoving('scheduled', AT, AT - 3_600_000)).toBe(false);
    expect(isMoving('done', AT, AT)).toBe(false);
  });
});
