// Split assignment: shares over 100,000 friends match the weights within a percentage point; a friend's variant never moves.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pickVariant, sharePercent, splitPoint } from './split';

const variants = (...weights: number[]) => weights.map((weight, i) => ({ id: String.fromCharCode(97 + i), weight }));

describe('pickVariant', () => {
  it.each([[[50, 50]], [[70, 30]], [[1, 2, 3, 4]], [[90, 5, 5]], [[33, 33, 34]]])(
    'shares over 100,000 ids match weights %j within 1 pp',
    (weights) => {
      const vs = variants(...weights);
      const counts = new Map<string, number>();
      const n = 100_000;
      for (let i = 0; i < n; i++) {
        const v = pickVariant(vs, `friend-${i}`, 'split-1', 'salt-2025');
        counts.set(v?.id ?? '-', (counts.get(v?.id ?? '-') ?? 0) + 1);
      }
      const total = weights.reduce((a, b) => a + b, 0);
      vs.forEach((v) => expect(Math.abs((counts.get(v.id) ?? 0) / n - v.weight / total)).toBeLessThan(0.01));
    },
  );

  it('gives a friend the same variant every time (property)', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.string(),
        fc.string(),
        fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 2, maxLength: 5 }),
        (friend, node, salt, weights) => {
          const vs = variants(...weights);
          const first = pickVariant(vs, friend, node, salt);
          expect(first).not.toBeNull();
          expect(
            pickVariant(
              vs.map((v) => ({ ...v })),
              friend,
              node,
              salt,
            )?.id,
          ).toBe(first?.id);
          const p = splitPoint(friend, node, salt);
          expect(p).toBeGreaterThanOrEqual(0);
          expect(p).toBeLessThan(1);
        },
      ),
    );
  });

  it('splits independently per node and per salt', () => {
    let sameNode = 0;
    let sameSalt = 0;
    const vs = variants(1, 1);
    for (let i = 0; i < 10_000; i++) {
      const a = pickVariant(vs, `f${i}`, 'n1', 's')?.id;
      if (a === pickVariant(vs, `f${i}`, 'n2', 's')?.id) sameNode++;
      if (a === pickVariant(vs, `f${i}`, 'n1', 't')?.id) sameSalt++;
    }
    // Independent 50/50 splits agree about half the time.
    expect(Math.abs(sameNode / 10_000 - 0.5)).toBeLessThan(0.02);
    expect(Math.abs(sameSalt / 10_000 - 0.5)).toBeLessThan(0.02);
  });

  it('ignores non-positive weights and reports shares', () => {
    expect(pickVariant(variants(0, -1), 'f', 'n', 's')).toBeNull();
    expect(pickVariant(variants(0, 5), 'f', 'n', 's')?.id).toBe('b');
    expect(sharePercent(variants(1, 2))).toEqual([33.3, 66.7]);
  });
});
