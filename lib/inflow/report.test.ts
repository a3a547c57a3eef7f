// A route's report figures: visits, friends added, re-follows, blocks within 7 and 30 days, conversions, by JST day.
import { describe, expect, it } from 'vitest';
import { blockedWithin, convertedAfter, routeReport, type VisitFact } from './report';

const at = (s: string) => new Date(s);
const DAY = 86_400_000;

describe('blocked within', () => {
  const visit = at('2026-04-01T00:00:00Z');
  it('counts a block up to and including the window, after the visit', () => {
    expect(blockedWithin({ at: visit, outcome: 'added', blockedAt: new Date(visit.getTime() + 7 * DAY), convertedAt: null }, 7)).toBe(true);
    expect(blockedWithin({ at: visit, outcome: 'added', blockedAt: new Date(visit.getTime() + 7 * DAY + 1), convertedAt: null }, 7)).toBe(
      false,
    );
    expect(blockedWithin({ at: visit, outcome: 'refollow', blockedAt: new Date(visit.getTime() + 20 * DAY), convertedAt: null }, 30)).toBe(
      true,
    );
  });
  it('does not count a block before the visit, or a visitor who was not added by it', () => {
    expect(blockedWithin({ at: visit, outcome: 'added', blockedAt: new Date(visit.getTime() - 1), convertedAt: null }, 7)).toBe(false);
    expect(blockedWithin({ at: visit, outcome: 'existing', blockedAt: new Date(visit.getTime() + DAY), convertedAt: null }, 7)).toBe(false);
    expect(blockedWithin({ at: visit, outcome: 'added', blockedAt: null, convertedAt: null }, 30)).toBe(false);
  });
});

describe('converted after', () => {
  const visit = at('2026-04-01T00:00:00Z');
  it('counts a friend the visit added or brought back who reached a goal after it', () => {
    expect(convertedAfter({ at: visit, outcome: 'added', blockedAt: null, convertedAt: at('2026-04-02T00:00:00Z') })).toBe(true);
    expect(convertedAfter({ at: visit, outcome: 'refollow', blockedAt: null, convertedAt: visit })).toBe(true);
  });
  it('not an existing friend, a goal before the visit, or none', () => {
    expect(convertedAfter({ at: visit, outcome: 'existing', blockedAt: null, convertedAt: at('2026-04-02T00:00:00Z') })).toBe(false);
    expect(convertedAfter({ at: visit, outcome: 'added', blockedAt: null, convertedAt: at('2026-03-31T00:00:00Z') })).toBe(false);
    expect(convertedAfter({ at: visit, outcome: 'added', blockedAt: null, convertedAt: null })).toBe(false);
  });
});

describe('route report', () => {
  const facts: VisitFact[] = [
    // 2026-04-01 JST (23:30 JST on 1 April is 14:30 UTC).
    { at: at('2026-04-01T14:30:00Z'), outcome: 'added', blockedAt: at('2026-04-03T00:00:00Z'), convertedAt: null },
    { at: at('2026-04-01T01:00:00Z'), outcome: 'added', blockedAt: null, convertedAt: at('2026-04-05T00:00:00Z') },
    { at: at('2026-04-01T02:00:00Z'), outcome: 'existing', blockedAt: null, convertedAt: at('2026-04-02T00:00:00Z') },
    // 15:30 UTC on 1 April is 00:30 JST on 2 April.
    { at: at('2026-04-01T15:30:00Z'), outcome: 'refollow', blockedAt: at('2026-04-20T00:00:00Z'), convertedAt: null },
    { at: at('2026-04-01T16:00:00Z'), outcome: 'not_friend', blockedAt: null, convertedAt: null },
  ];

  it('totals every figure', () => {
    expect(routeReport(facts, 'Asia/Tokyo').totals).toEqual({ visits: 5, added: 2, refollows: 1, blocks7: 1, blocks30: 2, conversions: 1 });
  });

  it('splits by local day in the zone, newest first', () => {
    expect(routeReport(facts, 'Asia/Tokyo').byDay).toEqual([
      { day: '2026-04-02', visits: 2, added: 0, refollows: 1, blocks7: 0, blocks30: 1, conversions: 0 },
      { day: '2026-04-01', visits: 3, added: 2, refollows: 0, blocks7: 1, blocks30: 1, conversions: 1 },
    ]);
    expect(routeReport(facts, 'UTC').byDay.map((d) => d.day)).toEqual(['2026-04-01']);
  });

  it('is empty without visits', () => {
    expect(routeReport([], 'Asia/Tokyo')).toEqual({
      totals: { visits: 0, added: 0, refollows: 0, blocks7: 0, blocks30: 0, conversions: 0 },
      byDay: [],
    });
  });
});
