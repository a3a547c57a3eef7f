// LINE's Coupon API as the sandbox serves it: create, list (status filter, paging), detail and close, plus the check
// that a coupon message names a coupon that is running, and the phone's view of a coupon.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { ErrorDetail } from './openapi-validator';
import type { Ctx, Reply, Route } from './routes-messaging';
import type { Outcome } from './state';

export const COUPON_STATUSES = ['DRAFT', 'RUNNING', 'CLOSED'] as const;
export type CouponStatus = (typeof COUPON_STATUSES)[number];

/** The create request, already checked against CouponCreateRequest: only the fields the sandbox reads are typed. */
export const CouponCreateBody = z.looseObject({
  title: z.string(),
  startTimestamp: z.number(),
  endTimestamp: z.number(),
  maxUseCountPerTicket: z.number(),
  visibility: z.string(),
  timezone: z.string(),
  acquisitionCondition: z.looseObject({
    type: z.string(),
    lotteryProbability: z.number().optional(),
    maxAcquireCount: z.number().optional(),
  }),
  reward: z.looseObject({ type: z.string() }).optional(),
});
export type CouponCreateBody = z.infer<typeof CouponCreateBody>;

export type SandboxCoupon = {
  couponId: string;
  body: CouponCreateBody;
  status: CouponStatus;
  createdTimestamp: number;
};

export type CouponState = { coupons: Map<string, SandboxCoupon> };
export const createCouponState = (): CouponState => ({ coupons: new Map() });

const fail = (status: number, outcome: Outcome, message: string, problems: ErrorDetail[] = [], valid = true): Reply => ({
  status,
  outcome,
  valid,
  problems,
  body: problems.length > 0 ? { message, details: problems } : { message },
});
const ok = (body: unknown = {}): Reply => ({ status: 200, outcome: 'accepted', body });

/** LINE's coupon ids are opaque strings; the sandbox's are 20 hex digits after a fixed prefix. */
const newCouponId = (): string => `coupon_${randomBytes(10).toString('hex')}`;

/** The coupon response as GET /v2/bot/coupon/{couponId} answers it (CouponResponse). */
export function couponResponse(c: SandboxCoupon): Record<string, unknown> {
  const { acquisitionCondition, ...rest } = c.body;
  const lottery = acquisitionCondition.type === 'lottery';
  return {
    ...rest,
    acquisitionCondition: lottery
      ? {
          type: 'lottery',
          lotteryProbability: acquisitionCondition.lotteryProbability,
          maxAcquireCount: acquisitionCondition.maxAcquireCount,
        }
      : { type: acquisitionCondition.type },
    ...(lottery && acquisitionCondition.maxAcquireCount !== undefined ? { maxAcquireCount: acquisitionCondition.maxAcquireCount } : {}),
    maxTicketPerUser: 1,
    couponId: c.couponId,
    createdTimestamp: c.createdTimestamp,
    status: c.status,
  };
}

/** LINE's checks beyond the schema: the validity period must end after it starts, and not already be over. */
function createProblems(body: CouponCreateBody, nowSec: number): ErrorDetail[] {
  const out: ErrorDetail[] = [];
  if (body.endTimestamp <= body.startTimestamp)
    out.push({ message: 'endTimestamp must be after startTimestamp', property: 'endTimestamp' });
  else if (body.endTimestamp <= nowSec) out.push({ message: 'endTimestamp must be in the future', property: 'endTimestamp' });
  return out;
}

function create(ctx: Ctx): Reply {
  const body = CouponCreateBody.parse(ctx.body);
  const nowMs = ctx.deps.now();
  const problems = createProblems(body, Math.floor(nowMs / 1000));
  if (problems.length > 0) return fail(400, 'invalid', 'The request body has invalid value(s)', problems);
  const couponId = newCouponId();
  ctx.deps.state.coupons.coupons.set(couponId, { couponId, body, status: 'RUNNING', createdTimestamp: Math.floor(nowMs / 1000) });
  return ok({ couponId });
}

