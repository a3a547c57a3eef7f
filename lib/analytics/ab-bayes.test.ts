// Chances to be best and sample sizes against reference values computed independently (scipy: integrate.quad over
// beta.pdf × beta.cdf; norm.ppf in the sample-size formula).
import { describe, expect, it } from 'vitest';
import { chanceToBeBest, normalQuantile, samplePerArm } from './ab-bayes';

describe('chanceToBeBest', () => {
  it('matches the integral for two arms', () => {
    const [a, b] = chanceToBeBest([
      { successes: 20, trials: 200 },
      { successes: 40, trials: 200 },
    ]);
    expect(b).toBeCloseTo(0.9974414258601126, 4);
    expect(a).toBeCloseTo(0.002558574139887387, 4);
    expect(
      chanceToBeBest([
        { successes: 12, trials: 120 },
        { successes: 9, trials: 110 },
      ])[0],
    ).toBeCloseTo(0.6761075841012674, 4);
  });

  it('matches the integral for three arms, adding up to 1', () => {
    const c = chanceToBeBest([
      { successes: 30, trials: 300 },
      { successes: 31, trials: 300 },
      { successes: 47, trials: 300 },
    ]);
    expect(c[0]).toBeCloseTo(0.01738203525779524, 4);
    expect(c[1]).toBeCloseTo(0.024734790389106778, 4);
    expect(c[2]).toBeCloseTo(0.9578831743530984, 4);
    expect(c.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12);
  });

  it('holds with one narrow and one wide posterior, and is even with no data', () => {
    expect(
      chanceToBeBest([
        { successes: 3, trials: 10 },
        { successes: 2000, trials: 100_000 },
      ])[0],
    ).toBeCloseTo(0.9999526095505546, 4);
    expect(
      chanceToBeBest([
        { successes: 0, trials: 0 },
        { successes: 0, trials: 0 },
      ]),
    ).toEqual([0.5, 0.5]);
    expect(chanceToBeBest([{ successes: 1, trials: 2 }])).toEqual([1]);
  });
});

describe('samplePerArm', () => {
  it('needs 199 per arm for 10 % vs 20 % at α = 0.05 and 80 % power (the textbook figure)', () => {
    expect(samplePerArm(0.1, 0.2, 0.05)).toBe(199); // 198.963
    expect(samplePerArm(0.207, 0.414, 0.05)).toBe(78); // 77.242
    expect(samplePerArm(0.1, 0.12, 0.025)).toBe(4652); // 4651.418
  });
  it('has no answer for equal rates', () => {
    expect(samplePerArm(0.1, 0.1, 0.05)).toBeNull();
  });
  it('inverts the normal CDF', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 6);
    expect(normalQuantile(0.8)).toBeCloseTo(0.8416212335729143, 6);
  });
});
