// A/B statistics against reference values computed independently (scipy.stats: binomtest Wilson CI, norm.sf).
import { describe, expect, it } from 'vitest';
import { compareVariants, differenceInterval, normalCdf, twoProportionPValue, wilsonInterval } from './ab-stats';

describe('normalCdf', () => {
  it('matches scipy.stats.norm.cdf', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1)).toBeCloseTo(0.8413447460685429, 6);
    expect(normalCdf(-2.5)).toBeCloseTo(0.006209665325776132, 6);
  });
});

describe('wilsonInterval', () => {
  it('matches scipy binomtest(...).proportion_ci(method="wilson")', () => {
    const a = wilsonInterval(20, 200);
    expect(a.low).toBeCloseTo(0.06567044866909588, 9);
    expect(a.high).toBeCloseTo(0.1494058124327174, 9);
    const b = wilsonInterval(40, 200);
    expect(b.low).toBeCloseTo(0.15045200926098115, 9);
    expect(b.high).toBeCloseTo(0.26085518656537876, 9);
  });
  it('stays inside [0, 1] at 0 % and 100 %', () => {
    expect(wilsonInterval(0, 10).low).toBe(0);
    expect(wilsonInterval(0, 10).high).toBeCloseTo(0.27753279986288926, 9);
    expect(wilsonInterval(10, 10).low).toBeCloseTo(0.7224672001371109, 9);
    expect(wilsonInterval(10, 10).high).toBe(1);
  });
  it('is the whole range with no trials', () => {
    expect(wilsonInterval(0, 0)).toEqual({ low: 0, high: 1 });
  });
});

describe('twoProportionPValue and differenceInterval', () => {
  it('10 % vs 20 % of 200 each: p ≈ 0.0051 (z = 2.80)', () => {
    expect(twoProportionPValue({ successes: 20, trials: 200 }, { successes: 40, trials: 200 })).toBeCloseTo(0.0051013996460049825, 6);
    const d = differenceInterval({ successes: 20, trials: 200 }, { successes: 40, trials: 200 });
    expect(d.low).toBeCloseTo(0.03002902252783124, 9);
    expect(d.high).toBeCloseTo(0.16987039306092558, 9);
  });
  it('is symmetric and undefined when it has nothing to test', () => {
    expect(twoProportionPValue({ successes: 12, trials: 120 }, { successes: 9, trials: 110 })).toBeCloseTo(0.6325111287365933, 6);
    expect(twoProportionPValue({ successes: 9, trials: 110 }, { successes: 12, trials: 120 })).toBeCloseTo(0.6325111287365933, 6);
    expect(twoProportionPValue({ successes: 0, trials: 50 }, { successes: 0, trials: 50 })).toBeNull();
    expect(twoProportionPValue({ successes: 0, trials: 0 }, { successes: 1, trials: 5 })).toBeNull();
  });
});

describe('compareVariants', () => {
  it('names B the winner at 10 % vs 20 % of 200 each', () => {
    const r = compareVariants([
      { id: 'a', label: 'A', entered: 200, converted: 20 },
      { id: 'b', label: 'B', entered: 200, converted: 40 },
    ]);
    expect(r.verdict).toEqual({ kind: 'winner', variantId: 'b' });
    expect(r.variants[0]?.vsControl).toBeNull();
    expect(r.variants[1]?.vsControl?.difference).toBeCloseTo(0.1, 12);
    expect(r.variants[1]?.vsControl?.significant).toBe(true);
  });
  it('names the control when every other variant is significantly worse', () => {
    const r = compareVariants([
      { id: 'a', label: 'A', entered: 200, converted: 40 },
      { id: 'b', label: 'B', entered: 200, converted: 20 },
    ]);
    expect(r.verdict).toEqual({ kind: 'winner', variantId: 'a' });
  });
  it('says "too early" below 100 friends per variant, even with a big gap', () => {
    const r = compareVariants([
      { id: 'a', label: 'A', entered: 99, converted: 5 },
      { id: 'b', label: 'B', entered: 120, converted: 40 },
    ]);
    expect(r.verdict).toEqual({ kind: 'too_early', reasons: ['few_friends'] });
  });
  it('says "too early" below 10 conversions in all', () => {
    const r = compareVariants([
      { id: 'a', label: 'A', entered: 500, converted: 1 },
      { id: 'b', label: 'B', entered: 500, converted: 8 },
    ]);
    expect(r.verdict).toEqual({ kind: 'too_early', reasons: ['few_conversions'] });
  });
  it('finds no clear difference at 10 % vs 8.2 %', () => {
    const r = compareVariants([
      { id: 'a', label: 'A', entered: 120, converted: 12 },
      { id: 'b', label: 'B', entered: 110, converted: 9 },
    ]);
    expect(r.verdict).toEqual({ kind: 'no_clear_difference' });
    expect(r.variants[1]?.vsControl?.pValue).toBeCloseTo(0.6325111287365933, 6);
  });
  it('holds three variants to a Bonferroni-split alpha', () => {
    // p ≈ 0.035 for C vs A: significant at 0.05 but not at 0.025.
    const r = compareVariants([
      { id: 'a', label: 'A', entered: 300, converted: 30 },
      { id: 'b', label: 'B', entered: 300, converted: 31 },
      { id: 'c', label: 'C', entered: 300, converted: 47 },
    ]);
    expect(r.alpha).toBeCloseTo(0.025, 12);
    const p = r.variants[2]?.vsControl?.pValue ?? 1;
    expect(p).toBeGreaterThan(0.025);
    expect(p).toBeLessThan(0.05);
    expect(r.verdict).toEqual({ kind: 'no_clear_difference' });
  });
});