/** GET /v2/bot/coupon: `status` may repeat or be comma-joined (the SDK joins); `start` is the index token of the page. */
function list(ctx: Ctx): Reply {
  const q = ctx.query ?? new URLSearchParams();
  const statuses = q.getAll('status').flatMap((s) => s.split(',').filter((x) => x !== ''));
  const bad = statuses.find((s) => !(COUPON_STATUSES as readonly string[]).includes(s));
  if (bad !== undefined)
    return fail(400, 'invalid', 'The request has invalid parameter(s)', [
      { message: `Must be one of the following values: [${COUPON_STATUSES.join(', ')}]`, property: 'status' },
    ]);
  const limitRaw = q.get('limit');
  const limit = limitRaw === null ? 20 : Number(limitRaw);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100)
    return fail(400, 'invalid', 'The request has invalid parameter(s)', [{ message: 'Must be between 1 and 100', property: 'limit' }]);
  const start = Number(q.get('start') ?? '0');
  if (!Number.isInteger(start) || start < 0)
    return fail(400, 'invalid', 'The request has invalid parameter(s)', [{ message: 'Invalid page token', property: 'start' }]);
  const all = [...ctx.deps.state.coupons.coupons.values()].filter((c) => statuses.length === 0 || statuses.includes(c.status));
  const page = all.slice(start, start + limit).map((c) => ({ couponId: c.couponId, title: c.body.title }));
  return ok({ items: page, ...(start + limit < all.length ? { next: String(start + limit) } : {}) });
}

function detail(ctx: Ctx): Reply {
  const c = ctx.deps.state.coupons.coupons.get(ctx.params.couponId ?? '');
  return c ? ok(couponResponse(c)) : fail(404, 'not_found', 'Not found (coupon)');
}

function close(ctx: Ctx): Reply {
  const c = ctx.deps.state.coupons.coupons.get(ctx.params.couponId ?? '');
  if (!c) return fail(404, 'not_found', 'Not found (coupon)');
  // The spec's 410: a coupon already closed cannot be closed again.
  if (c.status === 'CLOSED') return fail(410, 'rejected', 'The coupon is already closed');
  c.status = 'CLOSED';
  return ok({});
}

/** Coupon messages in a send must name a running coupon (LINE refuses a closed or unknown one). */
export function couponMessageProblems(state: CouponState, messages: ReadonlyArray<{ type: string; [k: string]: unknown }>): ErrorDetail[] {
  const out: ErrorDetail[] = [];
  messages.forEach((m, i) => {
    if (m.type !== 'coupon') return;
    const c = typeof m.couponId === 'string' ? state.coupons.get(m.couponId) : undefined;
    if (!c) out.push({ message: 'The coupon does not exist', property: `messages[${i}].couponId` });
    else if (c.status !== 'RUNNING') out.push({ message: 'The coupon is not available', property: `messages[${i}].couponId` });
  });
  return out;
}

/** What the phone shows for a coupon message: title, reward and validity of the coupon it names. */
export type CouponView = {
  couponId: string;
  title: string;
  status: CouponStatus;
  rewardType: string | null;
  /** The reward's price info (discount or cash back: fixed amount, percentage, or the prices before and after). */
  priceInfo: { type: string; fixedAmount?: number; percentage?: number; originalPrice?: number; priceAfterDiscount?: number } | null;
  description: string | null;
  imageUrl: string | null;
  startTimestamp: number;
  endTimestamp: number;
  lottery: boolean;
};

const PriceInfo = z.object({
  type: z.string(),
  fixedAmount: z.number().optional(),
  percentage: z.number().optional(),
  originalPrice: z.number().optional(),
  priceAfterDiscount: z.number().optional(),
});

export function couponView(state: CouponState, couponId: string): CouponView | null {
  const c = state.coupons.get(couponId);
  if (!c) return null;
  const b = c.body;
  return {
    couponId,
    title: b.title,
    status: c.status,
    rewardType: b.reward?.type ?? null,
    priceInfo: PriceInfo.safeParse(b.reward?.priceInfo).data ?? null,
    description: typeof b.description === 'string' ? b.description : null,
    imageUrl: typeof b.imageUrl === 'string' ? b.imageUrl : null,
    startTimestamp: b.startTimestamp,
    endTimestamp: b.endTimestamp,
    lottery: b.acquisitionCondition.type === 'lottery',
  };
}

/** The coupon routes (`/close` before the detail route is not needed: path lengths differ). */
export const COUPON_ROUTES: Route[] = [
  { method: 'POST', pattern: '/v2/bot/coupon', endpoint: 'coupon', bucket: 'other', schema: 'CouponCreateRequest', handle: create },
  { method: 'GET', pattern: '/v2/bot/coupon', endpoint: 'coupon', bucket: 'other', handle: list },
  { method: 'GET', pattern: '/v2/bot/coupon/:couponId', endpoint: 'coupon', bucket: 'other', handle: detail },
  { method: 'PUT', pattern: '/v2/bot/coupon/:couponId/close', endpoint: 'coupon', bucket: 'other', handle: close },
];
