// LINE webhook against the real sandbox: signatures, dedupe of redeliveries, follow/unfollow/unblock, messages, postbacks,
// and a batch where bad events are recorded as errors while the good one is processed.
import { createHmac } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type * as NextServer from 'next/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { events, friends, webhookEvents } from '@/db/schema';
import type { WebhookDelivery } from '@/devstack/line-sandbox/state';
import { createEdgeHarness, TEST_CHANNEL_SECRET, type EdgeHarness } from '@/test/edge';
import type { AppDeps } from '../app-deps';
import { AppError } from '../errors';
import { processWebhookEvent } from './process-event';
import { receiveWebhook } from './receive-webhook';
import { processWebhookBacklog } from './webhook-backlog';

// The route's after() needs Next's request scope; here the tasks are kept and run by the test once the response is in.
const afterTasks = vi.hoisted(() => [] as (() => Promise<unknown>)[]);
vi.mock('next/server', async (importOriginal) => ({
  ...(await importOriginal<typeof NextServer>()),
  after: (task: () => Promise<unknown>) => void afterTasks.push(task),
}));

let h: EdgeHarness;
beforeAll(async () => {
  h = await createEdgeHarness();
  // The app's composition root (lib/app-deps.ts) answers the harness's deps to the webhook route.
  (globalThis as { kizunaAppDeps?: AppDeps }).kizunaAppDeps = h.deps;
});
afterAll(async () => {
  delete (globalThis as { kizunaAppDeps?: AppDeps }).kizunaAppDeps;
  await h?.close();
});

