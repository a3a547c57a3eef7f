// A scenario's send in the inbox thread reads as the friend received it: placeholders filled from the friend and the
// trigger event ({{event.itemName|商品}} → the item), exactly the text that reached the phone, never the raw template.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox } from '@/db/schema';
import type { ScenarioGraphInput } from '@/scenario/schema';
import { createEngineHarness, createFriend, publishGraph, type EngineHarness } from '@/test/engine';
import { onEvent } from '../engine/triggers';
import { inboxSnapshot } from './inbox-view';

let h: EngineHarness;
beforeAll(async () => {
  h = await createEngineHarness({ timeSkipping: true });
});
afterAll(async () => {
  await h?.close();
});

const graph: ScenarioGraphInput = {
  schemaVersion: 1,
  settings: { timeZone: 'Asia/Tokyo', splitSalt: 'restock' },
  nodes: [
    {
      id: 'trigger',
      kind: 'trigger',
      position: { x: 0, y: 0 },
      data: { trigger: { type: 'event', eventName: 'favorite_restocked' }, reEntry: 'always' },
    },
    {
      id: 'notice',
      kind: 'send',
      position: { x: 0, y: 100 },
      data: {
        messages: [
          { type: 'text', text: '{{friend.displayName|お客様}}さん、お気に入りの{{event.itemName|商品}}が再入荷しました' },
          { type: 'sticker', packageId: '446', stickerId: '1988' },
        ],
      },
    },
    { id: 'end', kind: 'end', position: { x: 0, y: 200 }, data: {} },
  ],
  edges: [
    { id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'notice' },
    { id: 'e2', source: 'notice', sourceHandle: 'next', target: 'end' },
  ],
};

describe('a scenario send in the inbox thread', () => {
  it('shows the text the friend received, its placeholders filled', async () => {
    const { scenarioId } = await publishGraph(h, graph, '再入荷のお知らせ');
    const friend = await createFriend(h, '佐藤');
    await h.withWorkers(async () => {
      await onEvent(h.deps, {
        friendId: friend.id,
        eventId: 'ev-restock-1',
        name: 'favorite_restocked',
        occurredAt: new Date(),
        properties: { itemName: 'リネンシャツ' },
        isTest: false,
      });
      await h.client.workflow.getHandle(`run-${scenarioId}-${friend.id}-ev-restock-1`).result();
    });
    const received = (h.sandbox.state.friends.get(friend.lineUserId)?.inbox ?? []).map((m) => m.message);
    expect(received[0]).toEqual({ type: 'text', text: '佐藤さん、お気に入りのリネンシャツが再入荷しました' });
    const [sent] = await h.tdb.db.select().from(outbox).where(eq(outbox.friendId, friend.id));
    expect(sent?.status).toBe('sent');

    const thread = (await inboxSnapshot(h.tdb.db, friend.id, 'ja')).thread;
    expect(thread?.messages.map((m) => [m.source, m.scenarioName, m.messageType, m.text])).toEqual([
      ['scenario', '再入荷のお知らせ', 'text', '佐藤さん、お気に入りのリネンシャツが再入荷しました'],
      ['scenario', '再入荷のお知らせ', 'sticker', null],
    ]);
    expect(JSON.stringify(thread)).not.toContain('{{');
  });
});
