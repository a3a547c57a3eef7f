// Pure glue from one version's split nodes and their per-output figures to one plain A/B comparison per split.
import type { ArmFigures } from '@/db/queries/analytics-ab';
import { HOLDOUT_OUTPUT, splitMetric, variantOutput } from '@/scenario/nodes/split';
import type { ScenarioGraph } from '@/scenario/schema';
import { entryShares } from '@/scenario/split';
import { chanceToBeBest, samplePerArm } from './ab-bayes';
import {
  compareVariants,
  differenceInterval,
  MIN_CONVERSIONS,
  MIN_PER_VARIANT,
  twoProportionPValue,
  wilsonInterval,
  type AbResult,
  type Interval,
} from './ab-stats';

export type AbMetric = 'clicks' | 'goal';

export interface HoldoutResult {
  entered: number;
  /** Judged on goal: the holdout's conversions. On clicks: null (it is sent nothing, so it has nothing to tap). */
  converted: number | null;
  rate: number | null;
  interval: Interval | null;
  /** Judged on goal, per variant in order: the chance its rate is above the holdout's, and the difference from it. */
  vsVariants: { chanceAbove: number; difference: number; interval: Interval; pValue: number | null }[] | null;
}

/** What the report says first, in words: a winner, or why not yet and how many more friends it would take. */
export type PlainVerdict =
  | { kind: 'winner'; variantId: string; chance: number }
  | {
      kind: 'too_early' | 'no_clear_difference';
      /** The variant most likely best so far and that chance (null before anyone entered). */
      leaderId: string | null;
      chance: number | null;
      /** About how many more friends must reach the split (null when the rates do not differ at all). */
      moreFriends: number | null;
      reasons: ('few_friends' | 'few_conversions')[];
    }
  | { kind: 'no_goal' };

export interface SplitResult {
  nodeId: string;
  label: string | null;
  metric: AbMetric;
  /** The one version whose friends are compared. */
  version: number;
  holdoutPercent: number;
  /** The frequentist comparison of the variants (`converted` holds the successes on the metric: clicks or conversions). */
  result: AbResult;
  /** Per variant in order: the chance its rate is the highest (Bayesian, uniform prior). */
  chances: number[];
  holdout: HoldoutResult | null;
  verdict: PlainVerdict;
  /** The least friends per variant and successes in all before any winner is named (the verdict's words quote them). */
  minimums: { perVariant: number; successes: number };
  /** The sample size behind `moreFriends`: per arm, for the leader and its closest rival, at the test's level and 80 % power. */
  required: { perArm: number; between: [string, string]; alpha: number } | null;
}

/** "About N": rounded up to 10 below 1,000, to 100 below 10,000, then to two significant digits. */
export function roughly(n: number): number {
  if (n <= 0) return 0;
  const step = n < 1000 ? 10 : n < 10_000 ? 100 : 10 ** (Math.floor(Math.log10(n)) - 1);
  return Math.ceil(n / step) * step;
}

/** One comparison per split node of `graph` (one version's graph), from `arms`: split node id → output → figures. */
export function splitResults(
  graph: ScenarioGraph,
  version: number,
  arms: ReadonlyMap<string, Readonly<Record<string, ArmFigures>>>,
): SplitResult[] {
  const hasGoal = graph.settings.goal !== undefined;
  const out: SplitResult[] = [];
  for (const n of graph.nodes) {
    if (n.kind !== 'split') continue;
    const metric = splitMetric(n.data, hasGoal);
    const figures = arms.get(n.id) ?? {};
    const success = (f: ArmFigures | undefined) => (metric === 'clicks' ? (f?.clicked ?? 0) : (f?.converted ?? 0));
    const counts = n.data.variants.map((v) => {
      const f = figures[variantOutput(v.id)];
      return { id: v.id, label: v.label, entered: f?.friends ?? 0, converted: success(f) };
    });
    const result = compareVariants(counts);
    const chances = chanceToBeBest(counts.map((c) => ({ successes: c.converted, trials: c.entered })));
    const shares = entryShares(n.data.variants, n.data.holdoutPercent);
    const h = figures[HOLDOUT_OUTPUT];
    const holdout = shares.holdout > 0 || h ? holdoutResult(metric, h, counts) : null;
    const base = {
      nodeId: n.id,
      label: n.label ?? null,
      metric,
      version,
      holdoutPercent: shares.holdout,
      result,
      chances,
      holdout,
      minimums: { perVariant: MIN_PER_VARIANT, successes: MIN_CONVERSIONS },
    };
    if (metric === 'goal' && !hasGoal) {
      out.push({ ...base, verdict: { kind: 'no_goal' }, required: null });
      continue;
    }
    out.push({ ...base, ...plainVerdict(result, chances, shares.variants) });
  }
  return out;
}

