// Broadcasts and the friends list's bulk actions on real PostgreSQL (no engine: what they ask of it is read from the
// dispatch rows): the live count equals the audience the broadcast enters; a past time and an audience of nobody are
// refused with nothing written; a scheduled broadcast is one version and one broadcast row; bulk tags act on exactly
// the confirmed filter and write their tag_added rows; a scenario start writes one scenario_start row per friend.
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, dispatches, friendTags, friends, scenarioVersions, scenarios } from '@/db/schema';
import { createEdgeHarness, type EdgeHarness } from '@/test/edge';
import { EVERYONE } from '@/scenario/broadcast-draft';
import { compile } from '@/scenario/compile';
import type { ScenarioGraphInput } from '@/scenario/schema';
import { insertVersion } from '@/db/queries/scenario-versions';
import { AppError } from '../errors';
import { bulkStartScenario, bulkTag } from '../friends/bulk-actions';
import { countAudience } from './audience-count';
import { publishBroadcast } from './publish';
import { saveBroadcastDraft, type BroadcastForm } from './save';
import { loadBroadcastList } from './view';

let h: EdgeHarness;
/** 2025-04-08 09:30 JST, pinned: nothing here reads the wall clock. */
const NOW = Date.UTC(2025, 3, 8, 0, 30);
const actor = { id: null, email: 'tester@kizuna.test', ip: '127.0.0.1' };
const clock = () => new Date(NOW);

const form = (over: Partial<BroadcastForm> = {}): BroadcastForm => ({
  id: null,
  revision: null,
  name: '春のセール',
  send: { messages: [{ type: 'text', text: '春のセールのお知らせ' }], trackLinks: false },
  audience: { type: 'tag', tag: 'vip', has: true },
  quietHours: null,
  schedule: { mode: 'at', at: '2025-04-09T10:00' },
  ...over,
});

const count = async (table: typeof scenarios | typeof dispatches | typeof scenarioVersions) =>
  Number((await h.deps.db.select({ n: sql<number>`count(*)` }).from(table))[0]?.n ?? 0);

beforeAll(async () => {
  h = await createEdgeHarness();
  const db = h.deps.db;
  // 30 friends; 12 carry vip: one of them blocked, one a test friend (a broadcast reaches neither).
  const rows = await db
    .insert(friends)
    .values(
      Array.from({ length: 30 }, (_, i) => ({
        lineUserId: `U${i.toString(16).padStart(32, '0')}`,
        displayName: `友だち${i}`,
        friendAddedAt: new Date(NOW - 86_400_000),
        blockedAt: i === 0 ? new Date(NOW - 3_600_000) : null,
        isTest: i === 1,
      })),
    )
    .returning({ id: friends.id });
  await db.insert(friendTags).values(rows.slice(0, 12).map((f) => ({ friendId: f.id, tag: 'vip' })));
});
afterAll(async () => {
  await h?.close();
});

describe('broadcast audience and scheduling', () => {
  it('counts the friends a broadcast may reach who match: neither blocked nor test friends', async () => {
    expect(await countAudience(h.deps.db, { type: 'tag', tag: 'vip', has: true }, clock())).toBe(10);
    expect(await countAudience(h.deps.db, EVERYONE, clock())).toBe(28);
    expect(await countAudience(h.deps.db, { type: 'tag', tag: 'nobody', has: true }, clock())).toBe(0);
  });

  it('refuses a time in the past and an audience of nobody, writing nothing', async () => {
    const past = await publishBroadcast(h.deps, form({ schedule: { mode: 'at', at: '2025-04-08T09:00' } }), {
      now: NOW,
      publishedBy: actor.email,
    }).catch((e: unknown) => e);
    expect(past).toBeInstanceOf(AppError);
    expect((past as AppError).code).toBe('invalid:send_at_past');
    const empty = await publishBroadcast(h.deps, form({ audience: { type: 'tag', tag: 'nobody', has: true } }), {
      now: NOW,
      publishedBy: actor.email,
    }).catch((e: unknown) => e);
    expect((empty as AppError).code).toBe('invalid:audience_empty');
    expect([await count(scenarios), await count(scenarioVersions), await count(dispatches)]).toEqual([0, 0, 0]);
  });

  it('schedules through publishing: one version, one broadcast dispatch row, listed as scheduled at its JST time', async () => {
    const draft = await saveBroadcastDraft(h.deps.db, form(), { now: NOW });
    // A stale revision is refused (another tab saved meanwhile).
    const stale = await saveBroadcastDraft(h.deps.db, form({ id: draft.id, revision: draft.revision + 1 }), { now: NOW }).catch(
      (e: unknown) => e,
    );
    expect((stale as AppError).code).toBe('conflict:draft');
    const p = await publishBroadcast(h.deps, form({ id: draft.id, revision: draft.revision }), { now: NOW, publishedBy: actor.email });
    expect(p).toMatchObject({ id: draft.id, version: 1, audience: 10, at: Date.UTC(2025, 3, 9, 1, 0), created: false });
    expect(await h.dispatched()).toEqual([{ kind: 'broadcast', scenarioId: draft.id, versionId: p.versionId }]);
    const [listed] = await loadBroadcastList(h.deps.db, NOW);
    expect(listed).toMatchObject({ id: draft.id, state: 'scheduled', at: p.at, oneStep: true, quiet: null, version: 1 });
    // Published: the screen never changes it again.
    const again = await saveBroadcastDraft(h.deps.db, form({ id: draft.id, revision: draft.revision + 1 }), { now: NOW }).catch(
      (e: unknown) => e,
    );
    expect((again as AppError).code).toBe('conflict:broadcast_published');
  });
});

