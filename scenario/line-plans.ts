// LINE official account plans (quota and price, as configuration) and what a month's messages cost on one of them.
import { z } from 'zod';

const TierSchema = z.object({
  /** The tier covers the month's messages up to this count (inclusive); null for "and beyond". */
  upTo: z.number().int().positive().nullable(),
  yenPerMessage: z.number().nonnegative(),
});

export const LinePlanSchema = z.object({
  id: z.string().min(1),
  name: z.object({ ja: z.string(), en: z.string() }),
  /** Monthly fee in yen, tax excluded. */
  monthlyFee: z.number().nonnegative(),
  freeMessages: z.number().int().nonnegative(),
  /** Price tiers beyond the free messages (by the month's total count), or null when the plan cannot send beyond them. */
  extra: z.array(TierSchema).nullable(),
});
export type LinePlan = z.infer<typeof LinePlanSchema>;

export const LinePlanTableSchema = z.object({
  /** The date the figures were read from the source (YYYY-MM-DD). */
  asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  source: z.string(),
  plans: z.array(LinePlanSchema).min(1),
});
export type LinePlanTable = z.infer<typeof LinePlanTableSchema>;

/**
 * LINE Japan's plans as revised on 2023-06-01 (LINEヤフー for Business, "LINE公式アカウント 料金プラン"), tax excluded.
 * The スタンダード tiers past 100,000 are the published table as we read it; an account on other terms sets its own table
 * (KIZUNA_LINE_PLANS).
 */
export const DEFAULT_LINE_PLANS: LinePlanTable = {
  asOf: '2023-06-01',
  source: 'https://www.linebiz.com/jp/service/line-official-account/plan/',
  plans: [
    { id: 'communication', name: { ja: 'コミュニケーションプラン', en: 'Communication' }, monthlyFee: 0, freeMessages: 200, extra: null },
    { id: 'light', name: { ja: 'ライトプラン', en: 'Light' }, monthlyFee: 5000, freeMessages: 5000, extra: null },
    {
      id: 'standard',
      name: { ja: 'スタンダードプラン', en: 'Standard' },
      monthlyFee: 15000,
      freeMessages: 30000,
      extra: [
        { upTo: 50_000, yenPerMessage: 3 },
        { upTo: 100_000, yenPerMessage: 2.8 },
        { upTo: 200_000, yenPerMessage: 2.6 },
        { upTo: 500_000, yenPerMessage: 2.4 },
        { upTo: 1_000_000, yenPerMessage: 2.2 },
        { upTo: 2_000_000, yenPerMessage: 2 },
        { upTo: 3_000_000, yenPerMessage: 1.9 },
        { upTo: 5_000_000, yenPerMessage: 1.8 },
        { upTo: 10_000_000, yenPerMessage: 1.7 },
        { upTo: 30_000_000, yenPerMessage: 1.6 },
        { upTo: 50_000_000, yenPerMessage: 1.5 },
        { upTo: null, yenPerMessage: 1.4 },
      ],
    },
  ],
};

/**
 * The plan an account is on, from LINE's quota reading: a limited quota equal to a plan's free messages is that plan;
 * no limit (or a limit above every plan's free messages) is the plan that sells messages beyond its quota.
 */
export function planForQuota(table: LinePlanTable, quota: { type: 'none' | 'limited'; limit: number | null }): LinePlan {
  if (quota.type === 'limited' && quota.limit !== null) {
    const exact = table.plans.find((p) => p.freeMessages === quota.limit);
    if (exact) return exact;
  }
  const selling = table.plans.filter((p) => p.extra !== null).sort((a, b) => a.freeMessages - b.freeMessages);
  return selling[0] ?? table.plans[table.plans.length - 1]!;
}

export type MonthCost = {
  messages: number;
  /** Messages beyond the free ones. */
  beyond: number;
  /** Yen for the messages beyond (tax excluded); 0 on a plan that cannot send them. */
  yen: number;
  /** Messages LINE would refuse (a plan without extra messages, or an account's own lower limit). */
  refused: number;
};

/** What `messages` in one month cost beyond `plan`'s free messages, tier by tier; `limit` is LINE's cap if one is set. */
export function monthCost(plan: LinePlan, messages: number, limit: number | null = null): MonthCost {
  const m = Math.max(0, Math.round(messages));
  const cap = plan.extra === null ? plan.freeMessages : limit !== null ? Math.max(limit, plan.freeMessages) : Infinity;
  const sendable = Math.min(m, cap);
  const beyond = Math.max(0, sendable - plan.freeMessages);
  let yen = 0;
  let from = plan.freeMessages;
  for (const tier of plan.extra ?? []) {
    const to = Math.min(sendable, tier.upTo ?? Infinity);
    if (to > from) yen += (to - from) * tier.yenPerMessage;
    from = Math.max(from, tier.upTo ?? Infinity);
    if (from >= sendable) break;
  }
  return { messages: m, beyond, yen: Math.round(yen), refused: m - sendable };
}
