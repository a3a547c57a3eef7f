// Split node: A/B/n variants by weight and an optional holdout group, the friend's place fixed by a hash of (friend, node, salt).
import { z } from 'zod';
import { IdSchema } from '../primitives';
import { assignSplit, entryShares, sharePercent } from '../split';
import { defineNode } from './define-node';
import type { Lang, NodeIssue } from './types';

export const SplitVariantSchema = z.object({ id: IdSchema, label: z.string(), weight: z.number() });
/** What the A/B report compares the variants on; 'auto' is the goal when the scenario has one, else clicks. */
export const SplitMetricSchema = z.enum(['auto', 'clicks', 'goal']);
export type SplitMetric = z.infer<typeof SplitMetricSchema>;
export const HOLDOUT_MAX_PERCENT = 50;

export const SplitDataSchema = z.object({
  variants: z.array(SplitVariantSchema),
  /**
   * Absent in graphs saved before it existed, and in the plans their runs carry: read as 'auto'. Optional rather than
   * defaulted because plans inside running workflows are never re-parsed, so code must expect it missing anyway.
   */
  metric: SplitMetricSchema.optional(),
  /** Percent of entering friends held out as the control group: they get nothing and their run ends here. Absent: 0. */
  holdoutPercent: z.number().optional(),
});
export type SplitData = z.infer<typeof SplitDataSchema>;

export const variantOutput = (id: string) => `variant:${id}`;
/** The output a held-out friend leaves by: recorded as the step's output (analytics count it) but never connected. */
export const HOLDOUT_OUTPUT = 'holdout';

/** The metric the report uses: the stored choice, or for 'auto' the goal when the scenario has one, else clicks. */
export function splitMetric(d: Pick<SplitData, 'metric'>, hasGoal: boolean): 'clicks' | 'goal' {
  const m = d.metric ?? 'auto';
  return m === 'auto' ? (hasGoal ? 'goal' : 'clicks') : m;
}

const holdoutWords = (lang: Lang) => (lang === 'ja' ? '対照グループ' : 'control group');

export const splitNode = defineNode(
  'split',
  SplitDataSchema,
)({
  label: { ja: 'A/Bテスト', en: 'A/B split' },
  codes: {
    split_too_few_variants: 'A split with fewer than two variants.',
    split_weight_not_positive: 'A split variant with weight ≤ 0.',
    duplicate_variant_id: 'Two split variants share an id.',
    split_holdout_range: `A holdout group outside 0–${HOLDOUT_MAX_PERCENT} % of the friends entering the split.`,
    split_goal_missing: 'A split judged on goal conversion in a scenario without a goal.',
  },
  outputs: (d) => d.variants.map((v) => variantOutput(v.id)),
  outputLabel: (d, output, lang) =>
    output === HOLDOUT_OUTPUT ? holdoutWords(lang) : (d.variants.find((v) => variantOutput(v.id) === output)?.label ?? output),
  explain(d, taken, lang) {
    const shares = entryShares(d.variants, d.holdoutPercent);
    if (taken.output === HOLDOUT_OUTPUT) {
      return lang === 'ja'
        ? `対照グループ（${shares.holdout}%）に振り分け: 何も送らずに終了`
        : `held out as the control group (${shares.holdout}%): gets nothing and ends here`;
    }
    const i = d.variants.findIndex((v) => variantOutput(v.id) === taken.output);
    const v = d.variants[i];
    if (!v) return '';
    const share = shares.variants[i] ?? 0;
    return lang === 'ja' ? `パターン${v.label}（${share}%）に振り分け` : `assigned to variant ${v.label} (${share}%)`;
  },
  summary(d, lang) {
    const shares = entryShares(d.variants, d.holdoutPercent);
    const parts = d.variants.map((v, i) => `${v.label} ${shares.variants[i] ?? 0}%`);
    if (shares.holdout > 0) parts.push(`${holdoutWords(lang)} ${shares.holdout}%`);
    const metric = d.metric === 'clicks' ? (lang === 'ja' ? 'クリック率で判定' : 'judged on clicks') : null;
    const goal = d.metric === 'goal' ? (lang === 'ja' ? 'CV率で判定' : 'judged on conversion') : null;
    return [parts.join(' / '), metric ?? goal].filter(Boolean).join(' · ');
  },
  defaultData: () => ({
    variants: [
      { id: 'a', label: 'A', weight: 50 },
      { id: 'b', label: 'B', weight: 50 },
    ],
  }),
  readsFriend: () => false,
  alwaysWaits: () => false,
  check(d, ctx) {
    const issues: NodeIssue[] = [];
    if (d.variants.length < 2) {
      issues.push({
        code: 'split_too_few_variants',
        message: 'An A/B split needs at least two variants.',
        messageJa: 'A/Bテストには2つ以上のパターンが必要です。',
        path: ['variants'],
      });
    }
    const seen = new Set<string>();
    d.variants.forEach((v, i) => {
      if (!(v.weight > 0) || !Number.isFinite(v.weight)) {
        issues.push({
          code: 'split_weight_not_positive',
          message: `Variant ${v.label} has weight ${v.weight}; weights must be above zero.`,
          messageJa: `パターン${v.label}の割合（${v.weight}）は0より大きくしてください。`,
          path: ['variants', i, 'weight'],
        });
      }
      if (seen.has(v.id)) {
        issues.push({
          code: 'duplicate_variant_id',
          message: `Two variants share the id "${v.id}".`,
          messageJa: `パターンのID「${v.id}」が重複しています。`,
          path: ['variants', i, 'id'],
        });
      }
      seen.add(v.id);
    });
    const h = d.holdoutPercent;
    if (h !== undefined && !(Number.isFinite(h) && h >= 0 && h <= HOLDOUT_MAX_PERCENT)) {
      issues.push({
        code: 'split_holdout_range',
        message: `The control group is ${h} %; it must be between 0 and ${HOLDOUT_MAX_PERCENT} % of the friends entering.`,
        messageJa: `対照グループの割合（${h}%）は0〜${HOLDOUT_MAX_PERCENT}%にしてください。`,
        path: ['holdoutPercent'],
      });
    }
    if (d.metric === 'goal' && ctx.hasGoal === false) {
      issues.push({
        code: 'split_goal_missing',
        message: 'This split is judged on goal conversion, but the scenario has no goal: set one in the settings, or judge on clicks.',
        messageJa:
          'このA/BテストはCV率で判定する設定ですが、シナリオにゴールがありません。設定でゴールを決めるか、クリック率で判定してください。',
        path: ['metric'],
      });
    }
    return issues;
  },
  run(d, ctx) {
    const place = assignSplit(d, ctx.friend.id, ctx.nodeId, ctx.settings.splitSalt);
    if (place.kind === 'holdout') {
      return { type: 'end', reason: 'holdout', detail: `control group (${d.holdoutPercent ?? 0}%)`, output: HOLDOUT_OUTPUT };
    }
    if (place.kind === 'none') return { type: 'end', reason: 'dead_end', detail: 'split has no variant with a positive weight' };
    const v = place.variant;
    const share = sharePercent(d.variants)[d.variants.indexOf(v)] ?? 0;
    return { type: 'go', output: variantOutput(v.id), reason: `variant ${v.label} (${share}%)` };
  },
});
