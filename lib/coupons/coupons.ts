// Coupons through LINE's Coupon API (the @line/bot-sdk client): the account's coupons with their status, creating one
// from the admin form (reward, validity, lottery, limits) and closing one. LINE holds the coupons; Kizuna keeps no copy.
import 'server-only';
import { HTTPFetchError, type messagingApi } from '@line/bot-sdk';
import { z } from 'zod';
import type { CouponRef } from '@/scenario/coupons';
import { AppError, parseOrThrow } from '../errors';
import type { LineClient } from '../line/client';

const STATUSES = ['RUNNING', 'DRAFT', 'CLOSED'] as const;
const PAGE = 100;

/** Every coupon of the account with its status: one listing per status (LINE's list answers only ids and titles). */
export async function listCoupons(line: LineClient): Promise<CouponRef[]> {
  const out: CouponRef[] = [];
  for (const status of STATUSES) {
    let start: string | undefined;
    do {
      const page = await line.listCoupon(new Set([status]), start, PAGE);
      for (const c of page.items) out.push({ couponId: c.couponId, title: c.title, status });
      start = page.next;
    } while (start);
  }
  return out;
}

/** One coupon in full (reward, validity, lottery, limits), or null when LINE does not know it. */
export async function getCoupon(line: LineClient, couponId: string): Promise<messagingApi.CouponResponse | null> {
  try {
    return await line.getCouponDetail(couponId);
  } catch (err) {
    if (err instanceof HTTPFetchError && err.status === 404) return null;
    throw err;
  }
}

const RewardSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('discount_fixed'), amount: z.number().int().positive() }),
  z.object({ type: z.literal('discount_percentage'), percentage: z.number().int().min(1).max(99) }),
  z.object({
    type: z.literal('discount_explicit'),
    originalPrice: z.number().int().positive(),
    priceAfterDiscount: z.number().int().min(0),
  }),
  z.object({ type: z.literal('cashBack_fixed'), amount: z.number().int().positive() }),
  z.object({ type: z.literal('cashBack_percentage'), percentage: z.number().int().min(1).max(99) }),
  z.object({ type: z.literal('free') }),
  z.object({ type: z.literal('gift') }),
  z.object({ type: z.literal('others') }),
]);
export type CouponReward = z.infer<typeof RewardSchema>;
export const REWARD_TYPES = RewardSchema.options.map((o) => o.shape.type.value);

/** The admin form, validated at the boundary: LINE's limits from messaging-api.yml (CouponCreateRequest). */
export const CouponFormSchema = z
  .object({
    title: z.string().trim().min(1).max(60),
    description: z.string().max(1000).default(''),
    usageCondition: z.string().max(100).default(''),
    imageUrl: z.union([z.literal(''), z.url({ protocol: /^https$/ })]).default(''),
    couponCode: z.string().max(100).default(''),
    reward: RewardSchema,
    /** Epoch seconds. */
    startTimestamp: z.number().int().positive(),
    endTimestamp: z.number().int().positive(),
    visibility: z.enum(['UNLISTED', 'PUBLIC']),
    /** Lottery: the chance to win (1–99 %) and how many can win in all (-1: no limit). */
    lottery: z.object({ probability: z.number().int().min(1).max(99), maxAcquireCount: z.number().int().min(-1).max(999_999) }).nullable(),
    /** How often one ticket can be used: once (1) or without limit (-1). */
    maxUseCountPerTicket: z.union([z.literal(1), z.literal(-1)]),
  })
  .refine((f) => f.endTimestamp > f.startTimestamp, { path: ['endTimestamp'], message: 'the end must be after the start' });
export type CouponForm = z.infer<typeof CouponFormSchema>;

function rewardRequest(r: CouponReward): messagingApi.CouponRewardRequest {
  switch (r.type) {
    case 'discount_fixed':
      return { type: 'discount', priceInfo: { type: 'fixed', fixedAmount: r.amount } };
    case 'discount_percentage':
      return { type: 'discount', priceInfo: { type: 'percentage', percentage: r.percentage } };
    case 'discount_explicit':
      return {
        type: 'discount',
        priceInfo: { type: 'explicit', originalPrice: r.originalPrice, priceAfterDiscount: r.priceAfterDiscount },
      };
    case 'cashBack_fixed':
      return { type: 'cashBack', priceInfo: { type: 'fixed', fixedAmount: r.amount } };
    case 'cashBack_percentage':
      return { type: 'cashBack', priceInfo: { type: 'percentage', percentage: r.percentage } };
    case 'free':
    case 'gift':
    case 'others':
      return { type: r.type };
  }
}

/** LINE's CouponCreateRequest for the form (times in Japan: the coupon's timezone is ASIA_TOKYO). */
export function couponCreateRequest(f: CouponForm): messagingApi.CouponCreateRequest {
  return {
    title: f.title,
    ...(f.description ? { description: f.description } : {}),
    ...(f.usageCondition ? { usageCondition: f.usageCondition } : {}),
    ...(f.imageUrl ? { imageUrl: f.imageUrl } : {}),
    ...(f.couponCode ? { couponCode: f.couponCode } : {}),
    reward: rewardRequest(f.reward),
    startTimestamp: f.startTimestamp,
    endTimestamp: f.endTimestamp,
    visibility: f.visibility,
    timezone: 'ASIA_TOKYO',
    maxUseCountPerTicket: f.maxUseCountPerTicket,
    acquisitionCondition: f.lottery
      ? { type: 'lottery', lotteryProbability: f.lottery.probability, maxAcquireCount: f.lottery.maxAcquireCount }
      : { type: 'normal' },
  };
}

export async function createCoupon(line: LineClient, input: unknown): Promise<{ couponId: string }> {
  const form = parseOrThrow(CouponFormSchema, input, 'coupon');
  try {
    return await line.createCoupon(couponCreateRequest(form));
  } catch (err) {
    if (err instanceof HTTPFetchError && err.status === 400) throw new AppError('invalid:coupon', `LINE refused the coupon: ${err.body}`);
    throw err;
  }
}

/** Closes a coupon: it can no longer be sent or acquired. Closing one already closed is a conflict, not a failure. */
export async function closeCoupon(line: LineClient, couponId: string): Promise<void> {
  try {
    await line.closeCoupon(couponId);
  } catch (err) {
    if (err instanceof HTTPFetchError && err.status === 404) throw new AppError('not_found:coupon', 'LINE does not know this coupon');
    if (err instanceof HTTPFetchError && err.status === 410) throw new AppError('conflict:coupon_closed', 'the coupon is already closed');
    throw err;
  }
}