const sign = (body: string) => createHmac('sha256', TEST_CHANNEL_SECRET).update(body).digest('base64');

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
    const before = await storedCount();
    const r = await receiveWebhook({ db: h.deps.db, channelSecret: TEST_CHANNEL_SECRET }, Buffer.from(body), sign(body));
    expect(r).toEqual({ newEventIds: [], refusedEventIds: [], received: 0 });
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
    // The engine hears of it through a dispatch row committed with the friend (the worker's dispatcher starts the runs).
    expect((await h.dispatched()).at(-1)).toEqual({
      kind: 'friend_added',
      friendId,
      isUnblocked: false,
      at: f?.friendAddedAt.toISOString(),
    });
  });

  it('a redelivered event is stored and processed once', async () => {
    const calls = (await h.dispatched()).length;
    const { webhook } = await h.sandbox.phone.redeliverLast();
    expect(webhook.isRedelivery).toBe(true);
    const r = await deliver(webhook);
    expect(r.received).toBe(1);
    expect(r.newEventIds).toEqual([]);
    expect((await h.dispatched()).length).toBe(calls);
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
    expect((await h.dispatched()).at(-1)).toEqual({ kind: 'friend_blocked', friendId, at: f?.blockedAt?.toISOString() });
  });

  it('unblock revives the friend, keeps the first friend-added time and says isUnblocked', async () => {
    const [before] = await h.deps.db.select().from(friends).where(eq(friends.id, friendId));
    const { webhook } = await h.sandbox.phone.unblock(userId);
    await deliver(webhook);
    const [f] = await h.deps.db.select().from(friends).where(eq(friends.id, friendId));
    expect(f?.blockedAt).toBeNull();
    expect(f?.friendAddedAt).toEqual(before?.friendAddedAt);
    expect((await h.dispatched()).at(-1)).toMatchObject({ kind: 'friend_added', friendId, isUnblocked: true });
  });

  it('a text message becomes a line_message event', async () => {
    const { webhook } = await h.sandbox.phone.sendText(userId, 'こんにちは');
    await deliver(webhook);
    const rows = await h.deps.db.select().from(events).where(eq(events.friendId, friendId));
    const msg = rows.find((e) => e.name === 'line_message');
    expect(msg).toMatchObject({ source: 'webhook', properties: expect.objectContaining({ text: 'こんにちは', messageType: 'text' }) });
    expect((await h.dispatched()).at(-1)).toEqual({ kind: 'event', friendId, eventId: msg?.id });
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
    const ids = (await h.dispatched()).slice(-2).map((d) => (d.kind === 'event' ? d.eventId : null));
    expect(ids).toEqual(['postback', 'coupon_used'].map((n) => rows.find((e) => e.name === n)?.id));
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
  it('a signed follow whose user id is not a LINE user id is recorded as an error on arrival and never reaches a LINE path', async () => {
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
    const requestsBefore = h.sandbox.state.requests.length;
    const friendsBefore = (await h.deps.db.select().from(friends)).length;
    const r = await receiveWebhook({ db: h.deps.db, channelSecret: TEST_CHANNEL_SECRET }, Buffer.from(body), sign(body));
    expect(r).toEqual({ newEventIds: [], refusedEventIds: ['01HMALFORMEDUSERID000000000'], received: 1 });
    // Stored settled, so neither processing nor the backlog touches it again.
    expect(await processWebhookEvent(h.deps, '01HMALFORMEDUSERID000000000')).toEqual({ outcome: 'already_processed' });
    const [stored] = await h.deps.db.select().from(webhookEvents).where(eq(webhookEvents.webhookEventId, '01HMALFORMEDUSERID000000000'));
    expect(stored).toMatchObject({ type: 'follow', payload: { refused: true }, processedAt: expect.any(Date) });
    expect(stored?.error).toMatch(/^refused event: source\.userId: expected a LINE user id/);
    expect(JSON.stringify(stored)).not.toContain('../');
    expect(h.sandbox.state.requests.length).toBe(requestsBefore);
    expect((await h.deps.db.select().from(friends)).length).toBe(friendsBefore);
  });

  it('a batch of [follow, NUL character, 2,000-deep JSON, bad user id] through the route: 200, the follow processed, the rest recorded as errors', async () => {
    const userId = `U${'f'.repeat(32)}`;
    const { webhook } = await h.sandbox.phone.addFriend({ userId, displayName: '一括 テスト' });
    const follow = webhook?.events[0];
    if (!follow) throw new Error('no follow event');
    const base = { mode: 'active', timestamp: follow.timestamp, deliveryContext: { isRedelivery: false } };
    const nul = {
      ...base,
      type: 'message',
      webhookEventId: '01HBATCHNULCHARACTER000000',
      source: { type: 'user', userId },
      replyToken: 'r'.repeat(32),
      message: { type: 'text', id: '1', text: 'before\u0000after' },
    };
    const badId = { ...base, type: 'follow', webhookEventId: '01HBATCHBADUSERID000000000', source: { type: 'user', userId: 'U../../x' } };
    // Written by hand: the deep event has no webhookEventId, so its record's id is derived from its content.
    const deep = `{"type":"postback","mode":"active","timestamp":${follow.timestamp},"source":{"type":"user","userId":"${userId}"},"postback":{"data":"x","params":${'['.repeat(2000)}${']'.repeat(2000)}}}`;
    const body = `{"destination":"U${'0'.repeat(32)}","events":[${JSON.stringify(follow)},${JSON.stringify(nul)},${deep},${JSON.stringify(badId)}]}`;
    expect(body).toContain('\\u0000');

    const { POST } = await import('@/app/api/line/webhook/route');
    const post = (text: string) =>
      POST(
        new Request('http://kizuna.test/api/line/webhook', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-line-signature': sign(text) },
          body: text,
        }),
        { params: Promise.resolve({}) },
      );
    const requestsBefore = h.sandbox.state.requests.length;
    const storedBefore = await storedCount();
    afterTasks.length = 0;
    const res = await post(body);
    expect(res.status).toBe(200);
    for (const task of afterTasks.splice(0)) await task();

    // The follow: the friend exists and the engine was told (the welcome scenario starts from friendAdded).
    const [friend] = await h.deps.db.select().from(friends).where(eq(friends.lineUserId, userId));
    expect(friend?.displayName).toBe('一括 テスト');
    expect(await h.dispatched()).toContainEqual({ kind: 'friend_added', friendId: friend?.id, isUnblocked: false, at: expect.any(String) });
    const [followRow] = await h.deps.db.select().from(webhookEvents).where(eq(webhookEvents.webhookEventId, follow.webhookEventId));
    expect(followRow).toMatchObject({ error: null, processedAt: expect.any(Date) });

    // The other three: settled error records, without their payloads.
    const rows = await h.deps.db.select().from(webhookEvents);
    expect(rows.length).toBe(storedBefore + 4);
    const refused = rows.filter((r) => r.error?.startsWith('refused event'));
    const errorOf = (pred: (id: string) => boolean) => refused.find((r) => pred(r.webhookEventId))?.error;
    expect(errorOf((id) => id === '01HBATCHNULCHARACTER000000')).toMatch(/message\.text: it contains a NUL character/);
    expect(errorOf((id) => /^refused-[0-9a-f]{64}$/.test(id))).toBe('refused event: it is nested deeper than 64 levels');
    expect(errorOf((id) => id === '01HBATCHBADUSERID000000000')).toMatch(/source\.userId: expected a LINE user id/);
    for (const r of rows.filter((x) => x.error?.startsWith('refused event'))) {
      expect(r).toMatchObject({ payload: { refused: true }, processedAt: expect.any(Date) });
    }
    expect(rows.find((r) => r.webhookEventId === '01HBATCHBADUSERID000000000')?.type).toBe('follow');

    // LINE saw only the follow's profile lookup, for the well-formed id; nothing with a malformed one.
    const paths = h.sandbox.state.requests.slice(requestsBefore).map((r) => r.path);
    expect(paths).toEqual([`/v2/bot/profile/${userId}`]);

    // LINE redelivers the batch: every event, the content-derived id included, is recognised and nothing is added.
    const again = body.replaceAll('"isRedelivery":false', '"isRedelivery":true');
    expect((await post(again)).status).toBe(200);
    for (const task of afterTasks.splice(0)) await task();
    expect(await storedCount()).toBe(storedBefore + 4);
  });
});
