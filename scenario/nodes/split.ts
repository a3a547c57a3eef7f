// Split node: A/B/n variants by weight, the friend's variant fixed by a hash of (friend, node, salt).
import { z } from 'zod';
import { IdSchema } from '../primitives';
import { pickVariant, sharePercent } from '../split';
import { defineNode } from './define-node';
import type { NodeIssue } from './types';

export const SplitVariantSchema = z.object({ id: IdSchema, label: z.string(), weight: z.number() });
export const SplitDataSchema = z.object({ variants: z.array(SplitVariantSchema) });

export const variantOutput = (id: string) => `variant:${id}`;

export const splitNode = defineNode(
  'split',
  SplitDataSchema,
)({
  label: { ja: 'A/Bテスト', en: 'A/B split' },
  codes: {
    split_too_few_variants: 'A split with fewer than two variants.',
    split_weight_not_positive: 'A split variant with weight ≤ 0.',
    duplicate_variant_id: 'Two split variants share an id.',
  },
  outputs: (d) => d.variants.map((v) => variantOutput(v.id)),
  outputLabel: (d, output) => d.variants.find((v) => variantOutput(v.id) === output)?.label ?? output,
  explain(d, taken, lang) {
    const i = d.variants.findIndex((v) => variantOutput(v.id) === taken.output);
    const v = d.variants[i];
    if (!v) return '';
    const share = sharePercent(d.variants)[i] ?? 0;
    return lang === 'ja' ? `パターン${v.label}（${share}%）に振り分け` : `assigned to variant ${v.label} (${share}%)`;
  },
  summary(d) {
    const shares = sharePercent(d.variants);
    return d.variants.map((v, i) => `${v.label} ${shares[i] ?? 0}%`).join(' / ');
  },
  defaultData: () => ({
    variants: [
      { id: 'a', label: 'A', weight: 50 },
      { id: 'b', label: 'B', weight: 50 },
    ],
  }),
  readsFriend: () => false,
  alwaysWaits: () => false,
  check(d) {
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
    return issues;
  },
  run(d, ctx) {
    const v = pickVariant(d.variants, ctx.friend.id, ctx.nodeId, ctx.settings.splitSalt);
    if (!v) return { type: 'end', reason: 'dead_end', detail: 'split has no variant with a positive weight' };
    const share = sharePercent(d.variants)[d.variants.indexOf(v)] ?? 0;
    return { type: 'go', output: variantOutput(v.id), reason: `variant ${v.label} (${share}%)` };
  },
});
