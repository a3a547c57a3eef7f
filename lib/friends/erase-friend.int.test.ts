// Erasure on real PostgreSQL, Temporal and the LINE sandbox: a friend seeded everywhere (profile, member id, attributes,
// tags, a running scenario with steps and a sent message, a goal event, a tracked-link tap, webhook messages, a link
// nonce, an audit row) is erased, and then no table of the live database (listed from information_schema, so a table
// added later is covered) holds their LINE user id, member id, name or anything they wrote. Another friend is
// untouched, analytics keep their counts, the run is gone from Temporal, and erasing again is harmless.
import { randomBytes } from 'node:crypto';
import { WorkflowNotFoundError } from '@temporalio/client';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { insertEventOnce } from '@/db/queries/events';
import { ERASED_BLOCKED_AT, ERASED_PREFIX } from '@/db/queries/erase-friend';
import { searchFriendNames } from '@/db/queries/friend-names';
import { addFriendTags, findFriendById, insertLinkNonce, searchFriends } from '@/db/queries/friends';
import { recordLinkConflict } from '@/db/queries/link-conflicts';
import { sweepErasedFriends } from '@/db/queries/retention';
import { applyFriendAction } from '@/db/queries/runs';
import { previewFriendChoices } from '@/db/queries/scenarios';
import { insertNewWebhookEvents } from '@/db/queries/webhook-events';
import { auditLog, outbox, runs, webhookEvents } from '@/db/schema';
import type { ScenarioGraphInput } from '@/scenario/schema';
import { acceptedPushes, createEngineHarness, createFriend, publishGraph, type EngineHarness } from '@/test/engine';
import { createActivities } from '@/worker/activities';
import { createApiKey } from '../api-auth';
import { createAppDeps, type AppDeps } from '../app-deps';
import { recordAudit } from '../audit/record';
import { onFriendAdded } from '../engine/triggers';
import { workflowIdOfRun } from '../engine/workflow-ids';
import { createLineClient } from '../line/client';
import { processWebhookEvent } from '../line/process-event';
import { receiveWebhook } from '../line/receive-webhook';
import { recordClick } from '../links/record-click';
import { trackedToken } from '../links/tracked';
import type { EdgeDeps } from './deps';
import { eraseFriend } from './erase-friend';

const SECRET = 'erase-test-kizuna-secret-0123456789';
const actor = { id: 'op-owner', email: 'owner@example.jp', ip: '203.0.113.9' };

let h: EngineHarness;
let edge: EdgeDeps;
beforeAll(async () => {
  h = await createEngineHarness({ timeSkipping: false });
  edge = {
    db: h.tdb.db,
    line: createLineClient({ channelAccessToken: 'test-token', baseURL: h.sandbox.url }),
    now: () => new Date(),
    secret: SECRET,
    appBaseUrl: 'http://kizuna.test',
    accountLinkDialogUrl: `${h.sandbox.url}/dialog/bot/accountLink`,
  };
});
afterAll(async () => {
  await h?.close();
});

const graph: ScenarioGraphInput = {
  schemaVersion: 1,
  settings: { timeZone: 'Asia/Tokyo', splitSalt: 'erase', goal: { eventName: 'purchase', windowDays: 7, exitOnGoal: false } },
  nodes: [
    { id: 'trigger', kind: 'trigger', position: { x: 0, y: 0 }, data: { trigger: { type: 'friend_added' }, reEntry: 'once' } },
    {
      id: 'hello',
      kind: 'send',
      position: { x: 0, y: 100 },
      data: {
        trackLinks: true,
        messages: [{ type: 'text', text: '{{friend.displayName}}さん、ようこそ！ https://shop.example.jp/welcome' }],
      },
    },
    { id: 'wait', kind: 'wait', position: { x: 0, y: 200 }, data: { mode: 'duration', amount: 7, unit: 'days' } },
    { id: 'end', kind: 'end', position: { x: 0, y: 300 }, data: {} },
  ],
  edges: [
    { id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'hello' },
    { id: 'e2', source: 'hello', sourceHandle: 'next', target: 'wait' },
    { id: 'e3', source: 'wait', sourceHandle: 'next', target: 'end' },
  ],
};

