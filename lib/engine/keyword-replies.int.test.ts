// Keyword auto-replies end to end on real services: a text sent from the sandbox phone goes through the webhook, the
// dispatcher fires the rule, the reply arrives on the phone through the Reply API and the tag is added, once.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertKeywordRule } from '@/db/queries/keyword-rules';
import { createMessageTemplate } from '@/db/queries/message-templates';
import { listFriendTags } from '@/db/queries/friends';
import { dispatches, events, friends, keywordRuleHits } from '@/db/schema';
import type { WebhookDelivery } from '@/devstack/line-sandbox/state';
import { createEdgeHarness, TEST_CHANNEL_SECRET, TEST_SECRET, type EdgeHarness } from '@/test/edge';
import type { KeywordRuleInput } from '@/scenario/keyword-rules';
import { formLinkUrl, readFormLink } from '../forms/form-link';
import { processWebhookEvent } from '../line/process-event';
import { receiveWebhook } from '../line/receive-webhook';
import { dispatchItem } from './dispatch';
import { startDispatcher, type Dispatcher } from './dispatcher';
import { onTextMessage } from './keyword-replies';

let h: EdgeHarness;
let dispatcher: Dispatcher;
beforeAll(async () => {
  h = await createEdgeHarness();
  // The worker's dispatcher over the app's deps (the same database, Temporal client and LINE client).
  dispatcher = startDispatcher(h.deps, { sweepMs: 200 });
});
afterAll(async () => {
  await dispatcher?.stop();
  await h?.close();
});

/** What the phone sent reaches our receiver as LINE would deliver it; then the outbox is drained. */
async function deliver(d: WebhookDelivery | null) {
  if (!d) throw new Error('no webhook');
  const r = await receiveWebhook({ db: h.deps.db, channelSecret: TEST_CHANNEL_SECRET }, Buffer.from(d.body, 'utf8'), d.signature);
  for (const id of r.newEventIds) await processWebhookEvent(h.deps, id);
  await dispatcher.drain();
}

const rule = (over: Partial<KeywordRuleInput>): KeywordRuleInput => ({
  name: 'クーポン',
  priority: 10,
  active: true,
  match: { mode: 'contains', pattern: 'クーポン', caseSensitive: false },
  windows: [],
  timeZone: 'Asia/Tokyo',
  actions: {
    reply: { type: 'text', text: '{{friend.displayName}}さん、クーポンはこちら' },
    friend: [{ type: 'add_tag', tag: 'coupon' }],
    startScenarioId: null,
  },
  ...over,
});

const inbox = (userId: string) => h.sandbox.state.friends.get(userId)?.inbox ?? [];

