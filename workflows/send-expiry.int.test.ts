// A send LINE never takes (the token stays refused for a day) ends `failed: expired` on the outbox and the run step,
// and the run goes on as its node says: no workflow execution fails because LINE did (time-skipping server).
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readChannelState } from '../db/queries/channel-state';
import { friendTags, outbox, runSteps, runs } from '../db/schema';
import { onFriendAdded } from '../lib/engine/triggers';
import type { ScenarioGraphInput } from '../scenario/schema';
import { acceptedPushes, createEngineHarness, createFriend, publishGraph, type EngineHarness } from '../test/engine';

let h: EngineHarness;
beforeAll(async () => {
  h = await createEngineHarness({ timeSkipping: true });
});
afterAll(async () => {
  await h?.close();
});

const graph: ScenarioGraphInput = {
  schemaVersion: 1,
  settings: { timeZone: 'Asia/Tokyo', splitSalt: 'expiry' },
  nodes: [
    { id: 'trigger', kind: 'trigger', position: { x: 0, y: 0 }, data: { trigger: { type: 'friend_added' }, reEntry: 'once' } },
    { id: 'hello', kind: 'send', position: { x: 0, y: 100 }, data: { messages: [{ type: 'text', text: '届かないあいさつ' }] } },
    { id: 'mark', kind: 'action', position: { x: 0, y: 200 }, data: { action: { type: 'add_tag', tag: 'after-send' } } },
    { id: 'end', kind: 'end', position: { x: 0, y: 300 }, data: {} },
  ],
  edges: [
    { id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'hello' },
    { id: 'e2', source: 'hello', sourceHandle: 'next', target: 'mark' },
    { id: 'e3', source: 'mark', sourceHandle: 'next', target: 'end' },
  ],
};

describe('a send past its retry window', () => {
  it('ends failed (expired) on the outbox and the step, and the run goes on to its end', async () => {
    const { scenarioId } = await publishGraph(h, graph, 'expiry');
    const friend = await createFriend(h, 'キゲン');
    const workflowId = `run-${scenarioId}-${friend.id}`;
    // LINE refuses the token for longer than a retry key lives.
    await fetch(`${h.sandbox.url}/__sandbox/credentials`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ revoked: true }),
    });
    const started = Date.now();
    await h.withWorkers(async () => {
      await onFriendAdded(h.deps, { friendId: friend.id, isUnblocked: false, at: new Date() });
      await h.client.workflow.getHandle(workflowId).result();
    });
    const realMs = Date.now() - started;
    const description = await h.client.workflow.getHandle(workflowId).describe();
    expect(description.status.name).toBe('COMPLETED');
    expect(acceptedPushes(h, friend.lineUserId)).toHaveLength(0);
    const rows = await h.tdb.db.select().from(outbox).where(eq(outbox.friendId, friend.id));
    expect(rows.map((r) => [r.status, r.reason])).toEqual([['failed', 'expired']]);
    const [step] = await h.tdb.db
      .select()
      .from(runSteps)
      .where(and(eq(runSteps.friendId, friend.id), eq(runSteps.nodeId, 'hello')));
    expect(step).toMatchObject({ output: 'next', reason: 'failed: expired' });
    // The node's way out was taken: the action after it ran and the run ended.
    expect(await h.tdb.db.select().from(friendTags).where(eq(friendTags.friendId, friend.id))).toEqual([
      expect.objectContaining({ tag: 'after-send' }),
    ]);
    expect((await h.tdb.db.select().from(runs).where(eq(runs.friendId, friend.id))).map((r) => r.status)).toEqual(['done']);
    // The channel is still paused (LINE still refuses): only the message gave up.
    expect(await readChannelState(h.tdb.db)).toMatchObject({ status: 'paused', pausedFor: 'credentials' });
    const virtualHours = (Date.parse(description.closeTime!.toISOString()) - Date.parse(description.startTime.toISOString())) / 3_600_000;
    console.info(
      `drill expiry: facts 1, runs 1, delivered 0, lost 0 (recorded failed: expired), ${virtualHours.toFixed(1)} h virtual in ${realMs} ms`,
    );
    expect(virtualHours).toBeGreaterThan(22);
    expect(virtualHours).toBeLessThan(23);
  });
});
