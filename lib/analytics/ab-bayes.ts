// A/B chances and sample sizes: each arm's probability of having the highest rate (Beta posteriors), and the friends a
// two-proportion test needs to tell two rates apart.
import { gammaln } from 'simple-statistics';
import { normalCdf } from './ab-stats';

export interface Arm {
  successes: number;
  trials: number;
}

/** Grid points of the numerical integral: ample for whole percentages, even for one narrow and one wide posterior. */
const GRID = 8000;

/**
 * The probability that each arm's true rate is the highest, with a uniform Beta(1, 1) prior on every rate: the
 * posterior of an arm is Beta(1 + successes, 1 + failures), and P(arm i is best) = ∫ fᵢ(x) ∏ⱼ≠ᵢ Fⱼ(x) dx, integrated
 * with the midpoint rule over the range where the posteriors have their mass. The chances add up to 1.
 */
export function chanceToBeBest(arms: readonly Arm[]): number[] {
  if (arms.length === 0) return [];
  if (arms.length === 1) return [1];
  const posts = arms.map(({ successes, trials }) => {
    const a = 1 + Math.max(0, successes);
    const b = 1 + Math.max(0, trials - successes);
    const mean = a / (a + b);
    const sd = Math.sqrt((a * b) / ((a + b) ** 2 * (a + b + 1)));
    return { a, b, mean, sd, lnBeta: gammaln(a) + gammaln(b) - gammaln(a + b) };
  });
  const lo = Math.max(0, Math.min(...posts.map((p) => p.mean - 12 * p.sd)));
  const hi = Math.min(1, Math.max(...posts.map((p) => p.mean + 12 * p.sd)));
  const h = (hi - lo) / GRID;
  const cdf = posts.map(() => 0);
  const chances = posts.map(() => 0);
  const density = new Array<number>(posts.length).fill(0);
  for (let j = 0; j < GRID; j++) {
    const x = lo + (j + 0.5) * h;
    const lx = Math.log(x);
    const l1x = Math.log1p(-x);
    posts.forEach((p, i) => {
      density[i] = Math.exp((p.a - 1) * lx + (p.b - 1) * l1x - p.lnBeta) * h;
    });
    // Each CDF at x: the mass of the cells before, plus half of this one.
    const at = cdf.map((c, i) => c + (density[i] ?? 0) / 2);
    posts.forEach((_, i) => {
      let others = 1;
      at.forEach((f, k) => {
        if (k !== i) others *= f;
      });
      chances[i] = (chances[i] ?? 0) + (density[i] ?? 0) * others;
    });
    density.forEach((d, i) => {
      cdf[i] = (cdf[i] ?? 0) + d;
    });
  }
  const total = chances.reduce((s, c) => s + c, 0);
  return total > 0 ? chances.map((c) => c / total) : chances.map(() => 1 / chances.length);
}

/** Φ⁻¹(p) by bisection on the normal CDF (accurate to ~1e-7, unlike simple-statistics' probit). */
export function normalQuantile(p: number): number {
  let lo = -10;
  let hi = 10;
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2;
    if (normalCdf(mid) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * Friends each of two arms needs for a two-sided two-proportion z-test at level `alpha` to detect rates p1 and p2
 * with probability `power` (the usual formula with the pooled variance under H0; Fleiss, Statistical Methods for
 * Rates and Proportions, 3rd ed., 4.14 without continuity correction). Null when the rates are equal: no sample
 * size tells apart rates that do not differ.
 */
export function samplePerArm(p1: number, p2: number, alpha: number, power = 0.8): number | null {
  if (!Number.isFinite(p1) || !Number.isFinite(p2) || p1 === p2) return null;
  const za = normalQuantile(1 - alpha / 2);
  const zb = normalQuantile(power);
  const pBar = (p1 + p2) / 2;
  const n = (za * Math.sqrt(2 * pBar * (1 - pBar)) + zb * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))) ** 2 / (p1 - p2) ** 2;
  return Math.ceil(n);
}
