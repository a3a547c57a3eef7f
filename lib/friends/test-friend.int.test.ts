// テスト配信 and test friends on real PostgreSQL, Temporal and the LINE sandbox: a test run for a friend who is not a
// test friend is refused (403) with nothing written or sent; marking the friend is one audited change; the run it then
// allows sends messages marked as test, which analytics leave out even after the friend is unmarked.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeFigures } from '@/db/queries/analytics';
import { listFriendMessages } from '@/db/queries/friends';
import { listScenarios } from '@/db/queries/scenarios';
import { auditLog, outbox, runs, scenarioVersions, scenarios } from '@/db/schema';
import type { ScenarioGraphInput } from '@/scenario/schema';
import { acceptedPushes, createEngineHarness, createFriend, type EngineHarness } from '@/test/engine';
import { AppError } from '../errors';
import { startTestRun } from '../engine/test-run';
import { setTestFriend, testFriendState } from './test-friend';

let h: EngineHarness;
beforeAll(async () => {
  h = await createEngineHarness({ timeSkipping: false });
});
afterAll(async () => {
  await h?.close();
});

const graph: ScenarioGraphInput = {
  schemaVersion: 1,
  settings: { timeZone: 'Asia/Tokyo', splitSalt: 'test-friend' },
  nodes: [
    { id: 'trigger', kind: 'trigger', position: { x: 0, y: 0 }, data: { trigger: { type: 'friend_added' }, reEntry: 'once' } },
    {
      id: 'hello',
      kind: 'send',
      position: { x: 0, y: 100 },
      data: { trackLinks: false, messages: [{ type: 'text', text: 'テスト配信です' }] },
    },
    { id: 'end', kind: 'end', position: { x: 0, y: 200 }, data: {} },
  ],
  edges: [
    { id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'hello' },
    { id: 'e2', source: 'hello', sourceHandle: 'next', target: 'end' },
  ],
};
const actor = { id: 'op-editor', email: 'editor@example.jp', ip: '203.0.113.7' };

async function draftScenario() {
  const [s] = await h.tdb.db.insert(scenarios).values({ name: 'テスト配信の確認', draft: graph, status: 'draft' }).returning();
  if (!s) throw new Error('no scenario');
  return s.id;
}

describe('test friends and テスト配信', () => {
  it('refuses a test run for a friend who is not a test friend: 403, nothing written, nothing sent', async () => {
    const scenarioId = await draftScenario();
    const friend = await createFriend(h, 'ふつうの友だち');
    await h.withWorkers(async () => {
      const err = await startTestRun(h.deps, { scenarioId, friendId: friend.id, compress: 60 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect(err).toMatchObject({ code: 'forbidden:not_test_friend', status: 403 });
    });
    expect(await h.tdb.db.select().from(runs).where(eq(runs.friendId, friend.id))).toEqual([]);
    expect(await h.tdb.db.select().from(outbox).where(eq(outbox.friendId, friend.id))).toEqual([]);
    // Not even the test version the run would have used.
    expect(await h.tdb.db.select().from(scenarioVersions).where(eq(scenarioVersions.scenarioId, scenarioId))).toEqual([]);
    expect(acceptedPushes(h, friend.lineUserId)).toEqual([]);
    expect(h.sandbox.state.requests.filter((r) => r.path.includes('/push'))).toEqual([]);
  });

  it('marks a test friend in one audited change; the same value again changes nothing', async () => {
    const friend = await createFriend(h, 'テスト 花子');
    expect(await testFriendState(h.tdb.db, friend.lineUserId)).toEqual({ friendId: friend.id, isTest: false });
    expect(await setTestFriend(h.tdb.db, actor, { friendId: friend.id, isTest: true })).toMatchObject({ changed: true, isTest: true });
    expect(await setTestFriend(h.tdb.db, actor, { friendId: friend.id, isTest: true })).toMatchObject({ changed: false });
    expect(await testFriendState(h.tdb.db, friend.lineUserId)).toEqual({ friendId: friend.id, isTest: true });
    const rows = await h.tdb.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'friend_test_marked'), eq(auditLog.objectId, friend.id)));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actorId: actor.id,
      actorEmail: actor.email,
      ip: actor.ip,
      objectType: 'friend',
      detail: { isTest: true },
    });

    await expect(setTestFriend(h.tdb.db, actor, { friendId: '00000000-0000-4000-8000-000000000000', isTest: true })).rejects.toMatchObject({
      code: 'not_found:friend',
    });
    await expect(setTestFriend(h.tdb.db, actor, { friendId: 'nope', isTest: 'yes' })).rejects.toMatchObject({ status: 400 });
    await expect(testFriendState(h.tdb.db, 'U-unknown')).rejects.toMatchObject({ code: 'not_found:friend' });
  });

  it('runs for a test friend; its sends are marked as test and stay out of analytics', async () => {
    const scenarioId = await draftScenario();
    const friend = await createFriend(h, 'テスト 次郎');
    await setTestFriend(h.tdb.db, actor, { friendId: friend.id, isTest: true });
    const started = Date.now();
    await h.withWorkers(async () => {
      const { runId } = await startTestRun(h.deps, { scenarioId, friendId: friend.id, compress: 60 });
      await h.client.workflow.getHandle(runId).result();
    });
    expect(acceptedPushes(h, friend.lineUserId)).toHaveLength(1);
    const [run] = await h.tdb.db.select().from(runs).where(eq(runs.friendId, friend.id));
    expect(run).toMatchObject({ isTest: true, status: 'done' });
    // The friend page's history shows the send, flagged as test.
    const messages = await listFriendMessages(h.tdb.db, friend.id);
    expect(messages).toMatchObject([{ nodeId: 'hello', status: 'sent', isTest: true }]);

    // Unmarked afterwards, the friend's earlier test traffic still counts nowhere: the run and send carry the flag.
    await setTestFriend(h.tdb.db, actor, { friendId: friend.id, isTest: false });
    const figures = await nodeFigures(
      h.tdb.db,
      { scenarioId, versionId: null, from: new Date(started - 3_600_000), to: new Date(Date.now() + 3_600_000) },
      [],
      ['hello'],
    );
    expect(figures.get('hello')).toMatchObject({ entered: 0, visits: 0, sends: null });
    const listed = (await listScenarios(h.tdb.db, { sendsSince: new Date(started - 3_600_000) })).find((s) => s.id === scenarioId);
    expect(listed).toMatchObject({ sendsToday: 0, activeRuns: 0 });
  });
});
