// Published versions are immutable: a run keeps the version it entered with (real Temporal dev server).
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runs } from '../db/schema';
import { onEvent, onFriendAdded } from '../lib/engine/triggers';
import type { ScenarioGraphInput } from '../scenario/schema';
import { createEngineHarness, createFriend, publishGraph, type EngineHarness } from '../test/engine';

let h: EngineHarness;
beforeAll(async () => {
  h = await createEngineHarness({ timeSkipping: false });
});
afterAll(async () => {
  await h?.close();
});

/** Waits until the friend's run is recorded as waiting at `nodeId`. */
async function parkedAt(friendId: string, nodeId: string) {
  for (let i = 0; i < 300; i++) {
    const [run] = await h.tdb.db.select().from(runs).where(eq(runs.friendId, friendId));
    if (run?.currentNodeId === nodeId && run.waitingFor) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`friend ${friendId} never parked at ${nodeId}`);
}

describe('scenario versions', () => {
  it('publishing v2 while friends wait in v1: they finish v1, new friends take v2', async () => {
    const wait: ScenarioGraphInput = {
      schemaVersion: 1,
      settings: { timeZone: 'Asia/Tokyo', splitSalt: 'v' },
      nodes: [
        { id: 'trigger', kind: 'trigger', position: { x: 0, y: 0 }, data: { trigger: { type: 'friend_added' }, reEntry: 'once' } },
        // Waits for a `go` event (sent by the test), so no time needs skipping.
        {
          id: 'pause',
          kind: 'wait_for_event',
          position: { x: 0, y: 100 },
          data: { eventName: 'go', timeout: { mode: 'duration', amount: 1, unit: 'days' } },
        },
        { id: 'hello', kind: 'send', position: { x: 0, y: 200 }, data: { messages: [{ type: 'text', text: 'v1です' }] } },
        { id: 'end', kind: 'end', position: { x: 0, y: 300 }, data: {} },
      ],
      edges: [
        { id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'pause' },
        { id: 'e2', source: 'pause', sourceHandle: 'event', target: 'hello' },
        { id: 'e2b', source: 'pause', sourceHandle: 'timeout', target: 'end' },
        { id: 'e3', source: 'hello', sourceHandle: 'next', target: 'end' },
      ],
    };
    const v1 = await publishGraph(h, wait, 'versions');
    const early = await createFriend(h, '先に来た人');
    const late = await createFriend(h, '後から来た人');
    await h.withWorkers(async () => {
      await onFriendAdded(h.deps, { friendId: early.id, isUnblocked: false, at: new Date() });
      await parkedAt(early.id, 'pause');
      // v2 is published into the same scenario while `early` waits.
      const v2graph = structuredClone(wait);
      const hello = v2graph.nodes.find((n) => n.id === 'hello');
      if (hello?.kind === 'send') hello.data = { messages: [{ type: 'text', text: 'v2です' }] };
      const { compile } = await import('../scenario/compile');
      const { insertVersion } = await import('../db/queries/scenario-versions');
      const { scenarios } = await import('../db/schema');
      const v2 = await insertVersion(h.tdb.db, { scenarioId: v1.scenarioId, graph: v2graph, plan: compile(v2graph), publishedBy: 'test' });
      await h.tdb.db.update(scenarios).set({ liveVersionId: v2.id }).where(eq(scenarios.id, v1.scenarioId));
      await onFriendAdded(h.deps, { friendId: late.id, isUnblocked: false, at: new Date() });
      await parkedAt(late.id, 'pause');
      for (const [i, f] of [early, late].entries()) {
        await onEvent(h.deps, { friendId: f.id, eventId: `go-${i}`, name: 'go', occurredAt: new Date(), properties: {}, isTest: false });
      }
      await Promise.all([early, late].map((f) => h.client.workflow.getHandle(`run-${v1.scenarioId}-${f.id}`).result()));
    });
    const text = (lineUserId: string) => h.sandbox.state.friends.get(lineUserId)?.inbox.map((m) => m.message.text);
    expect(text(early.lineUserId)).toEqual(['v1です']);
    expect(text(late.lineUserId)).toEqual(['v2です']);
    const [earlyRun] = await h.tdb.db.select().from(runs).where(eq(runs.friendId, early.id));
    expect(earlyRun?.versionId).toBe(v1.versionId);
  });
});
