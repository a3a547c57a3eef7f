// Range parsing for the analytics pages: JST day boundaries, defaults and bad input.
import { describe, expect, it } from 'vitest';
import { analyticsRange, rangeQuery } from './range';

const now = Date.parse('2026-11-23T16:30:00Z'); // 2026-11-24 01:30 JST

describe('analyticsRange', () => {
  it('defaults to the last 30 JST days including today', () => {
    const r = analyticsRange({}, now);
    expect(r.fromDay).toBe('2026-10-26');
    expect(r.toDay).toBe('2026-11-24');
    expect(r.from.toISOString()).toBe('2026-10-25T15:00:00.000Z');
    expect(r.to.toISOString()).toBe('2026-11-24T15:00:00.000Z');
    expect(r.versionId).toBeNull();
  });
  it('reads days as Japan-time midnights, to inclusive', () => {
    const r = analyticsRange({ from: '2026-11-01', to: '2026-11-07', version: '8f09d78e-fbbf-4b48-b5b0-986c3921700a' }, now);
    expect(r.from.toISOString()).toBe('2026-10-31T15:00:00.000Z');
    expect(r.to.toISOString()).toBe('2026-11-07T15:00:00.000Z');
    expect(r.versionId).toBe('8f09d78e-fbbf-4b48-b5b0-986c3921700a');
    expect(rangeQuery(r)).toBe('from=2026-11-01&to=2026-11-07&version=8f09d78e-fbbf-4b48-b5b0-986c3921700a');
  });
  it('ignores unreadable values and swaps a reversed range', () => {
    const r = analyticsRange({ from: '2026-13-45', to: 'yesterday', version: 'x' }, now);
    expect([r.fromDay, r.toDay, r.versionId]).toEqual(['2026-10-26', '2026-11-24', null]);
    const s = analyticsRange({ from: '2026-11-07', to: '2026-11-01' }, now);
    expect([s.fromDay, s.toDay]).toEqual(['2026-11-01', '2026-11-07']);
  });
});