describe('keyword auto-replies from the sandbox phone', () => {
  const userId = `U${'c'.repeat(32)}`;
  let friendId = '';
  let ruleId = '';

  beforeAll(async () => {
    ruleId = await insertKeywordRule(h.deps.db, rule({}), 'owner@example.com');
    // A lower-priority rule that also matches never fires on the same message.
    await insertKeywordRule(
      h.deps.db,
      rule({ name: 'fallback', priority: 99, match: { mode: 'regex', pattern: '.+', caseSensitive: false } }),
      'owner@example.com',
    );
    const { webhook } = await h.sandbox.phone.addFriend({ userId, displayName: '佐藤' });
    await deliver(webhook);
    const [f] = await h.deps.db.select().from(friends).where(eq(friends.lineUserId, userId));
    friendId = f?.id ?? '';
  });

  it('a matching text fires the rule: the reply arrives through the Reply API and the tag is added', async () => {
    const before = inbox(userId).length;
    const { webhook } = await h.sandbox.phone.sendText(userId, 'ｸｰﾎﾟﾝありますか？');
    await deliver(webhook);
    const got = inbox(userId).slice(before);
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ endpoint: 'reply', message: { type: 'text', text: '佐藤さん、クーポンはこちら' } });
    expect(await listFriendTags(h.deps.db, friendId)).toContain('coupon');
    const hits = await h.deps.db.select().from(keywordRuleHits).where(eq(keywordRuleHits.friendId, friendId));
    expect(hits).toEqual([expect.objectContaining({ ruleId, replyStatus: 'sent', replyVia: 'reply' })]);
    // The dispatch row says which rule fired (ids only, never the text).
    const rows = await h.deps.db.select().from(dispatches).where(eq(dispatches.kind, 'event'));
    const results = rows.map((r) => r.result);
    expect(results).toContainEqual(expect.objectContaining({ keyword: { ruleId, hitId: hits[0]?.id, reply: 'sent', via: 'reply' } }));
    expect(JSON.stringify(results)).not.toContain('ｸｰﾎﾟﾝ');
  });

  it('the same message dispatched again fires nothing more (idempotent per webhook event)', async () => {
    const before = inbox(userId).length;
    const [ev] = await h.deps.db.select().from(events).where(eq(events.name, 'line_message'));
    if (!ev) throw new Error('no message event');
    await dispatchItem(h.deps, { kind: 'event', friendId, eventId: ev.id });
    await dispatchItem(h.deps, { kind: 'event', friendId, eventId: ev.id });
    expect(inbox(userId).length).toBe(before);
    expect(await h.deps.db.select().from(keywordRuleHits).where(eq(keywordRuleHits.friendId, friendId))).toHaveLength(1);
  });

  it('a message no rule matches gets no reply', async () => {
    await h.deps.db.delete(keywordRuleHits);
    const before = inbox(userId).length;
    // Only the catch-all matches "hello"; switch it off first.
    const { keywordRules } = await import('@/db/schema');
    await h.deps.db.update(keywordRules).set({ active: false }).where(eq(keywordRules.name, 'fallback'));
    await deliver((await h.sandbox.phone.sendText(userId, 'hello')).webhook);
    expect(inbox(userId).length).toBe(before);
    expect(await h.deps.db.select().from(keywordRuleHits)).toHaveLength(0);
  });

  it('an expired reply token falls back to a push, recorded on the hit', async () => {
    const template = await createMessageTemplate(h.deps.db, {
      name: 'クーポン案内',
      messages: [{ type: 'text', text: 'テンプレートの返信です' }],
      createdBy: 'owner@example.com',
    });
    if (!template) throw new Error('no template');
    await insertKeywordRule(
      h.deps.db,
      rule({
        name: 'late',
        priority: 1,
        match: { mode: 'exact', pattern: '遅い', caseSensitive: false },
        actions: { reply: { type: 'template', templateId: template.id }, friend: [], startScenarioId: null },
      }),
      'owner@example.com',
    );
    const { webhook } = await h.sandbox.phone.sendText(userId, '遅い');
    if (!webhook) throw new Error('no webhook');
    const r = await receiveWebhook(
      { db: h.deps.db, channelSecret: TEST_CHANNEL_SECRET },
      Buffer.from(webhook.body, 'utf8'),
      webhook.signature,
    );
    for (const id of r.newEventIds) await processWebhookEvent(h.deps, id);
    const [ev] = await h.deps.db
      .select()
      .from(events)
      .where(eq(events.idempotencyKey, `line:${webhook.events[0]?.webhookEventId}`));
    if (!ev) throw new Error('no event');
    const before = inbox(userId).length;
    // Handled two minutes after the message: LINE's token is no longer valid, so it pushes.
    const outcome = await onTextMessage({ ...h.deps, now: () => ev.occurredAt.getTime() + 120_000 }, ev);
    expect(outcome).toMatchObject({ reply: 'sent', via: 'push' });
    expect(inbox(userId).slice(before)).toEqual([
      expect.objectContaining({ endpoint: 'push', message: { type: 'text', text: 'テンプレートの返信です' } }),
    ]);
    await dispatcher.drain();
    expect(inbox(userId).length).toBe(before + 1);
  });

  it("a reply with a form placeholder carries the friend's own signed form link", async () => {
    await insertKeywordRule(
      h.deps.db,
      rule({
        name: 'survey',
        priority: 2,
        match: { mode: 'exact', pattern: 'アンケート', caseSensitive: false },
        actions: { reply: { type: 'text', text: 'ご回答はこちら {{form:survey}}' }, friend: [], startScenarioId: null },
      }),
      'owner@example.com',
    );
    // The worker's deps fill form links (worker/deps.ts); the dispatcher reads them from the same object.
    h.deps.formUrl = ({ friendId: f, slug }) =>
      formLinkUrl(f, slug, { secret: TEST_SECRET, baseUrl: 'http://kizuna.test', now: new Date() });
    try {
      const before = inbox(userId).length;
      await deliver((await h.sandbox.phone.sendText(userId, 'アンケート')).webhook);
      const [got] = inbox(userId).slice(before);
      const text = got?.message.type === 'text' ? String(got.message.text) : '';
      const m = /^ご回答はこちら http:\/\/kizuna\.test\/f\/(\S+)$/.exec(text);
      expect(m, text).not.toBeNull();
      expect(readFormLink(m?.[1] ?? '', { secret: TEST_SECRET, now: new Date() })).toEqual({ friendId, slug: 'survey' });
    } finally {
      delete h.deps.formUrl;
    }
  });
});
