// LINE webhook against the real sandbox: signatures, dedupe of redeliveries, follow/unfollow/unblock, messages, postbacks.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { events, friends, webhookEvents } from '@/db/schema';
import type { WebhookDelivery } from '@/devstack/line-sandbox/state';
import { createEdgeHarness, TEST_CHANNEL_SECRET, type EdgeHarness } from '@/test/edge';
import { AppError } from '../errors';
import { processWebhookEvent } from './process-event';
import { receiveWebhook } from './receive-webhook';
import { processWebhookBacklog } from './webhook-backlog';

let h: EdgeHarness;
beforeAll(async () => {
  h = await createEdgeHarness();
});
afterAll(async () => {
  await h?.close();
});

/** Feeds what the sandbox's phone signed (it has no webhook URL, so it only records) into our receiver. */
async function deliver(d: WebhookDelivery, signature: string | null = d.signature) {
  const r = await receiveWebhook({ db: h.deps.db, channelSecret: TEST_CHANNEL_SECRET }, Buffer.from(d.body, 'utf8'), signature);
  const outcomes = [];
  for (const id of r.newEventIds) outcomes.push(await processWebhookEvent(h.deps, id));
  return { ...r, outcomes };
}

const storedCount = async () => (await h.deps.db.select().from(webhookEvents)).length;

describe('signature', () => {
  it('refuses a missing or wrong signature with 401 and stores nothing', async () => {
    const { webhook } = await h.sandbox.phone.addFriend({ userId: `U${'a'.repeat(32)}`, displayName: '署名テスト' });
    if (!webhook) throw new Error('no webhook');
    const before = await storedCount();
    for (const sig of [null, '', 'bm90IGEgc2lnbmF0dXJl', webhook.signature.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'))]) {
      const err = await deliver(webhook, sig).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).status).toBe(401);
    }
    // The body altered by one byte no longer matches the signature either.
    const tampered = { ...webhook, body: webhook.body.replace('"active"', '"standby"') };
    expect(tampered.body).not.toBe(webhook.body);
    await expect(deliver(tampered)).rejects.toMatchObject({ code: 'unauthorized:signature' });
    expect(await storedCount()).toBe(before);
    // The genuine delivery passes.
    const ok = await deliver(webhook);
    expect(ok.newEventIds).toHaveLength(1);
  });

  it('answers an empty events array (LINE console URL check) without storing anything', async () => {
    const body = JSON.stringify({ destination: 'Uxxxxxxxx', events: [] });
    const { createHmac } = await import('node:crypto');
    const sig = createHmac('sha256', TEST_CHANNEL_SECRET).update(body).digest('base64');
    const before = await storedCount();
    const r = await receiveWebhook({ db: h.deps.db, channelSecret: TEST_CHANNEL_SECRET }, Buffer.from(body), sig);
    expect(r).toEqual({ newEventIds: [], received: 0 });
    expect(await storedCount()).toBe(before);
  });
});

describe('follow, redelivery, block and unblock', () => {
  const userId = `U${'b'.repeat(32)}`;
  let friendId = '';

  it('follow creates the friend with the profile fetched from LINE', async () => {
    const { webhook } = await h.sandbox.phone.addFriend({
      userId,
      displayName: '山田 花子',
      pictureUrl: 'https://example.com/hanako.png',
      language: 'ja',
    });
    if (!webhook) throw new Error('no webhook');
    const r = await deliver(webhook);
    expect(r.outcomes).toEqual([expect.objectContaining({ outcome: 'processed', type: 'follow' })]);
    const [f] = await h.deps.db.select().from(friends).where(eq(friends.lineUserId, userId));
    expect(f).toMatchObject({ displayName: '山田 花子', pictureUrl: 'https://example.com/hanako.png', language: 'ja', blockedAt: null });
    expect(f?.friendAddedAt.getTime()).toBe(webhook.events[0]?.timestamp);
    friendId = f?.id ?? '';
    expect(h.engineCalls.at(-1)).toEqual({ hook: 'friendAdded', args: { friendId, isUnblocked: false, at: f?.friendAddedAt } });
  });

  it('a redelivered event is stored and processed once', async () => {
    const calls = h.engineCalls.length;
    const { webhook } = await h.sandbox.phone.redeliverLast();
    expect(webhook.isRedelivery).toBe(true);
    const r = await deliver(webhook);
    expect(r.received).toBe(1);
    expect(r.newEventIds).toEqual([]);
    expect(h.engineCalls.length).toBe(calls);
    // Processing the same id again directly is a no-op too.
    const id = webhook.events[0]?.webhookEventId ?? '';
    expect(await processWebhookEvent(h.deps, id)).toEqual({ outcome: 'already_processed' });
    expect((await h.deps.db.select().from(friends).where(eq(friends.lineUserId, userId))).length).toBe(1);
  });

  it('unfollow marks the friend blocked and tells the engine', async () => {
    const { webhook } = await h.sandbox.phone.block(userId);
    await deliver(webhook);
    const [f] = await h.deps.db.select().from(friends).where(eq(friends.id, friendId));
    expect(f?.blockedAt?.getTime()).toBe(webhook.events[0]?.timestamp);
    expect(h.engineCalls.at(-1)).toEqual({ hook: 'friendBlocked', args: { friendId, at: f?.blockedAt } });
  });

  it('unblock revives the friend, keeps the first friend-added time and says isUnblocked', async () => {
    const [before] = await h.deps.db.select().from(friends).where(eq(friends.id, friendId));
    const { webhook } = await h.sandbox.phone.unblock(userId);
    await deliver(webhook);
    const [f] = await h.deps.db.select().from(friends).where(eq(friends.id, friendId));
    expect(f?.blockedAt).toBeNull();
    expect(f?.friendAddedAt).toEqual(before?.friendAddedAt);
    expect(h.engineCalls.at(-1)).toMatchObject({ hook: 'friendAdded', args: { friendId, isUnblocked: true } });
  });

  it('a text message becomes a line_message event', async () => {
    const { webhook } = await h.sandbox.phone.sendText(userId, 'こんにちは');
    await deliver(webhook);
    const rows = await h.deps.db.select().from(events).where(eq(events.friendId, friendId));
    const msg = rows.find((e) => e.name === 'line_message');
    expect(msg).toMatchObject({ source: 'webhook', properties: expect.objectContaining({ text: 'こんにちは', messageType: 'text' }) });
    expect(h.engineCalls.at(-1)).toMatchObject({ hook: 'event', args: { friendId, eventId: msg?.id, name: 'line_message' } });
  });

  it('a postback `action=coupon_used&…` is stored as `postback` and as `coupon_used`', async () => {
    const { webhook } = await h.sandbox.phone.postback(userId, 'action=coupon_used&coupon=SPRING10');
    await deliver(webhook);
    const rows = await h.deps.db.select().from(events).where(eq(events.friendId, friendId));
    expect(rows.find((e) => e.name === 'postback')?.properties).toMatchObject({
      data: 'action=coupon_used&coupon=SPRING10',
      fields: { action: 'coupon_used' },
    });
    expect(rows.find((e) => e.name === 'coupon_used')?.properties).toMatchObject({ coupon: 'SPRING10' });
    expect(h.engineCalls.slice(-2).map((c) => c.hook === 'event' && c.args.name)).toEqual(['postback', 'coupon_used']);
  });

  it('a message from someone we never saw follow creates the friend first', async () => {
    const stranger = `U${'c'.repeat(32)}`;
    await h.sandbox.phone.addFriend({ userId: stranger, displayName: '昔からの友だち' }, false);
    const { webhook } = await h.sandbox.phone.sendText(stranger, 'hi');
    await deliver(webhook);
    const [f] = await h.deps.db.select().from(friends).where(eq(friends.lineUserId, stranger));
    expect(f?.displayName).toBe('昔からの友だち');
  });
});

