// LINE plans: which plan a quota reading means, and the yen for messages beyond the free ones, tier by tier.
import { describe, expect, it } from 'vitest';
import { DEFAULT_LINE_PLANS, LinePlanTableSchema, monthCost, planForQuota } from './line-plans';

const plan = (id: string) => DEFAULT_LINE_PLANS.plans.find((p) => p.id === id)!;

describe('LINE plans', () => {
  it('the default table parses and states its date', () => {
    expect(LinePlanTableSchema.parse(DEFAULT_LINE_PLANS).asOf).toBe('2023-06-01');
  });

  it('reads the plan from the quota', () => {
    expect(planForQuota(DEFAULT_LINE_PLANS, { type: 'limited', limit: 200 }).id).toBe('communication');
    expect(planForQuota(DEFAULT_LINE_PLANS, { type: 'limited', limit: 5000 }).id).toBe('light');
    expect(planForQuota(DEFAULT_LINE_PLANS, { type: 'none', limit: null }).id).toBe('standard');
    expect(planForQuota(DEFAULT_LINE_PLANS, { type: 'limited', limit: 80_000 }).id).toBe('standard');
  });

  it('prices the messages beyond スタンダード’s 30,000 tier by tier', () => {
    expect(monthCost(plan('standard'), 30_000)).toEqual({ messages: 30_000, beyond: 0, yen: 0, refused: 0 });
    expect(monthCost(plan('standard'), 40_000).yen).toBe(30_000);
    // 20,000 at ¥3 and 10,000 at ¥2.8.
    expect(monthCost(plan('standard'), 60_000).yen).toBe(88_000);
    // An account's own cap: messages past it are refused, not charged.
    expect(monthCost(plan('standard'), 60_000, 50_000)).toEqual({ messages: 60_000, beyond: 20_000, yen: 60_000, refused: 10_000 });
  });

  it('on plans without extra messages, the ones beyond are refused, not charged', () => {
    expect(monthCost(plan('light'), 7_000)).toEqual({ messages: 7_000, beyond: 0, yen: 0, refused: 2_000 });
    expect(monthCost(plan('communication'), 150)).toEqual({ messages: 150, beyond: 0, yen: 0, refused: 0 });
  });
});
