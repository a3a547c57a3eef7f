// quotaOutlook(): the month's projected messages against the plan, the verdict and the yen beyond the quota.
import { describe, expect, it } from 'vitest';
import type { Forecast } from './forecast';
import { DEFAULT_LINE_PLANS } from './line-plans';
import { quotaOutlook } from './quota-outlook';

const NOW = Date.parse('2026-03-11T00:00:00+09:00'); // 10 days into March (JST)

function fc(total: number, march: number): Forecast {
  const r = (n: number) => ({ expected: n, low: Math.round(n * 0.9), high: Math.round(n * 1.1) });
  return {
    start: NOW,
    days: 30,
    level: 0.9,
    sampleSize: 100,
    entriesPerDay: r(10),
    perDay: [],
    perNode: {},
    byMonth: [
      { month: '2026-03', messages: r(march) },
      { month: '2026-04', messages: r(total - march) },
    ],
    total: r(total),
  };
}

describe('quotaOutlook', () => {
  it('on スタンダード, prices the messages beyond 30,000 in yen', () => {
    // 10,000 used in 10 days: 1,000 a day; 21 days left → 31,000 from the rest of the account, +20,000 from the scenario.
    const o = quotaOutlook({
      table: DEFAULT_LINE_PLANS,
      reading: { type: 'none', limit: null, used: 10_000 },
      forecast: fc(30_000, 20_000),
      now: NOW,
      timeZone: 'Asia/Tokyo',
    });
    expect(o.plan.id).toBe('standard');
    expect(o.thisMonth.month).toBe('2026-03');
    expect(o.thisMonth.messages.expected).toBe(51_000);
    // 20,000 × ¥3 + 1,000 × ¥2.8
    expect(o.thisMonth.yen.expected).toBe(62_800);
    expect(o.verdict).toBe('over');
    // Without the scenario the account would already pass 30,000 by 1,000 (¥3,000): the scenario adds the rest.
    expect(o.thisMonth.withoutScenario).toBe(31_000);
    expect(o.thisMonth.scenarioYen.expected).toBe(59_800);
  });

  it('on ライト, messages beyond 5,000 are refused and the verdict says so', () => {
    const o = quotaOutlook({
      table: DEFAULT_LINE_PLANS,
      reading: { type: 'limited', limit: 5000, used: 1000 },
      forecast: fc(4000, 1500),
      now: NOW,
      timeZone: 'Asia/Tokyo',
    });
    expect(o.plan.id).toBe('light');
    expect(o.verdict).toBe('over');
    expect(o.fullMonth.yen.expected).toBe(0);
    expect(o.fullMonth.refused.expected).toBe(2000);
  });

  it('within the quota when even the interval’s top fits', () => {
    const o = quotaOutlook({
      table: DEFAULT_LINE_PLANS,
      reading: { type: 'limited', limit: 5000, used: 100 },
      forecast: fc(300, 200),
      now: NOW,
      timeZone: 'Asia/Tokyo',
    });
    expect(o.verdict).toBe('within');
  });

  it('leaves a live scenario’s own sends out of the rest of the account’s pace (they are the forecast’s)', () => {
    // 10,000 used in 10 days, 4,000 of them this scenario's: the rest of the account sends 600 a day (12,600 in the 21
    // days left). Counted once: 10,000 + 12,600 + the scenario's 20,000 = 42,600 (not 51,000, which counts it twice).
    const args = {
      table: DEFAULT_LINE_PLANS,
      reading: { type: 'none' as const, limit: null, used: 10_000 },
      forecast: fc(30_000, 20_000),
      now: NOW,
      timeZone: 'Asia/Tokyo',
    };
    const o = quotaOutlook({ ...args, ownUsedThisMonth: 4000 });
    expect(o.ownUsed).toBe(4000);
    expect(o.thisMonth.messages.expected).toBe(42_600);
    // A whole month: the rest at 600 a day for 30 days + the scenario's 30-day projection.
    expect(o.fullMonth.messages.expected).toBe(18_000 + 30_000);
    // A scenario that sent everything this month: the rest of the account adds nothing.
    expect(quotaOutlook({ ...args, ownUsedThisMonth: 10_000 }).thisMonth.messages.expected).toBe(30_000);
    // LINE's count lagging ours never makes the pace negative.
    const lagging = quotaOutlook({ ...args, ownUsedThisMonth: 12_000 });
    expect(lagging.ownUsed).toBe(10_000);
    expect(lagging.thisMonth.messages.expected).toBe(30_000);
    // A draft never published has no sends of its own: the pace is the whole count, as before.
    expect(quotaOutlook(args).thisMonth.messages.expected).toBe(51_000);
  });
});