describe('backlog', () => {
  it('processes events stored but never processed (the server stopped after answering LINE)', async () => {
    const userId = `U${'e'.repeat(32)}`;
    const { webhook } = await h.sandbox.phone.addFriend({ userId, displayName: '取り残し' });
    if (!webhook) throw new Error('no webhook');
    const r = await receiveWebhook({ db: h.deps.db, channelSecret: TEST_CHANNEL_SECRET }, Buffer.from(webhook.body), webhook.signature);
    expect(r.newEventIds).toHaveLength(1);
    // Too fresh to retry: the request that stored it may still be processing it.
    expect(await processWebhookBacklog(h.deps)).toEqual({ retried: 0, failed: 0 });
    const later = { ...h.deps, now: () => new Date(Date.now() + 5 * 60_000) };
    expect(await processWebhookBacklog(later)).toEqual({ retried: 1, failed: 0 });
    expect((await h.deps.db.select().from(friends).where(eq(friends.lineUserId, userId)))[0]?.displayName).toBe('取り残し');
    expect(await processWebhookBacklog(later)).toEqual({ retried: 0, failed: 0 });
  });
});

describe('malformed events', () => {
  it('a signed follow whose user id is not a LINE user id is recorded as an error and never reaches a LINE path', async () => {
    const body = JSON.stringify({
      destination: `U${'0'.repeat(32)}`,
      events: [
        {
          type: 'follow',
          mode: 'active',
          timestamp: Date.now(),
          webhookEventId: '01HMALFORMEDUSERID000000000',
          source: { type: 'user', userId: '../../v2/bot/message/push' },
          replyToken: 'x'.repeat(32),
          deliveryContext: { isRedelivery: false },
          follow: { isUnblocked: false },
        },
      ],
    });
    const { createHmac } = await import('node:crypto');
    const sig = createHmac('sha256', TEST_CHANNEL_SECRET).update(body).digest('base64');
    const requestsBefore = h.sandbox.state.requests.length;
    const friendsBefore = (await h.deps.db.select().from(friends)).length;
    const r = await receiveWebhook({ db: h.deps.db, channelSecret: TEST_CHANNEL_SECRET }, Buffer.from(body), sig);
    expect(r.newEventIds).toEqual(['01HMALFORMEDUSERID000000000']);
    expect(await processWebhookEvent(h.deps, '01HMALFORMEDUSERID000000000')).toEqual({
      outcome: 'ignored',
      reason: 'malformed follow event',
    });
    const [stored] = await h.deps.db.select().from(webhookEvents).where(eq(webhookEvents.webhookEventId, '01HMALFORMEDUSERID000000000'));
    expect(stored?.processedAt).not.toBeNull();
    expect(stored?.error).toMatch(/^malformed follow event: source\.userId: expected a LINE user id/);
    expect(stored?.error).not.toContain('../');
    expect(h.sandbox.state.requests.length).toBe(requestsBefore);
    expect((await h.deps.db.select().from(friends)).length).toBe(friendsBefore);
  });
});
