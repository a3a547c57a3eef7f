// Fault drills 3 and 4 (issue 18) on the real Temporal dev server: LINE refusing the token, then the monthly quota
// running out mid-broadcast. Sends are held, not failed; once LINE answers again every held message goes out once.
import { eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readChannelState } from '../db/queries/channel-state';
import { friendTags, outbox, runs } from '../db/schema';
import { onFriendAdded } from '../lib/engine/triggers';
import { scheduleBroadcast } from '../lib/engine/schedule-broadcast';
import { quotaGauge } from '../lib/line/quota-gauge';
import type { ScenarioGraphInput } from '../scenario/schema';
import { acceptedPushes, createEngineHarness, createFriend, publishGraph, type EngineHarness } from '../test/engine';

let h: EngineHarness;
beforeAll(async () => {
  h = await createEngineHarness({ timeSkipping: false });
});
afterAll(async () => {
  await h?.close();
});

type TriggerData = Extract<ScenarioGraphInput['nodes'][number], { kind: 'trigger' }>['data'];

function graphWith(trigger: TriggerData, text: string): ScenarioGraphInput {
  return {
    schemaVersion: 1,
    settings: { timeZone: 'Asia/Tokyo', splitSalt: 'channel' },
    nodes: [
      { id: 'trigger', kind: 'trigger', position: { x: 0, y: 0 }, data: trigger },
      { id: 'hello', kind: 'send', position: { x: 0, y: 100 }, data: { messages: [{ type: 'text', text }] } },
      { id: 'end', kind: 'end', position: { x: 0, y: 200 }, data: {} },
    ],
    edges: [
      { id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'hello' },
      { id: 'e2', source: 'hello', sourceHandle: 'next', target: 'end' },
    ],
  };
}

