// The demo's history reads like the engine's: every send it stores is the text a friend would have received, its
// placeholders filled from the friend and the trigger event, so a demo friend's inbox thread never shows a raw template.
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox, scenarios } from '../db/schema';
import { inboxSnapshot } from '../lib/chat/inbox-view';
import { createTestDatabase, type TestDatabase } from '../test/db';
import { seedDemo } from './seed-demo';

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedDemo(tdb.url, () => {}, { historyDays: 7 });
});
afterAll(async () => tdb?.drop());

describe('the demo data', () => {
  it('stores sends rendered for their friend, as the inbox thread shows them', async () => {
    const raw = await tdb.db.execute(sql`select count(*)::int as n from outbox where messages::text like '%{{%'`);
    expect(raw[0]?.n).toBe(0);
    const [restock] = await tdb.db
      .select({ friendId: outbox.friendId })
      .from(outbox)
      .innerJoin(scenarios, eq(scenarios.id, outbox.scenarioId))
      .where(and(eq(outbox.status, 'sent'), sql`${scenarios.name} like '%restock-notice'`))
      .limit(1);
    expect(restock).toBeDefined();
    const thread = (await inboxSnapshot(tdb.db, restock!.friendId, 'ja')).thread;
    const texts = thread?.messages.map((m) => m.text ?? '') ?? [];
    // The card's alt text names the item of the event that started the run (examples/events/*.json).
    expect(texts.some((t) => /^お気に入りの.+が再入荷しました$/.test(t) && !t.includes('お気に入りの商品'))).toBe(true);
    expect(texts.join('\n')).not.toContain('{{');
  });
});
