// Seeded randomness for the forecast: a PRNG, Poisson and exponential draws, quantiles (the seed is an input; no Math.random).
import { quantileSorted } from 'simple-statistics';

export type Rng = () => number;

/** mulberry32: small, fast and good enough for resampling; the same seed gives the same forecast. */
export function createRng(seed: number): Rng {
  let s = seed | 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(rng: Rng): number {
  // Box–Muller; 1 - u keeps the logarithm finite.
  const u = 1 - rng();
  const v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** A Poisson(mean) draw: Knuth's product method for small means, the continuity-corrected normal above 30. */
export function poisson(rng: Rng, mean: number): number {
  if (mean <= 0) return 0;
  if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal(rng)));
  const limit = Math.exp(-mean);
  let k = 0;
  let p = rng();
  while (p > limit) {
    k++;
    p *= rng();
  }
  return k;
}

/** The waiting time to the next event of a Poisson process with this rate (per ms). */
export function exponential(rng: Rng, ratePerMs: number): number {
  return -Math.log(1 - rng()) / ratePerMs;
}

/** The `level` central interval of the values (e.g. 0.9 → the 5th and 95th percentiles), by simple-statistics. */
export function centralInterval(values: readonly number[], level: number): { low: number; high: number } {
  if (values.length === 0) return { low: 0, high: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  const tail = (1 - level) / 2;
  return { low: quantileSorted(sorted, tail), high: quantileSorted(sorted, 1 - tail) };
}