describe('bulk actions on a filtered friends list', () => {
  const vip = { filter: { tag: 'vip' }, expected: 12 };

  it('tags exactly the confirmed friends, with a tag_added row for each new tag, and audits without personal data', async () => {
    await h.deps.db.delete(dispatches);
    const now = () => new Date(NOW);
    expect(await bulkTag({ db: h.deps.db, now, line: null }, actor, { ...vip, tag: 'spring' })).toEqual({ friends: 12, changed: 12 });
    const rows = await h.dispatched();
    expect(rows).toHaveLength(12);
    expect(rows.every((r) => r.kind === 'tag_added' && r.tag === 'spring')).toBe(true);
    // Again: nobody newly tagged, no new row.
    expect(await bulkTag({ db: h.deps.db, now, line: null }, actor, { ...vip, tag: 'spring' })).toEqual({ friends: 12, changed: 0 });
    expect(await h.dispatched()).toHaveLength(12);
    // The list changed since the operator confirmed: refused, nothing written.
    const changed = await bulkTag({ db: h.deps.db, now, line: null }, actor, { filter: { tag: 'vip' }, expected: 11, tag: 'x' }).catch(
      (e: unknown) => e,
    );
    expect((changed as AppError).code).toBe('conflict:filter_changed');
    expect(await h.deps.db.select().from(friendTags).where(eq(friendTags.tag, 'x'))).toEqual([]);
    // A name search narrows the same way the list does; the audit row says a search was used, not what was typed.
    expect(
      await bulkTag({ db: h.deps.db, now, line: null }, actor, {
        filter: { q: '友だち2', tag: 'spring' },
        expected: 1,
        tag: 'spring',
        remove: true,
      }),
    ).toEqual({
      friends: 1,
      changed: 1,
    });
    const audits = await h.deps.db.select().from(auditLog).where(eq(auditLog.action, 'friends_bulk_untagged'));
    expect(audits[0]?.detail).toEqual({
      tag: 'spring',
      friends: 1,
      changed: 1,
      filter: { tag: 'spring', attribute: null, status: null, search: true, value: false },
    });
    expect(JSON.stringify(audits)).not.toContain('友だち2');
  });

  it('starts only a live scenario, one scenario_start row per friend who has not blocked', async () => {
    await h.deps.db.delete(dispatches);
    const graph: ScenarioGraphInput = {
      schemaVersion: 1,
      settings: { timeZone: 'Asia/Tokyo', splitSalt: 'bulk' },
      nodes: [
        { id: 'trigger', kind: 'trigger', position: { x: 0, y: 0 }, data: { trigger: { type: 'friend_added' }, reEntry: 'once' } },
        { id: 'hi', kind: 'send', position: { x: 0, y: 100 }, data: { messages: [{ type: 'text', text: 'こんにちは' }] } },
        { id: 'end', kind: 'end', position: { x: 0, y: 200 }, data: {} },
      ],
      edges: [
        { id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'hi' },
        { id: 'e2', source: 'hi', sourceHandle: 'next', target: 'end' },
      ],
    };
    const [s] = await h.deps.db.insert(scenarios).values({ name: 'ようこそ', draft: graph }).returning();
    const deps = { db: h.deps.db, now: () => new Date(NOW) };
    const notLive = await bulkStartScenario(deps, actor, { ...vip, scenarioId: s!.id }).catch((e: unknown) => e);
    expect((notLive as AppError).code).toBe('conflict:not_live');
    const v = await insertVersion(h.deps.db, { scenarioId: s!.id, graph, plan: compile(graph), publishedBy: 'test' });
    await h.deps.db.update(scenarios).set({ status: 'live', liveVersionId: v.id }).where(eq(scenarios.id, s!.id));
    expect(await bulkStartScenario(deps, actor, { ...vip, scenarioId: s!.id })).toEqual({ friends: 12, queued: 11 });
    const rows = await h.dispatched();
    expect(rows).toHaveLength(11);
    expect(rows.every((r) => r.kind === 'scenario_start' && r.scenarioId === s!.id)).toBe(true);
    const [audit] = await h.deps.db.select().from(auditLog).where(eq(auditLog.action, 'friends_bulk_scenario_started'));
    expect(audit).toMatchObject({ objectType: 'scenario', objectId: s!.id, detail: { friends: 12, queued: 11 } });
  });
});