function holdoutResult(
  metric: AbMetric,
  f: ArmFigures | undefined,
  variants: readonly { entered: number; converted: number }[],
): HoldoutResult {
  const entered = f?.friends ?? 0;
  if (metric === 'clicks') return { entered, converted: null, rate: null, interval: null, vsVariants: null };
  const converted = f?.converted ?? 0;
  const ho = { successes: converted, trials: entered };
  return {
    entered,
    converted,
    rate: entered > 0 ? converted / entered : null,
    interval: wilsonInterval(converted, entered),
    vsVariants: variants.map((v) => {
      const arm = { successes: v.converted, trials: v.entered };
      const rate = (a: { successes: number; trials: number }) => (a.trials > 0 ? a.successes / a.trials : 0);
      return {
        chanceAbove: chanceToBeBest([ho, arm])[1] ?? 0,
        difference: rate(arm) - rate(ho),
        interval: differenceInterval(ho, arm),
        pValue: twoProportionPValue(ho, arm),
      };
    }),
  };
}

/** The verdict in words and, short of a winner, the friends still needed (entry shares in %, holdout set aside). */
function plainVerdict(result: AbResult, chances: readonly number[], shares: readonly number[]): Pick<SplitResult, 'verdict' | 'required'> {
  const v = result.verdict;
  const vs = result.variants;
  if (v.kind === 'winner') {
    const i = vs.findIndex((x) => x.id === v.variantId);
    return { verdict: { kind: 'winner', variantId: v.variantId, chance: chances[i] ?? 0 }, required: null };
  }
  const reasons = v.kind === 'too_early' ? v.reasons : [];
  const anyone = vs.some((x) => x.entered > 0);
  let leader = -1;
  chances.forEach((c, i) => {
    if (anyone && (leader < 0 || c > (chances[leader] ?? 0))) leader = i;
  });
  // The closest rival: the highest rate after the leader's (the comparison that decides last).
  let rival = -1;
  vs.forEach((x, i) => {
    if (i !== leader && (rival < 0 || (x.rate ?? 0) > (vs[rival]?.rate ?? 0))) rival = i;
  });
  const L = vs[leader];
  const R = vs[rival];
  const base = { kind: v.kind, leaderId: L?.id ?? null, chance: L ? (chances[leader] ?? null) : null, reasons };
  const perTest = L && R ? samplePerArm(R.rate ?? 0, L.rate ?? 0, result.alpha) : null;
  if (!L || !R || perTest === null) return { verdict: { ...base, moreFriends: null }, required: null };
  const perArm = Math.max(perTest, MIN_PER_VARIANT);
  // Friends reach a variant in proportion to its share of everyone entering the split.
  const more = (i: number) => {
    const share = (shares[i] ?? 0) / 100;
    const missing = perArm - (vs[i]?.entered ?? 0);
    return missing > 0 && share > 0 ? missing / share : 0;
  };
  let needed = Math.max(more(leader), more(rival));
  const successes = vs.reduce((s, x) => s + x.converted, 0);
  const entered = vs.reduce((s, x) => s + x.entered, 0);
  const inTest = shares.reduce((s, x) => s + x, 0) / 100;
  if (successes < MIN_CONVERSIONS && successes > 0 && inTest > 0) {
    needed = Math.max(needed, ((MIN_CONVERSIONS - successes) * entered) / successes / inTest);
  }
  return {
    verdict: { ...base, moreFriends: needed > 0 ? roughly(needed) : null },
    required: { perArm, between: [L.id, R.id], alpha: result.alpha },
  };
}
