// The coupon message's deliveryTag (scenario + node + variant, inside LINE's 30 characters) and the coupon checks.
import { describe, expect, it } from 'vitest';
import { checkCoupons, couponDeliveryTag, DELIVERY_TAG_PATTERN, hasCouponMessages, withDeliveryTag, type CouponRef } from './coupons';
import type { LineMessage } from './messages';

const SCENARIO = '3f2a9c1d-7b1e-4c55-9a0e-2d7f0c7e9b11';

describe('couponDeliveryTag', () => {
  it('is the scenario id’s first 8 characters and the node id, and the variant when given', () => {
    expect(couponDeliveryTag({ scenarioId: SCENARIO, nodeId: 'send-2' })).toBe('3f2a9c1d_send-2');
    expect(couponDeliveryTag({ scenarioId: SCENARIO, nodeId: 'send-2', variant: 'b' })).toBe('3f2a9c1d_send-2_b');
  });

  it('tells nodes, scenarios and variants apart', () => {
    const tags = new Set([
      couponDeliveryTag({ scenarioId: SCENARIO, nodeId: 'send-1' }),
      couponDeliveryTag({ scenarioId: SCENARIO, nodeId: 'send-2' }),
      couponDeliveryTag({ scenarioId: '9e0c1b2a-0000-4000-8000-000000000000', nodeId: 'send-1' }),
      couponDeliveryTag({ scenarioId: SCENARIO, nodeId: 'send-1', variant: 'a' }),
      couponDeliveryTag({ scenarioId: SCENARIO, nodeId: 'send-1', variant: 'b' }),
    ]);
    expect(tags.size).toBe(5);
  });

  it('stays within LINE’s 30 characters and Kizuna’s character set, whatever the node id or variant', () => {
    const odd = ['クーポン配信', 'a'.repeat(100), 'send 1/2', 'send-1234567890123456789', 'x'];
    for (const nodeId of odd)
      for (const variant of [undefined, 'variant-with-a-long-id', 'B']) {
        const tag = couponDeliveryTag({ scenarioId: SCENARIO, nodeId, ...(variant ? { variant } : {}) });
        expect(tag).toMatch(DELIVERY_TAG_PATTERN);
        expect(tag.length).toBeLessThanOrEqual(30);
      }
    // The same odd node id always gives the same tag.
    expect(couponDeliveryTag({ scenarioId: SCENARIO, nodeId: 'クーポン配信' })).toBe(
      couponDeliveryTag({ scenarioId: SCENARIO, nodeId: 'クーポン配信' }),
    );
  });
});

describe('withDeliveryTag', () => {
  it('tags coupon messages only', () => {
    const messages: LineMessage[] = [
      { type: 'text', text: 'どうぞ' },
      { type: 'coupon', couponId: 'c1' },
    ];
    expect(withDeliveryTag(messages, '3f2a9c1d_send-2')).toEqual([
      { type: 'text', text: 'どうぞ' },
      { type: 'coupon', couponId: 'c1', deliveryTag: '3f2a9c1d_send-2' },
    ]);
  });
});

describe('checkCoupons', () => {
  const coupons: CouponRef[] = [
    { couponId: 'open', title: '春の10%オフ', status: 'RUNNING' },
    { couponId: 'closed', title: '冬のセール', status: 'CLOSED' },
    { couponId: 'draft', title: '準備中', status: 'DRAFT' },
  ];
  const msgs = (...ids: string[]): LineMessage[] => ids.map((couponId) => ({ type: 'coupon', couponId }));

  it('accepts an open coupon', () => {
    expect(checkCoupons(msgs('open'), coupons, ['messages'])).toEqual([]);
  });

  it('refuses a closed, draft or unknown coupon, naming it in Japanese and English', () => {
    const issues = checkCoupons(msgs('closed', 'draft', 'gone'), coupons, ['messages']);
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ['coupon_closed', ['messages', 0, 'couponId']],
      ['coupon_closed', ['messages', 1, 'couponId']],
      ['coupon_unknown', ['messages', 2, 'couponId']],
    ]);
    expect(issues[0]?.message).toContain('冬のセール');
    expect(issues[0]?.messageJa).toContain('終了');
  });

  it('without the account’s coupons only a missing pick is reported', () => {
    expect(checkCoupons(msgs('gone', ''), undefined, ['messages']).map((i) => i.code)).toEqual(['coupon_missing']);
  });

  it('finds coupon messages in a stored graph', () => {
    expect(hasCouponMessages({ nodes: [{ data: { messages: msgs('open') } }] })).toBe(true);
    expect(hasCouponMessages({ nodes: [{ data: { messages: [{ type: 'text', text: 'coupon' }] } }] })).toBe(false);
  });
});
