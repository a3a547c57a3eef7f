// 対応中 (issue 21): while an operator handles a friend in the inbox, that friend's automated scenario sends wait,
// visibly (the run waits at its send step, the inbox names it); clearing the status sends them at once, and the
// account's setting can turn the hold off.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listRunsWaitingToSend, saveChatHoldSetting } from '../db/queries/chat';
import { operators, outbox, runs } from '../db/schema';
import { setChatHandling } from '../lib/chat/inbox';
import { createLineClient } from '../lib/line/client';
import { onFriendAdded } from '../lib/engine/triggers';
import type { ScenarioGraphInput } from '../scenario/schema';
import { acceptedPushes, createEngineHarness, createFriend, publishGraph, type EngineHarness } from '../test/engine';

let h: EngineHarness;
beforeAll(async () => {
  h = await createEngineHarness({ timeSkipping: false });
  await h.tdb.db.insert(operators).values({ id: 'operator-1', name: '山田', email: 'yamada@example.test', role: 'editor' });
});
afterAll(async () => {
  await h?.close();
});

const graph = (text: string): ScenarioGraphInput => ({
  schemaVersion: 1,
  settings: { timeZone: 'Asia/Tokyo', splitSalt: 'chat-hold' },
  nodes: [
    { id: 'trigger', kind: 'trigger', position: { x: 0, y: 0 }, data: { trigger: { type: 'friend_added' }, reEntry: 'once' } },
    { id: 'hello', kind: 'send', position: { x: 0, y: 100 }, data: { messages: [{ type: 'text', text }] } },
    { id: 'end', kind: 'end', position: { x: 0, y: 200 }, data: {} },
  ],
  edges: [
    { id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'hello' },
    { id: 'e2', source: 'hello', sourceHandle: 'next', target: 'end' },
  ],
});

async function until(what: string, check: () => Promise<boolean>, ms = 30_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const inboxDeps = () => ({
  db: h.tdb.db,
  line: createLineClient({ channelAccessToken: 'test-token', baseURL: h.sandbox.url }),
  now: () => new Date(),
});

describe('対応中 holds automated sends', () => {
  it('a scenario send waits while the friend is 対応中 and goes out as soon as it is cleared', async () => {
    const { scenarioId } = await publishGraph(h, graph('ようこそ'), 'welcome while handled');
    const friend = await createFriend(h, 'チャット中');
    expect(await setChatHandling(inboxDeps(), friend.id, 'operator-1', true)).toBe(true);
    await h.withWorkers(async () => {
      await onFriendAdded(h.deps, { friendId: friend.id, isUnblocked: false, at: new Date() });
      const runId = `run-${scenarioId}-${friend.id}`;
      // Held where everybody can see it: the run waits at its send step, the inbox lists it, nothing reached LINE.
      await until('the run waiting at its send', async () => (await listRunsWaitingToSend(h.tdb.db, friend.id)).length === 1);
      await new Promise((r) => setTimeout(r, 1500));
      expect(acceptedPushes(h, friend.lineUserId)).toHaveLength(0);
      expect(await h.tdb.db.select().from(outbox).where(eq(outbox.friendId, friend.id))).toHaveLength(0);
      const [run] = await h.tdb.db.select().from(runs).where(eq(runs.friendId, friend.id));
      expect(run).toMatchObject({ status: 'active', currentNodeId: 'hello' });

      // Cleared: the `chat_handling_ended` event wakes the run (no waiting for the 15-minute recheck).
      const clearedAt = Date.now();
      expect(await setChatHandling(inboxDeps(), friend.id, 'operator-1', false)).toBe(true);
      await h.client.workflow.getHandle(runId).result();
      expect(Date.now() - clearedAt).toBeLessThan(20_000);
      expect(acceptedPushes(h, friend.lineUserId)).toHaveLength(1);
      const rows = await h.tdb.db.select().from(outbox).where(eq(outbox.friendId, friend.id));
      expect(rows.map((r) => r.status)).toEqual(['sent']);
    });
  });

  it('with the setting off, 対応中 holds nothing', async () => {
    const { scenarioId } = await publishGraph(h, graph('こんにちは'), 'welcome, hold off');
    const friend = await createFriend(h, '設定オフ');
    await saveChatHoldSetting(h.tdb.db, false, 'operator-1');
    try {
      await setChatHandling(inboxDeps(), friend.id, 'operator-1', true);
      await h.withWorkers(async () => {
        await onFriendAdded(h.deps, { friendId: friend.id, isUnblocked: false, at: new Date() });
        await h.client.workflow.getHandle(`run-${scenarioId}-${friend.id}`).result();
      });
      expect(acceptedPushes(h, friend.lineUserId)).toHaveLength(1);
    } finally {
      await saveChatHoldSetting(h.tdb.db, true, 'operator-1');
    }
  });
});
