// Unfollow always wins: a follow at once followed by a block, with five scenarios starting on friend added. Through the
// dispatcher (a friend's facts in order, a start that finds the friend blocked stops what it started, a block stops runs
// started moments before it), no run is left going and nothing reaches the friend.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatches, friends, runs } from '../db/schema';
import { dispatchBacklog } from '../db/queries/dispatches';
import type { EdgeDeps } from '../lib/friends/deps';
import { createLineClient } from '../lib/line/client';
import { processWebhookEvent } from '../lib/line/process-event';
import { receiveWebhook } from '../lib/line/receive-webhook';
import type { ScenarioGraphInput } from '../scenario/schema';
import { acceptedPushes, createEngineHarness, publishGraph, type EngineHarness } from '../test/engine';

let h: EngineHarness;
beforeAll(async () => {
  h = await createEngineHarness({ timeSkipping: false });
});
afterAll(async () => {
  await h?.close();
});

const welcome = (salt: string): ScenarioGraphInput => ({
  schemaVersion: 1,
  settings: { timeZone: 'Asia/Tokyo', splitSalt: salt },
  nodes: [
    { id: 'trigger', kind: 'trigger', position: { x: 0, y: 0 }, data: { trigger: { type: 'friend_added' }, reEntry: 'once' } },
    { id: 'wait', kind: 'wait', position: { x: 0, y: 100 }, data: { mode: 'duration', amount: 1, unit: 'minutes' } },
    { id: 'hello', kind: 'send', position: { x: 0, y: 200 }, data: { messages: [{ type: 'text', text: `ようこそ ${salt}` }] } },
    { id: 'end', kind: 'end', position: { x: 0, y: 300 }, data: {} },
  ],
  edges: [
    { id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'wait' },
    { id: 'e2', source: 'wait', sourceHandle: 'next', target: 'hello' },
    { id: 'e3', source: 'hello', sourceHandle: 'next', target: 'end' },
  ],
});

describe('unfollow always wins', () => {
  it('a follow and an immediate block: no run of five scenarios is left going, and nothing is sent', async () => {
    for (let i = 0; i < 5; i++) await publishGraph(h, welcome(`s${i}`), `welcome ${i}`, { alongside: i > 0 });
    const db = h.tdb.db;
    const edge: EdgeDeps = {
      db,
      line: createLineClient({ channelAccessToken: 'test-token', baseURL: h.sandbox.url }),
      now: () => new Date(),
      secret: 'unfollow-secret-unfollow-secret-0123',
      appBaseUrl: 'http://kizuna.test',
      accountLinkDialogUrl: `${h.sandbox.url}/dialog/bot/accountLink`,
    };
    const secret = h.sandbox.state.config.channelSecret;
    const deliver = async (webhook: { body: string; signature: string } | null) => {
      const r = await receiveWebhook({ db, channelSecret: secret }, Buffer.from(webhook!.body), webhook!.signature);
      for (const id of r.newEventIds) await processWebhookEvent(edge, id);
    };
    const userId = `U${'f'.repeat(32)}`;
    await h.withWorkers(async () => {
      const { webhook: follow } = await h.sandbox.phone.addFriend({ userId, displayName: 'すぐブロック' }, true);
      await deliver(follow);
      // The block lands while the follow's runs are being started.
      const { webhook: block } = await h.sandbox.phone.block(userId);
      await deliver(block);
      await h.dispatcher.drain();
      await expect.poll(async () => (await dispatchBacklog(db)).pending, { timeout: 30_000 }).toBe(0);
      const [friend] = await db.select().from(friends).where(eq(friends.lineUserId, userId));
      // Every workflow the follow started has closed (a run writes its row on its first step, so rows alone can lag).
      const started = (await db.select().from(dispatches))
        .filter((d) => d.kind === 'friend_added')
        .flatMap((d) => (d.result as { workflowIds?: string[] } | null)?.workflowIds ?? []);
      await expect
        .poll(
          async () => {
            const states = await Promise.all(started.map(async (id) => (await h.client.workflow.getHandle(id).describe()).status.name));
            return states.filter((s) => s === 'RUNNING').length;
          },
          { timeout: 30_000 },
        )
        .toBe(0);
      const all = await db.select().from(runs).where(eq(runs.friendId, friend!.id));
      for (const r of all) expect(r).toMatchObject({ status: 'stopped' });
      expect((await db.select().from(dispatches)).map((d) => d.status)).toEqual(['done', 'done']);
    });
    expect(acceptedPushes(h, userId)).toEqual([]);
  }, 120_000);
});
