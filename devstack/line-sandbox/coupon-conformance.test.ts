// Conformance of the sandbox's Coupon API, driven through the real @line/bot-sdk client: create (validated against
// CouponCreateRequest), list with status filter and paging, detail, close (410 when closed again), and coupon messages
// that must name a running coupon; every answer checked against the spec's response schemas.
import { messagingApi } from '@line/bot-sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { couponDeliveryTag } from '../../scenario/coupons';
import { loadLineValidator } from './openapi-validator';
import { startLineSandbox, type LineSandbox } from './server';
import { TOKEN, addFriend, admin, fakeClock, lineError } from './test-helpers';

let sandbox: LineSandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

const clock = fakeClock(Date.parse('2026-04-01T00:00:00Z'));
const NOW = Math.floor(clock.now() / 1000);

async function setup() {
  sandbox = await startLineSandbox({ channelAccessToken: TOKEN, now: clock.now });
  const client = new messagingApi.MessagingApiClient({ channelAccessToken: TOKEN, baseURL: sandbox.url });
  return { sandbox, client };
}

const coupon = (title: string, over: Partial<messagingApi.CouponCreateRequest> = {}): messagingApi.CouponCreateRequest => ({
  title,
  description: '全品10%オフ',
  startTimestamp: NOW,
  endTimestamp: NOW + 30 * 86_400,
  maxUseCountPerTicket: 1,
  visibility: 'UNLISTED',
  timezone: 'ASIA_TOKYO',
  acquisitionCondition: { type: 'normal' },
  reward: { type: 'discount', priceInfo: { type: 'percentage', percentage: 10 } },
  ...over,
});

const spec = loadLineValidator();

describe('coupons', () => {
  it('creates, lists by status with paging, reads and closes, every answer valid against the spec', async () => {
    const { sandbox, client } = await setup();
    const { couponId: a } = await client.createCoupon(coupon('春の10%オフ'));
    const { couponId: b } = await client.createCoupon(
      coupon('抽選で無料', {
        acquisitionCondition: { type: 'lottery', lotteryProbability: 20, maxAcquireCount: 100 },
        reward: { type: 'free' },
      }),
    );
    const detail = await client.getCouponDetail(b);
    expect(spec.messaging('CouponResponse', detail)).toEqual([]);
    expect(detail).toMatchObject({ couponId: b, status: 'RUNNING', acquisitionCondition: { type: 'lottery', lotteryProbability: 20 } });

    const page1 = await client.listCoupon(new Set(['RUNNING']), undefined, 1);
    expect(spec.messaging('MessagingApiPagerCouponListResponse', page1)).toEqual([]);
    expect(page1.items).toEqual([{ couponId: a, title: '春の10%オフ' }]);
    const page2 = await client.listCoupon(new Set(['RUNNING']), page1.next, 1);
    expect(page2).toEqual({ items: [{ couponId: b, title: '抽選で無料' }] });

    await client.closeCoupon(a);
    expect((await client.getCouponDetail(a)).status).toBe('CLOSED');
    expect((await client.listCoupon(new Set(['CLOSED']))).items.map((c) => c.couponId)).toEqual([a]);
    expect((await client.listCoupon(new Set(['RUNNING', 'CLOSED']))).items).toHaveLength(2);
    expect((await lineError(() => client.closeCoupon(a))).status).toBe(410);
    expect((await lineError(() => client.getCouponDetail('coupon_nope'))).status).toBe(404);
    expect(sandbox.invalidRequests()).toEqual([]);
  });

  it('refuses a create request that breaks CouponCreateRequest or ends before it starts', async () => {
    const { sandbox, client } = await setup();
    const bad = await lineError(() => client.createCoupon(coupon('x', { maxUseCountPerTicket: 2, title: '' })));
    expect(bad.status).toBe(400);
    expect(bad.body.details?.map((d) => d.property).sort()).toEqual(['maxUseCountPerTicket', 'title']);
    expect(sandbox.invalidRequests()).toHaveLength(1);
    const backwards = await lineError(() => client.createCoupon(coupon('x', { endTimestamp: NOW - 10 })));
    expect(backwards.body.details?.[0]?.property).toBe('endTimestamp');
    const lottery = await lineError(() =>
      client.createCoupon(coupon('x', { acquisitionCondition: { type: 'lottery', lotteryProbability: 100, maxAcquireCount: 5 } })),
    );
    expect(lottery.body.details?.[0]?.property).toBe('acquisitionCondition.lotteryProbability');
  });

  it('delivers a coupon message with its deliveryTag, and refuses one naming a closed or unknown coupon', async () => {
    const { sandbox, client } = await setup();
    const friend = await addFriend(sandbox, 'Hanako');
    const { couponId } = await client.createCoupon(coupon('春の10%オフ'));
    const deliveryTag = couponDeliveryTag({ scenarioId: '3f2a9c1d-0000-4000-8000-000000000000', nodeId: 'send-2' });
    await client.pushMessage({ to: friend.userId, messages: [{ type: 'coupon', couponId, deliveryTag }] });
    const inbox = await admin(sandbox, 'GET', `/friends/${friend.userId}/inbox`);
    expect(inbox.json).toMatchObject({
      messages: [
        { message: { type: 'coupon', couponId, deliveryTag: '3f2a9c1d_send-2' }, coupon: { title: '春の10%オフ', status: 'RUNNING' } },
      ],
    });

    await client.closeCoupon(couponId);
    const closed = await lineError(() => client.pushMessage({ to: friend.userId, messages: [{ type: 'coupon', couponId, deliveryTag }] }));
    expect(closed).toMatchObject({ status: 400, body: { details: [{ property: 'messages[0].couponId' }] } });
    const unknown = await lineError(() =>
      client.pushMessage({ to: friend.userId, messages: [{ type: 'coupon', couponId: 'coupon_nope' }] }),
    );
    expect(unknown.status).toBe(400);
    const tooLong = await lineError(() =>
      client.pushMessage({ to: friend.userId, messages: [{ type: 'coupon', couponId, deliveryTag: 'x'.repeat(31) }] }),
    );
    expect(tooLong.body.details?.[0]).toMatchObject({ property: 'messages[0].deliveryTag' });
  });
});
