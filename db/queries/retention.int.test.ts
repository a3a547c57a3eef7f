// Retention on real PostgreSQL: rows older than the cutoff lose their webhook payloads and message texts and keep ids,
// types, times and statuses; newer rows keep everything; a redelivered old webhook event is still dropped; a second
// run changes nothing. Instants are pinned (no wall clock).
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatches, events, friends, outbox, webhookEvents } from '../schema';
import { createTestDatabase, type TestDatabase } from '../../test/db';
import { pruneOlderThan, pruneRetention } from './retention';
import { insertNewWebhookEvents } from './webhook-events';

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(async () => {
  await tdb?.drop();
});

const OLD = new Date('2025-01-10T03:00:00Z');
const NEW = new Date('2025-02-20T03:00:00Z');
const CUTOFF = new Date('2025-02-01T00:00:00Z');

async function seed(at: Date, label: string) {
  const db = tdb.db;
  const userId = `U${randomUUID().replaceAll('-', '')}`;
  const [friend] = await db.insert(friends).values({ lineUserId: userId, displayName: label }).returning();
  if (!friend) throw new Error('no friend');
  const webhookEventId = `01J${randomUUID().replaceAll('-', '').slice(0, 23).toUpperCase()}`;
  const payload = {
    type: 'message',
    webhookEventId,
    source: { type: 'user', userId },
    message: { type: 'text', id: '1', text: `${label} の問い合わせ` },
  };
  await db.insert(webhookEvents).values({ webhookEventId, type: 'message', payload, receivedAt: at, processedAt: at });
  const [sent] = await db
    .insert(outbox)
    .values({
      runId: `run-${label}`,
      scenarioId: randomUUID(),
      versionId: randomUUID(),
      friendId: friend.id,
      nodeId: 'hello',
      visit: 1,
      retryKey: randomUUID(),
      status: 'sent',
      messages: [{ type: 'text', text: `${label}さん、こんにちは` }],
      requestId: `req-${label}`,
      sentMessageIds: ['4711'],
      createdAt: at,
      sentAt: at,
    })
    .returning();
  const [said] = await db
    .insert(events)
    .values({
      friendId: friend.id,
      name: 'line_message',
      occurredAt: at,
      properties: { messageType: 'text', messageId: '9001', text: `${label} です` },
      source: 'webhook',
      idempotencyKey: `line:${webhookEventId}`,
    })
    .returning();
  const [bought] = await db
    .insert(events)
    .values({ friendId: friend.id, name: 'purchase', occurredAt: at, properties: { item: 'シャツ', price: 3900 }, source: 'api' })
    .returning();
  if (!sent || !said || !bought) throw new Error('not seeded');
  return { webhookEventId, payload, outboxId: sent.id, saidId: said.id, boughtId: bought.id, label };
}

const read = async (s: Awaited<ReturnType<typeof seed>>) => ({
  hook: (await tdb.db.select().from(webhookEvents).where(eq(webhookEvents.webhookEventId, s.webhookEventId)))[0],
  sent: (await tdb.db.select().from(outbox).where(eq(outbox.id, s.outboxId)))[0],
  said: (await tdb.db.select().from(events).where(eq(events.id, s.saidId)))[0],
  bought: (await tdb.db.select().from(events).where(eq(events.id, s.boughtId)))[0],
});

describe('retention', () => {
  it('prunes texts and payloads older than the cutoff, keeps what dedup and analytics need, and keeps newer rows whole', async () => {
    const old = [await seed(OLD, 'ふるい一'), await seed(OLD, 'ふるい二'), await seed(OLD, 'ふるい三')];
    const fresh = await seed(NEW, 'あたらしい');
    const freshBefore = await read(fresh);

    // Batches of one: the loop goes on until a batch comes back short.
    const pruned = await pruneOlderThan(tdb.db, CUTOFF, { batchSize: 1 });
    expect(pruned).toEqual({ webhookPayloads: 3, outboxTexts: 3, messageTexts: 3 });

    for (const o of old) {
      const { hook, sent, said, bought } = await read(o);
      expect(hook).toMatchObject({ webhookEventId: o.webhookEventId, type: 'message', payload: {}, receivedAt: OLD, processedAt: OLD });
      expect(sent).toMatchObject({
        status: 'sent',
        messages: [],
        requestId: `req-${o.label}`,
        sentMessageIds: ['4711'],
        sentAt: OLD,
        createdAt: OLD,
      });
      expect(said).toMatchObject({ name: 'line_message', occurredAt: OLD, properties: { messageType: 'text', messageId: '9001' } });
      expect(said?.properties).not.toHaveProperty('text');
      // Business events are not message texts: segments and goals still read them.
      expect(bought?.properties).toEqual({ item: 'シャツ', price: 3900 });
    }
    expect(await read(fresh)).toEqual(freshBefore);

    // A redelivery of a pruned event is still recognised and dropped; the row stays pruned.
    const first = old[0]!;
    expect(
      await insertNewWebhookEvents(tdb.db, [{ webhookEventId: first.webhookEventId, type: 'message', payload: first.payload }]),
    ).toEqual([]);
    expect((await read(first)).hook?.payload).toEqual({});

    // Nothing left to prune: a second run changes nothing.
    expect(await pruneOlderThan(tdb.db, CUTOFF)).toEqual({ webhookPayloads: 0, outboxTexts: 0, messageTexts: 0 });
  });

  it('counts the retention period back from the given instant', async () => {
    await pruneOlderThan(tdb.db, new Date('2025-05-01T00:00:00Z')); // what the test above left
    const edge = await seed(new Date('2025-06-01T00:00:00Z'), 'ぎりぎり');
    const past = await seed(new Date('2025-05-31T23:59:59Z'), 'すぎた');
    const r = await pruneRetention(tdb.db, { now: new Date('2025-07-01T00:00:00Z'), retentionDays: 30 });
    expect(r).toMatchObject({ webhookPayloads: 1, outboxTexts: 1, messageTexts: 1, erasedFriendRows: 0 });
    expect((await read(past)).hook?.payload).toEqual({});
    expect((await read(edge)).hook?.payload).toEqual(edge.payload);
  });

  it('deletes trigger-outbox rows done for more than a week and keeps pending, dead and recent ones', async () => {
    const now = new Date('2025-08-01T00:00:00Z');
    const day = 86_400_000;
    const row = (status: 'done' | 'pending' | 'dead', doneDaysAgo: number | null) => ({
      kind: 'scenario_stopped' as const,
      status,
      doneAt: doneDaysAgo === null ? null : new Date(now.getTime() - doneDaysAgo * day),
    });
    const ids = await tdb.db
      .insert(dispatches)
      .values([row('done', 8), row('done', 6), row('pending', null), row('dead', null)])
      .returning({ id: dispatches.id });
    const r = await pruneRetention(tdb.db, { now, retentionDays: 30 });
    expect(r.doneDispatches).toBe(1);
    const left = await tdb.db.select({ id: dispatches.id, status: dispatches.status }).from(dispatches);
    expect(left.map((x) => x.id).sort()).toEqual(
      ids
        .slice(1)
        .map((x) => x.id)
        .sort(),
    );
  });
});