async function until<T>(what: string, fn: () => Promise<T | null | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// ---- the whole database, read as text ------------------------------------------------------------------------------

async function tables(): Promise<string[]> {
  const rows = await h.tdb.db.execute<{ name: string }>(
    sql`select format('%I.%I', table_schema, table_name) as name from information_schema.tables
        where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema') order by 1`,
  );
  return rows.map((r) => r.name);
}

/** For each needle, the tables holding it in any row (the row cast to text) and how many rows: `{}` when none. */
async function scan(needles: string[]): Promise<Record<string, Record<string, number>>> {
  const found: Record<string, Record<string, number>> = {};
  for (const table of await tables()) {
    for (const needle of needles) {
      const [row] = await h.tdb.db.execute<{ n: number }>(
        sql`select count(*)::int as n from ${sql.raw(table)} t where strpos(t::text, ${needle}::text) > 0`,
      );
      if (row && row.n > 0) (found[needle] ??= {})[table] = row.n;
    }
  }
  return found;
}

/** Every row (as text) of every table that mentions one of the needles, sorted: a friend's whole footprint. */
async function footprint(needles: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const table of await tables()) {
    for (const needle of needles) {
      const rows = await h.tdb.db.execute<{ r: string }>(
        sql`select t::text as r from ${sql.raw(table)} t where strpos(t::text, ${needle}::text) > 0`,
      );
      for (const r of rows) out.push(`${table}: ${r.r}`);
    }
  }
  return [...new Set(out)].sort();
}

/** The analytics rollups, whole. */
async function rollups(): Promise<string[]> {
  const rows = await h.tdb.db.execute<{ r: string }>(
    sql`select 'node_days ' || t::text as r from node_days t union all select 'node_days_sum ' || t::text from node_days_sum t order by 1`,
  );
  return rows.map((r) => r.r);
}

// ---- a friend seeded everywhere ------------------------------------------------------------------------------------

interface Seeded {
  id: string;
  lineUserId: string;
  memberId: string;
  displayName: string;
  runId: string;
  /** Everything personal about them, to look for afterwards. */
  needles: string[];
}

async function seedFriend(label: string): Promise<Seeded> {
  const tag = randomBytes(4).toString('hex');
  const displayName = `${label} ${tag}`;
  const memberId = `M-${label}-${tag}`;
  const attribute = `ゴールド-${tag}`;
  const email = `${tag}@mail.example.jp`;
  const said = `${label}です、よろしく ${tag}`;
  const f = await createFriend(h, displayName, {
    memberId,
    attributes: { rank: attribute },
    pictureUrl: `https://profile.example.jp/${tag}.png`,
    language: 'ja',
  });
  const db = h.tdb.db;
  await addFriendTags(db, f.id, ['vip', `tag-${tag}`], new Date());
  // The scenario starts (a step per node, the welcome text sent with their name), then waits 7 days.
  await onFriendAdded(h.deps, { friendId: f.id, isUnblocked: false, at: new Date() });
  const run = await until(`${label}'s run to wait`, async () => {
    const [r] = await db.select().from(runs).where(eq(runs.friendId, f.id));
    return r?.currentNodeId === 'wait' ? r : null;
  });
  await until(`${label}'s welcome send`, async () => {
    const [o] = await db.select().from(outbox).where(eq(outbox.friendId, f.id));
    return o?.status === 'sent';
  });
  // A purchase from the shop's system (the goal: it converts the steps), keyed by something that names the member.
  await insertEventOnce(db, {
    friendId: f.id,
    name: 'purchase',
    occurredAt: new Date(),
    properties: { item: 'シャツ', email },
    source: 'api',
    idempotencyKey: `order-${memberId}`,
  });
  // A tap on the tracked link of the welcome message.
  const click = await recordClick(
    edge,
    trackedToken({ runId: run.id, nodeId: 'hello', friendId: f.id, target: 'https://shop.example.jp/welcome', isTest: false }, SECRET),
  );
  expect(click?.target).toBe('https://shop.example.jp/welcome');
  // They write to the account (stored, processed: a line_message event with the text) and tap a postback button
  // (stored, not processed yet).
  const channelSecret = h.sandbox.state.config.channelSecret;
  const text = await h.sandbox.phone.sendText(f.lineUserId, said);
  const received = await receiveWebhook({ db, channelSecret }, Buffer.from(text.webhook.body, 'utf8'), text.webhook.signature);
  for (const id of received.newEventIds) await processWebhookEvent(edge, id);
  const postback = await h.sandbox.phone.postback(f.lineUserId, `action=coupon&who=${tag}`);
  await receiveWebhook({ db, channelSecret }, Buffer.from(postback.webhook.body, 'utf8'), postback.webhook.signature);
  // An account link under way, and an operator's audited edit.
  await insertLinkNonce(db, { nonce: `nonce-${tag}`, friendId: f.id, memberId });
  await recordAudit(db, actor, { action: 'friend_tags_edited', object: { type: 'friend', id: f.id }, detail: { added: 'vip' } });
  return {
    id: f.id,
    lineUserId: f.lineUserId,
    memberId,
    displayName,
    runId: run.id,
    needles: [f.lineUserId, memberId, displayName, attribute, email, said, tag],
  };
}

