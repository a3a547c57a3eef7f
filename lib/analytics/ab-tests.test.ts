// splitResults(): the metric each split is judged on, the plain verdict and the friends still needed, worked out by hand.
import { describe, expect, it } from 'vitest';
import type { ArmFigures } from '@/db/queries/analytics-ab';
import { end, graphOf, text, trig } from '@/scenario/fixtures';
import type { ScenarioSettings } from '@/scenario/schema';
import { roughly, splitResults } from './ab-tests';

function abGraph(data: Record<string, unknown>, settings: Partial<ScenarioSettings> = {}) {
  return graphOf(
    [
      trig(),
      {
        id: 'sp',
        kind: 'split',
        data: {
          variants: [
            { id: 'a', label: 'A', weight: 50 },
            { id: 'b', label: 'B', weight: 50 },
          ],
          ...data,
        },
      },
      text('ma', 'a'),
      text('mb', 'b'),
      end('ea'),
      end('eb'),
    ],
    [
      ['trigger', 'next', 'sp'],
      ['sp', 'variant:a', 'ma'],
      ['sp', 'variant:b', 'mb'],
      ['ma', 'next', 'ea'],
      ['mb', 'next', 'eb'],
    ],
    settings,
  );
}
const goal = { goal: { eventName: 'purchase', windowDays: 7, exitOnGoal: false } };
const arm = (friends: number, clicked: number, converted = 0): ArmFigures => ({ friends, clicked, converted });
const arms = (o: Record<string, ArmFigures>) => new Map([['sp', o]]);

describe('splitResults', () => {
  it('judges on the goal when the scenario has one and nothing was chosen, else on clicks', () => {
    const figures = arms({ 'variant:a': arm(10, 5, 1), 'variant:b': arm(10, 2, 3) });
    expect(splitResults(abGraph({}, goal), 1, figures)[0]?.result.variants.map((v) => v.converted)).toEqual([1, 3]);
    expect(splitResults(abGraph({}), 1, figures)[0]?.result.variants.map((v) => v.converted)).toEqual([5, 2]);
    expect(splitResults(abGraph({ metric: 'clicks' }, goal), 1, figures)[0]?.metric).toBe('clicks');
    expect(splitResults(abGraph({ metric: 'goal' }), 1, figures)[0]?.verdict).toEqual({ kind: 'no_goal' });
  });

  it('says how many more friends: 15 % vs 25 % of 80 each, 20 % held out', () => {
    const [r] = splitResults(
      abGraph({ metric: 'clicks', holdoutPercent: 20 }),
      3,
      arms({ 'variant:a': arm(80, 12), 'variant:b': arm(80, 20), holdout: arm(20, 0) }),
    );
    // 250 per arm (249.98 from the formula at α = 0.05, 80 % power); each variant gets 40 % of those entering:
    // (250 − 80) / 0.4 = 425 more friends, "about 430".
    expect(r?.required).toEqual({ perArm: 250, between: ['b', 'a'], alpha: 0.05 });
    expect(r?.verdict).toMatchObject({ kind: 'too_early', leaderId: 'b', moreFriends: 430, reasons: ['few_friends'] });
    // P(B's rate > A's), Beta(21, 61) vs Beta(13, 69): 0.94111 (scipy).
    expect(r && r.verdict.kind === 'too_early' ? r.verdict.chance : null).toBeCloseTo(0.9411144, 4);
    expect(r?.holdout).toMatchObject({ entered: 20, converted: null });
  });

  it('compares each variant with the holdout when judged on the goal', () => {
    const [r] = splitResults(
      abGraph({ holdoutPercent: 10 }, goal),
      1,
      arms({ 'variant:a': arm(200, 0, 20), 'variant:b': arm(200, 0, 40), holdout: arm(200, 0, 20) }),
    );
    expect(r?.verdict).toMatchObject({ kind: 'winner', variantId: 'b' });
    // The holdout at 20 of 200 is A's twin and B's rival at 10 % vs 20 %: p ≈ 0.0051, P(B above) ≈ 0.99744.
    expect(r?.holdout?.rate).toBe(0.1);
    expect(r?.holdout?.vsVariants?.[1]?.pValue).toBeCloseTo(0.0051013996460049825, 6);
    expect(r?.holdout?.vsVariants?.[1]?.chanceAbove).toBeCloseTo(0.9974414258601126, 4);
    expect(r?.holdout?.vsVariants?.[0]?.difference).toBe(0);
  });

  it('has no leader before anyone entered, and no estimate for equal rates', () => {
    const [empty] = splitResults(abGraph({ metric: 'clicks' }), 1, new Map());
    expect(empty?.verdict).toEqual({
      kind: 'too_early',
      leaderId: null,
      chance: null,
      moreFriends: null,
      reasons: ['few_friends', 'few_conversions'],
    });
    expect(empty?.holdout).toBeNull();
    const [even] = splitResults(abGraph({ metric: 'clicks' }), 1, arms({ 'variant:a': arm(50, 5), 'variant:b': arm(50, 5) }));
    expect(even?.verdict).toMatchObject({ kind: 'too_early', moreFriends: null });
  });

  it('rounds "about N" up', () => {
    expect([roughly(3), roughly(425), roughly(1234), roughly(98_765), roughly(0)]).toEqual([10, 430, 1300, 99_000, 0]);
  });
});