async function sandboxAdmin(path: string, body: unknown) {
  const res = await fetch(`${h.sandbox.url}/__sandbox${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.ok).toBe(true);
}

/** Polls until `check` holds (bounded: the drill fails rather than hangs). */
async function until(what: string, check: () => Promise<boolean>, ms = 60_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const rowsOf = (scenarioId: string) => h.tdb.db.select().from(outbox).where(eq(outbox.scenarioId, scenarioId));
const runStatus = async (workflowId: string) => (await h.client.workflow.getHandle(workflowId).describe()).status.name;

describe('channel-level LINE failures', () => {
  it('drill 3: LINE refuses the token → sends held, none failed; once it answers again each held message goes out once', async () => {
    const { scenarioId } = await publishGraph(
      h,
      graphWith({ trigger: { type: 'friend_added' }, reEntry: 'once' }, 'ようこそ'),
      'welcome during a token outage',
    );
    const people = await Promise.all(Array.from({ length: 5 }, (_, i) => createFriend(h, `トークン${i}`)));
    const ids = people.map((p) => `run-${scenarioId}-${p.id}`);
    await sandboxAdmin('/credentials', { revoked: true });
    const revokedAt = Date.now();
    const [main, send] = await h.newWorkers();
    const running = [main!.run(), send!.run()];
    try {
      await Promise.all(people.map((p) => onFriendAdded(h.deps, { friendId: p.id, isUnblocked: false, at: new Date() })));
      // Every send is claimed and held: pending, marked with the channel's reason, nothing failed, no run ended.
      await until('all five sends held', async () => {
        const rows = await rowsOf(scenarioId);
        return rows.length === 5 && rows.every((r) => r.status === 'pending' && r.reason === 'held:credentials');
      });
      expect(await readChannelState(h.tdb.db)).toMatchObject({ status: 'paused', pausedFor: 'credentials' });
      // LINE stays down a while longer: probes are refused, the sends stay held (the sandbox saw only refusals).
      await until(
        'a probe refused by LINE',
        async () => (await readChannelState(h.tdb.db)).lastProbeResult?.startsWith('LINE 401') ?? false,
      );
      expect((await rowsOf(scenarioId)).filter((r) => r.status !== 'pending')).toEqual([]);
      for (const id of ids) expect(await runStatus(id)).toBe('RUNNING');
      for (const p of people) expect(acceptedPushes(h, p.lineUserId)).toHaveLength(0);
      expect((await h.tdb.db.select().from(runs).where(eq(runs.scenarioId, scenarioId))).map((r) => r.status)).toEqual(
        Array.from({ length: 5 }, () => 'active'),
      );

      // The operator fixes the token: LINE answers again; the channel resumes by itself and the runs finish.
      const fixedAt = Date.now();
      await sandboxAdmin('/credentials', { revoked: false });
      await Promise.all(ids.map((id) => h.client.workflow.getHandle(id).result()));
      const recoveredMs = Date.now() - fixedAt;
      for (const p of people) expect(acceptedPushes(h, p.lineUserId)).toHaveLength(1);
      const rows = await rowsOf(scenarioId);
      expect(rows.map((r) => [r.status, r.reason])).toEqual(Array.from({ length: 5 }, () => ['sent', null]));
      expect(await readChannelState(h.tdb.db)).toMatchObject({ status: 'active', pausedFor: null });
      const stats = h.sandbox.stats().endpoints.push;
      console.info(
        `drill 3: facts 5, runs ${ids.length}, delivered ${people.reduce((n, p) => n + acceptedPushes(h, p.lineUserId).length, 0)}, ` +
          `push answers 401 ${stats?.unauthorized ?? 0} / accepted ${stats?.accepted ?? 0}, outage ${fixedAt - revokedAt} ms, recovered in ${recoveredMs} ms`,
      );
    } finally {
      await sandboxAdmin('/credentials', { revoked: false });
      main!.shutdown();
      send!.shutdown();
      await Promise.all(running);
    }
  });

  it('drill 4: the monthly quota runs out mid-broadcast → the rest held, quota shown; once it grows each friend gets one', async () => {
    // The send time is this minute (already begun): the broadcast starts at once on the dev server.
    const sendAt = DateTime.now().setZone('Asia/Tokyo').toFormat("yyyy-MM-dd'T'HH:mm");
    const { scenarioId, versionId, plan } = await publishGraph(
      h,
      graphWith(
        { trigger: { type: 'segment_broadcast', sendAt, audience: { type: 'tag', tag: 'sale', has: true } }, reEntry: 'once' },
        'セールのお知らせ',
      ),
      'sale broadcast over the quota',
    );
    const people = await Promise.all(Array.from({ length: 6 }, (_, i) => createFriend(h, `クォータ${i}`)));
    await h.tdb.db.insert(friendTags).values(people.map((f) => ({ friendId: f.id, tag: 'sale' })));
    const used = h.sandbox.stats().messages.billedThisMonth;
    await sandboxAdmin('/config', { monthlyQuota: used + 3 });
    const exhaustedFrom = Date.now();
    const ids = people.map((p) => `run-${scenarioId}-${p.id}`);
    const [main, send] = await h.newWorkers();
    const running = [main!.run(), send!.run()];
    try {
      const broadcastId = await scheduleBroadcast(h.deps, { scenarioId, versionId, plan });
      await h.client.workflow.getHandle(broadcastId!).result();
      await until('three sent and three held', async () => {
        const rows = await rowsOf(scenarioId);
        return (
          rows.length === 6 &&
          rows.filter((r) => r.status === 'sent').length === 3 &&
          rows.filter((r) => r.status === 'pending' && r.reason === 'held:quota').length === 3
        );
      });
      // What the settings page's gauge shows: the limit reached, the channel paused for it.
      const gauge = await quotaGauge(h.tdb.db, h.activityDeps.line!);
      expect(gauge).toMatchObject({
        status: 'paused',
        pausedFor: 'quota',
        live: true,
        quota: { type: 'limited', limit: used + 3, used: used + 3 },
      });
      expect((await rowsOf(scenarioId)).filter((r) => r.status === 'failed')).toEqual([]);

      // The plan is upgraded: the quota grows, the channel resumes by itself and the held three go out.
      const grownAt = Date.now();
      await sandboxAdmin('/config', { monthlyQuota: used + 100 });
      await Promise.all(ids.map((id) => h.client.workflow.getHandle(id).result()));
      const recoveredMs = Date.now() - grownAt;
      for (const p of people) expect(acceptedPushes(h, p.lineUserId)).toHaveLength(1);
      expect((await rowsOf(scenarioId)).map((r) => r.status)).toEqual(Array.from({ length: 6 }, () => 'sent'));
      const after = await quotaGauge(h.tdb.db, h.activityDeps.line!);
      expect(after).toMatchObject({ status: 'active', quota: { limit: used + 100, used: used + 6 } });
      const stats = h.sandbox.stats().endpoints.push;
      console.info(
        `drill 4: facts 6, runs ${ids.length}, delivered ${people.reduce((n, p) => n + acceptedPushes(h, p.lineUserId).length, 0)}, ` +
          `push answers 429-quota ${stats?.quota_exceeded ?? 0}, quota short ${grownAt - exhaustedFrom} ms, recovered in ${recoveredMs} ms`,
      );
    } finally {
      await sandboxAdmin('/config', { monthlyQuota: null });
      main!.shutdown();
      send!.shutdown();
      await Promise.all(running);
    }
  });
});
