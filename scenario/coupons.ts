// Coupon messages: the deliveryTag a send node's coupon carries (so LINE's own reports split by node), and the check
// that a send names a coupon that is still open.
import type { LineMessage } from './messages';

/** LINE's deliveryTag: at most 30 characters (messaging-api.yml); Kizuna keeps to letters, digits, `-` and `_`. */
export const DELIVERY_TAG_MAX = 30;
export const DELIVERY_TAG_PATTERN = /^[A-Za-z0-9_-]{1,30}$/;

/** What the editor and publish know of a coupon (from LINE's Coupon API). */
export type CouponRef = { couponId: string; title: string; status: 'DRAFT' | 'RUNNING' | 'CLOSED' };

/** FNV-1a, 32 bits, base 36: a short stable digest (no Node crypto: the core runs in the workflow sandbox too). */
function shortHash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36);
}

/**
 * The deliveryTag of a coupon sent by `nodeId` of scenario `scenarioId` (and A/B `variant`, when the caller knows it):
 * the scenario's first 8 id characters, then the node id, then the variant — `3f2a9c1d_send-2` or `3f2a9c1d_send-2_b`.
 * A node id or variant that does not fit LINE's 30 characters or Kizuna's character set is replaced by its digest.
 */
export function couponDeliveryTag(args: { scenarioId: string; nodeId: string; variant?: string }): string {
  const scenario = args.scenarioId.replace(/[^A-Za-z0-9]/g, '').slice(0, 8) || 's';
  const part = (s: string, max: number) => (/^[A-Za-z0-9-]+$/.test(s) && s.length <= max ? s : `h${shortHash(s)}`);
  const variant = args.variant === undefined ? '' : `_${part(args.variant, 6)}`;
  const node = part(args.nodeId, DELIVERY_TAG_MAX - scenario.length - 1 - variant.length);
  return `${scenario}_${node}${variant}`;
}

/** The messages with every coupon's deliveryTag set to `tag` (other messages unchanged). */
export function withDeliveryTag(messages: readonly LineMessage[], tag: string): LineMessage[] {
  return messages.map((m) => (m.type === 'coupon' ? { ...m, deliveryTag: tag } : m));
}

export type CouponIssue = {
  code: 'coupon_missing' | 'coupon_unknown' | 'coupon_closed';
  message: string;
  messageJa: string;
  path: (string | number)[];
};

export const COUPON_CODES = {
  coupon_missing: 'A coupon message with no coupon picked.',
  coupon_unknown: "A coupon message names a coupon LINE does not know (checked at publish, against LINE's Coupon API).",
  coupon_closed: 'A coupon message names a coupon that is closed (or not yet running), so LINE would refuse it (checked at publish).',
} as const;

/**
 * The coupon messages among `messages` that LINE would refuse: none picked, an unknown coupon, or one not running.
 * `coupons` undefined means the caller does not know the account's coupons (the editor): only a missing pick is reported.
 */
export function checkCoupons(
  messages: readonly LineMessage[],
  coupons: readonly CouponRef[] | undefined,
  base: (string | number)[],
): CouponIssue[] {
  const out: CouponIssue[] = [];
  messages.forEach((m, i) => {
    if (m.type !== 'coupon') return;
    const path = [...base, i, 'couponId'];
    if (m.couponId.trim() === '') {
      out.push({
        code: 'coupon_missing',
        message: 'Pick the coupon to send.',
        messageJa: '送るクーポンを選んでください。',
        path,
      });
      return;
    }
    if (!coupons) return;
    const c = coupons.find((x) => x.couponId === m.couponId);
    if (!c)
      out.push({
        code: 'coupon_unknown',
        message: `Coupon ${m.couponId} does not exist on LINE; pick an open coupon.`,
        messageJa: `クーポン（${m.couponId}）がLINEにありません。公開中のクーポンを選んでください。`,
        path,
      });
    else if (c.status !== 'RUNNING')
      out.push({
        code: 'coupon_closed',
        message: `Coupon "${c.title}" is ${c.status === 'CLOSED' ? 'closed' : 'not running'}, so it cannot be sent; pick an open coupon.`,
        messageJa: `クーポン「${c.title}」は${c.status === 'CLOSED' ? '終了' : '未公開'}のため送れません。公開中のクーポンを選んでください。`,
        path,
      });
  });
  return out;
}

/** Whether a stored graph (or any JSON) holds a coupon message: publish asks LINE for the coupons only then. */
export function hasCouponMessages(graph: unknown): boolean {
  return JSON.stringify(graph ?? null).includes('"type":"coupon"');
}
