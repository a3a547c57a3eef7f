// A segment broadcast enters exactly its audience at the send time, once, in batches (time-skipping server).
import { and, eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { friendTags, runSteps, runs } from '../db/schema';
import { scheduleBroadcast } from '../lib/engine/schedule-broadcast';
import type { ScenarioGraphInput } from '../scenario/schema';
import { acceptedPushes, createEngineHarness, createFriend, publishGraph, type EngineHarness } from '../test/engine';
import type { BroadcastProgress } from './contract';

let h: EngineHarness;
beforeAll(async () => {
  h = await createEngineHarness({ timeSkipping: true });
});
afterAll(async () => {
  await h?.close();
});

describe('segment broadcast', () => {
  it('enters only the audience, at the send time, and never twice', async () => {
    const sendAt = DateTime.now().setZone('Asia/Tokyo').plus({ days: 2 }).set({ hour: 12, minute: 0 });
    const graph: ScenarioGraphInput = {
      schemaVersion: 1,
      settings: { timeZone: 'Asia/Tokyo', splitSalt: 'vip' },
      nodes: [
        {
          id: 'trigger',
          kind: 'trigger',
          position: { x: 0, y: 0 },
          data: {
            trigger: {
              type: 'segment_broadcast',
              sendAt: sendAt.toFormat("yyyy-MM-dd'T'HH:mm"),
              audience: { type: 'tag', tag: 'vip', has: true },
            },
            reEntry: 'once',
          },
        },
        { id: 'sale', kind: 'send', position: { x: 0, y: 100 }, data: { messages: [{ type: 'text', text: 'VIP限定セールのお知らせ' }] } },
        { id: 'end', kind: 'end', position: { x: 0, y: 200 }, data: {} },
      ],
      edges: [
        { id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'sale' },
        { id: 'e2', source: 'sale', sourceHandle: 'next', target: 'end' },
      ],
    };
    const { scenarioId, versionId, plan } = await publishGraph(h, graph, 'vip');
    const people = await Promise.all(['A', 'B', 'C', 'D', 'E'].map((n) => createFriend(h, n)));
    const vips = [people[0]!, people[2]!, people[4]!];
    await h.tdb.db.insert(friendTags).values(vips.map((f) => ({ friendId: f.id, tag: 'vip' })));

    const progress = await h.withWorkers(async () => {
      const workflowId = await scheduleBroadcast(h.deps, { scenarioId, versionId, plan });
      const result: BroadcastProgress = await h.client.workflow.getHandle(workflowId!).result();
      await Promise.all(vips.map((f) => h.client.workflow.getHandle(`run-${scenarioId}-${f.id}`).result()));
      return result;
    });
    expect(progress).toEqual({ scanned: 5, matched: 3, started: 3, skipped: 0, done: true });
    for (const f of people) expect(acceptedPushes(h, f.lineUserId)).toHaveLength(vips.includes(f) ? 1 : 0);
    const entered = await h.tdb.db.select().from(runs).where(eq(runs.scenarioId, scenarioId));
    expect(entered).toHaveLength(3);
    // Entered on the workflow clock at the send time, not when the version was published.
    const triggerSteps = await h.tdb.db
      .select()
      .from(runSteps)
      .where(and(eq(runSteps.scenarioId, scenarioId), eq(runSteps.nodeId, 'trigger')));
    expect(triggerSteps).toHaveLength(3);
    for (const s of triggerSteps) expect(s.enteredAt.getTime()).toBeGreaterThanOrEqual(sendAt.startOf('minute').toMillis());
  });
});
