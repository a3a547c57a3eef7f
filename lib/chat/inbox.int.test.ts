// The inbox thread on real services: the friend's messages interleaved with everything the account sent them (a keyword
// auto-reply, a scenario's send, an operator's answer), an operator's template with its placeholders filled for the
// friend, and assigning an operator who cannot be assigned refused with a clear error rather than a database failure.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findThread } from '@/db/queries/chat';
import { insertKeywordRule } from '@/db/queries/keyword-rules';
import { chatThreads, friends, operators, outbox, scenarios } from '@/db/schema';
import type { WebhookDelivery } from '@/devstack/line-sandbox/state';
import { createEdgeHarness, TEST_CHANNEL_SECRET, type EdgeHarness } from '@/test/edge';
import { startDispatcher, type Dispatcher } from '../engine/dispatcher';
import { AppError, toActionError } from '../errors';
import { processWebhookEvent } from '../line/process-event';
import { receiveWebhook } from '../line/receive-webhook';
import { assignChat, fillForFriend, sendOperatorReply } from './inbox';
import { inboxSnapshot } from './inbox-view';

let h: EdgeHarness;
let dispatcher: Dispatcher;
beforeAll(async () => {
  h = await createEdgeHarness();
  dispatcher = startDispatcher(h.deps, { sweepMs: 200 });
});
afterAll(async () => {
  await dispatcher?.stop();
  await h?.close();
});

async function deliver(d: WebhookDelivery | null) {
  if (!d) throw new Error('no webhook');
  const r = await receiveWebhook({ db: h.deps.db, channelSecret: TEST_CHANNEL_SECRET }, Buffer.from(d.body, 'utf8'), d.signature);
  for (const id of r.newEventIds) await processWebhookEvent(h.deps, id);
  await dispatcher.drain();
}

const userId = `U${'d4'.repeat(16)}`;
const phone = () => (h.sandbox.state.friends.get(userId)?.inbox ?? []).map((m) => m.message);

describe('the inbox thread', () => {
  let friendId = '';
  let operatorId = '';

  beforeAll(async () => {
    await deliver((await h.sandbox.phone.addFriend({ userId, displayName: '佐藤' })).webhook);
    const [f] = await h.deps.db.select().from(friends).where(eq(friends.lineUserId, userId));
    friendId = f!.id;
    operatorId = `op-${randomUUID()}`;
    await h.deps.db.insert(operators).values({ id: operatorId, name: '山田', email: `${operatorId}@kizuna.test`, role: 'editor' });
  });

  it('shows the account’s auto-replies, scenario sends and operator answers interleaved with the friend’s messages', async () => {
    await insertKeywordRule(
      h.deps.db,
      {
        name: '営業時間',
        priority: 10,
        active: true,
        match: { mode: 'contains', pattern: '営業時間', caseSensitive: false },
        windows: [],
        timeZone: 'Asia/Tokyo',
        actions: { reply: { type: 'text', text: '10時から19時までです' }, friend: [], startScenarioId: null },
      },
      'owner@example.com',
    );
    await deliver((await h.sandbox.phone.sendText(userId, '営業時間は？')).webhook);
    await expect.poll(() => phone().length).toBe(1);

    // A scenario's send, as the send activity leaves it in the outbox once LINE took it (a test run's is left out).
    const [s] = await h.deps.db.insert(scenarios).values({ name: '来店フォロー', draft: {}, status: 'live' }).returning();
    const sent = (text: string, isTest: boolean, sentAt: Date) => ({
      runId: `run-${randomUUID()}`,
      scenarioId: s!.id,
      versionId: randomUUID(),
      friendId,
      nodeId: 'follow',
      visit: 1,
      retryKey: randomUUID(),
      status: 'sent' as const,
      messages: [
        { type: 'text', text },
        { type: 'sticker', packageId: '446', stickerId: '1988' },
      ],
      isTest,
      sentAt,
      sentVia: 'push' as const,
    });
    await h.deps.db.insert(outbox).values([sent('ご来店ありがとうございました', false, new Date()), sent('テスト配信', true, new Date())]);

    const r = await sendOperatorReply(h.deps, operatorId, {
      friendId,
      text: '{{friend.displayName}}さん、ほかにご質問はありますか？',
      retryKey: randomUUID(),
    });
    expect(r.status).toBe('sent');
    // The friend reads their name, as a scenario message would fill it.
    expect(phone().at(-1)).toEqual({ type: 'text', text: '佐藤さん、ほかにご質問はありますか？' });

    const thread = (await inboxSnapshot(h.deps.db, friendId, 'ja')).thread;
    expect(thread?.messages.map((m) => [m.direction, m.source, m.text, m.scenarioName ?? m.operatorName])).toEqual([
      ['in', 'friend', '営業時間は？', null],
      ['out', 'auto_reply', '10時から19時までです', null],
      ['out', 'scenario', 'ご来店ありがとうございました', '来店フォロー'],
      ['out', 'scenario', null, '来店フォロー'],
      ['out', 'operator', '佐藤さん、ほかにご質問はありますか？', '山田'],
    ]);
    expect(thread?.messages[3]?.messageType).toBe('sticker');
    // A repeated dispatch of the same hit writes its reply into the thread once.
    await dispatcher.drain();
    expect((await inboxSnapshot(h.deps.db, friendId, 'ja')).thread?.messages).toHaveLength(5);
  });

  it('fills a template’s placeholders for the friend, form links signed for them', async () => {
    await h.deps.db
      .update(friends)
      .set({ attributes: { plan: 'ゴールド' } })
      .where(eq(friends.id, friendId));
    const filled = await fillForFriend(h.deps, friendId, '{{friend.displayName}}様（{{attr.plan}}）こちらから {{form:survey}}');
    expect(filled).toMatch(/^佐藤様（ゴールド）こちらから http:\/\/kizuna\.test\/f\/\S+$/);
    expect(await fillForFriend(h.deps, friendId, 'そのまま')).toBe('そのまま');
  });

  it('assigning an operator who does not exist or is disabled is refused as not_found:operator, changing nothing', async () => {
    await assignChat(h.deps, friendId, operatorId);
    expect((await findThread(h.deps.db, friendId))?.assigneeId).toBe(operatorId);

    const unknown = await assignChat(h.deps, friendId, 'no-such-operator').catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(AppError);
    expect(toActionError(unknown)).toMatchObject({ code: 'not_found:operator' });

    await h.deps.db.update(operators).set({ disabledAt: new Date() }).where(eq(operators.id, operatorId));
    await assignChat(h.deps, friendId, null);
    const disabled = await assignChat(h.deps, friendId, operatorId).catch((e: unknown) => e);
    expect(toActionError(disabled)).toMatchObject({ code: 'not_found:operator' });
    const [row] = await h.deps.db.select().from(chatThreads).where(eq(chatThreads.friendId, friendId));
    expect(row?.assigneeId).toBeNull();
  });
});
