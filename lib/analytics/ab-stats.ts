// A/B statistics: Wilson intervals per variant, Newcombe difference intervals, a pooled two-proportion z-test, and the "too early to call" rule.
import { errorFunction } from 'simple-statistics';

/** The two-sided 95 % normal quantile, Φ⁻¹(0.975) (a constant: simple-statistics' probit is only accurate to ~2e-3). */
export const Z95 = 1.959963984540054;
export const ALPHA = 0.05;
/** Below these, a result is "too early to call": each variant needs this many friends, and all variants together this many conversions. */
export const MIN_PER_VARIANT = 100;
export const MIN_CONVERSIONS = 10;

export interface Interval {
  low: number;
  high: number;
}

/** Standard normal CDF Φ(z) through simple-statistics' error function (accurate to ~1e-7, ample for p-values). */
export function normalCdf(z: number): number {
  return z >= 0 ? 0.5 * (1 + errorFunction(z / Math.SQRT2)) : 0.5 * (1 - errorFunction(-z / Math.SQRT2));
}

/** Wilson score interval for successes out of trials (good at small n and at rates near 0 or 1, unlike the Wald interval). */
export function wilsonInterval(successes: number, trials: number, z = Z95): Interval {
  if (trials <= 0) return { low: 0, high: 1 };
  const p = successes / trials;
  const z2 = z * z;
  const centre = (p + z2 / (2 * trials)) / (1 + z2 / trials);
  const half = (z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials))) / (1 + z2 / trials);
  // At 0 % and 100 % the bound is exactly 0 or 1 (rounding would leave 0.9999999999999999).
  return { low: successes <= 0 ? 0 : Math.max(0, centre - half), high: successes >= trials ? 1 : Math.min(1, centre + half) };
}

/**
 * Newcombe's hybrid score interval (method 10, 1998) for p_b − p_a, built from the two Wilson intervals;
 * it keeps its coverage at the small samples many LINE accounts have.
 */
export function differenceInterval(a: { successes: number; trials: number }, b: { successes: number; trials: number }, z = Z95): Interval {
  const pa = a.trials > 0 ? a.successes / a.trials : 0;
  const pb = b.trials > 0 ? b.successes / b.trials : 0;
  const wa = wilsonInterval(a.successes, a.trials, z);
  const wb = wilsonInterval(b.successes, b.trials, z);
  const d = pb - pa;
  return {
    low: d - Math.sqrt((pb - wb.low) ** 2 + (wa.high - pa) ** 2),
    high: d + Math.sqrt((wb.high - pb) ** 2 + (pa - wa.low) ** 2),
  };
}

/** Two-sided p-value of the pooled two-proportion z-test (H0: equal rates); null when it is undefined (no trials, or 0 % / 100 % everywhere). */
export function twoProportionPValue(a: { successes: number; trials: number }, b: { successes: number; trials: number }): number | null {
  if (a.trials <= 0 || b.trials <= 0) return null;
  const pooled = (a.successes + b.successes) / (a.trials + b.trials);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / a.trials + 1 / b.trials));
  if (se === 0) return null;
  const zScore = (b.successes / b.trials - a.successes / a.trials) / se;
  return Math.min(1, 2 * (1 - normalCdf(Math.abs(zScore))));
}

export interface VariantCount {
  id: string;
  label: string;
  entered: number;
  converted: number;
}

export interface VariantResult extends VariantCount {
  rate: number | null;
  interval: Interval;
  /** Against the first variant (the control); null for the control itself. */
  vsControl: { difference: number; interval: Interval; pValue: number | null; significant: boolean } | null;
}

export type Verdict =
  | { kind: 'too_early'; reasons: ('few_friends' | 'few_conversions')[] }
  | { kind: 'no_clear_difference' }
  | { kind: 'winner'; variantId: string };

export interface AbResult {
  variants: VariantResult[];
  /** Significance level each comparison with the control is held to: 0.05 split over the comparisons (Bonferroni). */
  alpha: number;
  verdict: Verdict;
}

/**
 * Compares every variant with the first (the control). A winner is named only when the sample is large enough and
 * the leader differs significantly from every other variant it is compared with; otherwise the verdict says why not.
 */
export function compareVariants(counts: readonly VariantCount[]): AbResult {
  const control = counts[0];
  const comparisons = Math.max(1, counts.length - 1);
  const alpha = ALPHA / comparisons;
  const variants: VariantResult[] = counts.map((v, i) => {
    const rate = v.entered > 0 ? v.converted / v.entered : null;
    const interval = wilsonInterval(v.converted, v.entered);
    if (i === 0 || !control) return { ...v, rate, interval, vsControl: null };
    const a = { successes: control.converted, trials: control.entered };
    const b = { successes: v.converted, trials: v.entered };
    const pValue = twoProportionPValue(a, b);
    const difference = (b.trials > 0 ? b.successes / b.trials : 0) - (a.trials > 0 ? a.successes / a.trials : 0);
    return {
      ...v,
      rate,
      interval,
      vsControl: { difference, interval: differenceInterval(a, b), pValue, significant: pValue !== null && pValue < alpha },
    };
  });

  const reasons: ('few_friends' | 'few_conversions')[] = [];
  if (counts.length < 2 || counts.some((v) => v.entered < MIN_PER_VARIANT)) reasons.push('few_friends');
  if (counts.reduce((s, v) => s + v.converted, 0) < MIN_CONVERSIONS) reasons.push('few_conversions');
  if (reasons.length > 0) return { variants, alpha, verdict: { kind: 'too_early', reasons } };

  const [first, ...others] = variants;
  if (!first) return { variants, alpha, verdict: { kind: 'no_clear_difference' } };
  const better = others.filter((v) => v.vsControl?.significant && v.vsControl.difference > 0);
  if (better.length > 0) {
    // The best of the variants that beat the control; with three or more, it must also stand apart from the runner-up.
    const sorted = [...better].sort((x, y) => (y.rate ?? 0) - (x.rate ?? 0));
    const best = sorted[0];
    const runnerUp = sorted[1];
    if (best && (!runnerUp || separated(best, runnerUp, alpha)))
      return { variants, alpha, verdict: { kind: 'winner', variantId: best.id } };
    return { variants, alpha, verdict: { kind: 'no_clear_difference' } };
  }
  if (others.length > 0 && others.every((v) => v.vsControl?.significant && v.vsControl.difference < 0)) {
    return { variants, alpha, verdict: { kind: 'winner', variantId: first.id } };
  }
  return { variants, alpha, verdict: { kind: 'no_clear_difference' } };
}

function separated(a: VariantCount, b: VariantCount, alpha: number): boolean {
  const p = twoProportionPValue({ successes: b.converted, trials: b.entered }, { successes: a.converted, trials: a.entered });
  return p !== null && p < alpha;
}