describe('eraseFriend', () => {
  let scenarioId: string;
  let taro: Seeded;
  let hanako: Seeded;

  beforeAll(async () => {
    ({ scenarioId } = await publishGraph(h, graph, 'erasure'));
    await h.withWorkers(async () => {
      taro = await seedFriend('消去太郎');
      hanako = await seedFriend('残る花子');
    });
    // Another LINE account tried to bind Taro's member id: a conflict waits for an operator.
    const claimant = await createFriend(h, 'ひきとり手');
    await recordLinkConflict(h.tdb.db, { memberId: taro.memberId, holderFriendId: taro.id, claimantFriendId: claimant.id, source: 'api' });
  });

  it('leaves nothing that names the friend in any table, keeps the other friend and every analytics count', async () => {
    const db = h.tdb.db;
    // Seeded as intended: their data is in the friends, tags, events, outbox, webhook, nonce tables, and they converted.
    const before = await scan(taro.needles);
    expect(Object.keys(before[taro.lineUserId] ?? {})).toEqual(expect.arrayContaining(['public.friends', 'public.webhook_events']));
    expect(Object.keys(before[taro.displayName] ?? {})).toEqual(expect.arrayContaining(['public.friends', 'public.outbox']));
    expect(Object.keys(before[taro.memberId] ?? {})).toEqual(
      expect.arrayContaining(['public.friends', 'public.events', 'public.link_nonces', 'public.link_conflicts']),
    );
    const [converted] = await db.execute<{ n: number }>(
      sql`select coalesce(sum(converted), 0)::int as n from node_days where friend_id = ${taro.id}::uuid`,
    );
    expect(converted?.n).toBeGreaterThan(0);
    const hanakoBefore = await footprint([hanako.id, hanako.lineUserId]);
    const rollupsBefore = await rollups();
    const [clicksBefore] = await db.execute<{ n: number }>(sql`select count(*)::int as n from events where name = 'link_click'`);

    const result = await eraseFriend({ db, temporal: h.client }, actor, { lineUserId: taro.lineUserId }, { via: 'test' });
    expect(result).toMatchObject({ status: 'erased', friendId: taro.id, terminated: 1, historiesLeft: 0 });
    expect(result.rows).toMatchObject({ friend: 1, tags: 2, runs: 1, outbox: 1, linkNonces: 1, linkConflicts: 1, webhookEvents: 2 });

    // Nothing of theirs anywhere: not their LINE user id, member id, name, attribute, email or what they wrote.
    expect(await scan(taro.needles)).toEqual({});
    expect((await tables()).length).toBeGreaterThan(15);
    // The other friend's rows are exactly as they were; so are the rollups (reach, visits, conversions) and clicks.
    expect(await footprint([hanako.id, hanako.lineUserId])).toEqual(hanakoBefore);
    expect(await rollups()).toEqual(rollupsBefore);
    const [clicksAfter] = await db.execute<{ n: number }>(sql`select count(*)::int as n from events where name = 'link_click'`);
    expect(clicksAfter?.n).toBe(clicksBefore?.n);

    // A tombstone stays under the same opaque id: blocked (never reached again), nothing else.
    const tomb = await findFriendById(db, taro.id);
    expect(tomb).toMatchObject({
      lineUserId: `${ERASED_PREFIX}${taro.id}`,
      memberId: null,
      displayName: '',
      pictureUrl: null,
      language: null,
      attributes: {},
      blockedAt: ERASED_BLOCKED_AT,
    });
    // Operators no longer see the tombstone: not in the friends list, the name search or the preview's friend picker.
    const listed = await searchFriends(db, { limit: 1000, offset: 0 });
    expect(listed.rows.map((r) => r.id)).not.toContain(taro.id);
    expect(listed.rows.map((r) => r.id)).toContain(hanako.id);
    expect((await searchFriendNames(db, { limit: 1000, offset: 0 })).rows.map((r) => r.id)).not.toContain(taro.id);
    expect((await previewFriendChoices(db, { limit: 1000 })).map((r) => r.id)).not.toContain(taro.id);
    const [run] = await db.select().from(runs).where(eq(runs.id, taro.runId));
    expect(run).toMatchObject({ status: 'stopped', endReason: 'erased', waitingFor: null });
    // Webhook rows keep id and type (a redelivery is still dropped); the unprocessed postback will not be processed.
    const hooks = await db
      .select()
      .from(webhookEvents)
      .where(sql`${webhookEvents.payload} = '{}'::jsonb`);
    expect(hooks.map((w) => w.type).sort()).toEqual(['message', 'postback']);
    expect(hooks.every((w) => w.processedAt !== null)).toBe(true);
    expect(
      await insertNewWebhookEvents(db, [{ webhookEventId: hooks[0]!.webhookEventId, type: 'message', payload: { again: true } }]),
    ).toEqual([]);

    // The run is gone from Temporal (terminated, then its history deleted); the other friend's still runs.
    const taroRun = h.client.workflow.getHandle(workflowIdOfRun(taro.runId));
    await until(
      'the erased run history to be deleted',
      async () => (await taroRun.describe().catch((e: unknown) => e)) instanceof WorkflowNotFoundError,
    );
    expect((await h.client.workflow.getHandle(workflowIdOfRun(hanako.runId)).describe()).status.name).toBe('RUNNING');

    // One audit row, naming the friend by the opaque id only (the scan above covered audit_log too).
    const audits = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'friend_erased'), eq(auditLog.objectId, taro.id)));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorId: actor.id, objectType: 'friend', detail: { via: 'test', status: 'erased', friend: 1 } });
  });

  it('is idempotent: erasing again finds nothing of theirs and records nothing', async () => {
    const db = h.tdb.db;
    const again = await eraseFriend({ db, temporal: h.client }, actor, { lineUserId: taro.lineUserId });
    expect(again).toMatchObject({ status: 'not_found', friendId: null, terminated: 0 });
    expect(Object.values(again.rows).every((n) => n === 0)).toBe(true);
    expect(await eraseFriend({ db, temporal: h.client }, actor, { memberId: taro.memberId })).toMatchObject({ status: 'not_found' });
    expect(await eraseFriend({ db, temporal: h.client }, actor, { friendId: taro.id })).toMatchObject({
      status: 'already_erased',
      friendId: taro.id,
    });
    const audits = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'friend_erased'), eq(auditLog.objectId, taro.id)));
    expect(audits).toHaveLength(1);
  });

  it('a send and an action in flight at the erasure write nothing to LINE, and the retention sweep removes what they wrote', async () => {
    const db = h.tdb.db;
    const pushes = acceptedPushes(h, taro.lineUserId).length;
    const [run] = await db.select().from(runs).where(eq(runs.id, taro.runId));
    if (!run) throw new Error('no run');
    const ctx = {
      runId: run.id,
      workflowId: workflowIdOfRun(run.id),
      scenarioId,
      versionId: run.versionId,
      friendId: taro.id,
      isTest: false,
    };
    const at = Date.now();
    // What an activity started before the erasure still holds: a message rendered with the name, an attribute to set.
    const outcome = await createActivities(h.activityDeps).sendMessages({
      ctx,
      records: [],
      position: { status: 'done', nodeId: 'wait', waiting: null, done: { reason: 'stopped', at } },
      send: {
        kind: 'send',
        nodeId: 'late',
        visit: 1,
        at,
        idempotencyKey: `${run.id}:late:1`,
        messages: [{ type: 'text', text: `${taro.displayName}さん、遅れて届くはずだったメッセージ` }],
        trackLinks: false,
      },
    });
    expect(outcome).toEqual({ status: 'skipped', reason: 'blocked' });
    expect(acceptedPushes(h, taro.lineUserId)).toHaveLength(pushes);
    await applyFriendAction(db, taro.id, { type: 'set_attribute', key: 'rank', value: taro.needles[3]! }, new Date());
    await applyFriendAction(db, taro.id, { type: 'add_tag', tag: 'late' }, new Date());
    expect(await scan([taro.displayName, taro.needles[3]!])).toEqual({
      [taro.displayName]: { 'public.outbox': 1 },
      [taro.needles[3]!]: { 'public.friends': 1 },
    });

    expect(await sweepErasedFriends(db, new Date())).toBe(3);
    expect(await scan(taro.needles)).toEqual({});
    expect(await sweepErasedFriends(db, new Date())).toBe(0);
  });

  it('POST /api/friends/erase erases by member id with a key holding friends:erase, and is safe to repeat', async () => {
    const app: AppDeps = createAppDeps({
      databaseUrl: h.tdb.url,
      temporal: { address: inject('temporalAddress'), namespace: 'default' },
      taskQueue: h.taskQueue,
      sendTaskQueue: h.sendTaskQueue,
      line: { channelAccessToken: 'test-token', baseURL: h.sandbox.url, channelSecret: h.sandbox.state.config.channelSecret },
      secret: SECRET,
      appBaseUrl: 'http://kizuna.test',
      accountLinkDialogUrl: `${h.sandbox.url}/dialog/bot/accountLink`,
      oidc: null,
      devMode: true,
    });
    const holder = globalThis as { kizunaAppDeps?: AppDeps };
    holder.kizunaAppDeps = app;
    try {
      const { POST } = await import('@/app/api/friends/erase/route');
      const { key } = await createApiKey(h.tdb.db, { name: 'erasure requests', scopes: ['friends:erase'] });
      const call = async (body: string) => {
        const res = await POST(
          new Request('http://kizuna.test/api/friends/erase', {
            method: 'POST',
            headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
            body,
          }),
          undefined,
        );
        return { status: res.status, body: (await res.json()) as unknown };
      };
      const memberId = `M-api-${randomBytes(4).toString('hex')}`;
      const f = await createFriend(h, `API 消去 ${memberId}`, { memberId });
      expect(await call(JSON.stringify({ memberId }))).toEqual({ status: 200, body: { status: 'erased' } });
      expect(await scan([f.lineUserId, memberId, `API 消去 ${memberId}`])).toEqual({});
      expect(await call(JSON.stringify({ memberId }))).toEqual({ status: 200, body: { status: 'not_found' } });
      // Exactly one of the two keys, well formed.
      expect((await call('{}')).status).toBe(400);
      expect((await call(JSON.stringify({ lineUserId: f.lineUserId, memberId }))).status).toBe(400);
      expect((await call(JSON.stringify({ lineUserId: 'U123' }))).status).toBe(400);
      const [audit] = await h.tdb.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'friend_erased'), eq(auditLog.objectId, f.id)));
      expect(audit).toMatchObject({ actorId: null, detail: { via: 'api', status: 'erased' } });
    } finally {
      delete holder.kizunaAppDeps;
      await app.close();
    }
  });

  afterAll(async () => {
    await h.client.workflow
      .getHandle(workflowIdOfRun(hanako.runId))
      .terminate('test over')
      .catch(() => undefined);
  });
});
