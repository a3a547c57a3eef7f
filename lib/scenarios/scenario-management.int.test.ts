// Managing scenarios on real PostgreSQL: duplicate, archive (stopping a live one through the engine's stop path),
// unarchive, delete a draft, restore a version as the draft; bad input gets a typed error and leaves nothing written.
import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveDraft } from '@/db/queries/scenarios';
import { auditLog, dispatches, friends, runs, scenarioVersions, scenarios } from '@/db/schema';
import { graphContentHash } from '@/scenario/content-hash';
import { ScenarioGraphSchema, type ScenarioGraph } from '@/scenario/schema';
import { createTestDatabase, type TestDatabase } from '@/test/db';
import { AppError } from '../errors';
import { publishScenario } from '../engine/publish';
import { resumeScenario } from '../engine/run-control';
import { archiveScenario, unarchiveScenario } from './archive';
import { loadVersionCompare } from './compare';
import { deleteDraftScenario } from './delete-draft';
import { copyName, duplicateScenario } from './duplicate';
import { loadScenarioList } from './list';
import { restoreVersionAsDraft } from './restore-version';

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(async () => {
  await tdb?.drop();
});

const actor = { id: 'op-1', email: 'editor@example.jp', ip: '203.0.113.7' };
const UNKNOWN = '00000000-0000-4000-8000-000000000000';
const SINCE = new Date('2025-04-01T00:00:00+09:00');

function welcome(text: string, extra: { label?: string } = {}): ScenarioGraph {
  return ScenarioGraphSchema.parse({
    schemaVersion: 1,
    settings: { timeZone: 'Asia/Tokyo', splitSalt: 'salt-of-the-source' },
    nodes: [
      { id: 'trigger', kind: 'trigger', position: { x: 0, y: 0 }, data: { trigger: { type: 'friend_added' }, reEntry: 'once' } },
      { id: 'hello', kind: 'send', position: { x: 0, y: 100 }, ...extra, data: { trackLinks: false, messages: [{ type: 'text', text }] } },
      { id: 'end', kind: 'end', position: { x: 0, y: 200 }, data: {} },
    ],
    edges: [
      { id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'hello' },
      { id: 'e2', source: 'hello', sourceHandle: 'next', target: 'end' },
    ],
  });
}

async function draft(name: string, graph = welcome('こんにちは')) {
  const [s] = await tdb.db.insert(scenarios).values({ name, draft: graph }).returning();
  if (!s) throw new Error('no scenario');
  return s;
}

async function row(id: string) {
  const [s] = await tdb.db.select().from(scenarios).where(eq(scenarios.id, id));
  return s ?? null;
}

const audits = (id: string) =>
  tdb.db
    .select({ action: auditLog.action, detail: auditLog.detail, actorId: auditLog.actorId })
    .from(auditLog)
    .where(and(eq(auditLog.objectType, 'scenario'), eq(auditLog.objectId, id)));

async function setDraft(id: string, graph: ScenarioGraph) {
  const r = await row(id);
  const saved = await saveDraft(tdb.db, { id, graph, expectedRevision: r?.draftRevision ?? 0 });
  if (!saved.ok) throw new Error(`save failed: ${saved.reason}`);
  return saved.revision;
}

/** A live scenario with one friend inside (an active run), published once. */
async function liveWithRunningFriend(name: string) {
  const s = await draft(name);
  const v = await publishScenario({ db: tdb.db }, { scenarioId: s.id, publishedBy: actor.email });
  const [f] = await tdb.db
    .insert(friends)
    .values({ lineUserId: `U${randomBytes(16).toString('hex')}`, displayName: '進行中 花子' })
    .returning();
  if (!f) throw new Error('no friend');
  await tdb.db
    .insert(runs)
    .values({ id: `run-${randomBytes(4).toString('hex')}`, scenarioId: s.id, versionId: v.versionId, friendId: f.id });
  return { id: s.id, versionId: v.versionId };
}

const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 'resolved',
    (e: unknown) => (e instanceof AppError ? e.code : `not an AppError: ${String(e)}`),
  );

describe('duplicate', () => {
  it('makes a new draft 「<name> のコピー」 holding the source draft and settings (with a split salt of its own), audited', async () => {
    const source = await draft('春のキャンペーン', welcome('春です', { label: '初日' }));
    const copy = await duplicateScenario(tdb.db, actor, { id: source.id, lang: 'ja' });
    expect(copy.name).toBe('春のキャンペーン のコピー');
    const made = await row(copy.id);
    expect(made).toMatchObject({
      name: '春のキャンペーン のコピー',
      status: 'draft',
      draftRevision: 1,
      liveVersionId: null,
      archivedAt: null,
    });
    const graph = ScenarioGraphSchema.parse(made?.draft);
    expect(graphContentHash({ ...graph, settings: { ...graph.settings, splitSalt: 'x' } })).toBe(
      graphContentHash({ ...welcome('春です', { label: '初日' }), settings: { ...graph.settings, splitSalt: 'x' } }),
    );
    expect(graph.settings.splitSalt).not.toBe('salt-of-the-source');
    expect(await audits(copy.id)).toEqual([
      { action: 'scenario_duplicated', actorId: 'op-1', detail: { sourceId: source.id, name: '春のキャンペーン のコピー' } },
    ]);
    expect((await duplicateScenario(tdb.db, actor, { id: source.id, lang: 'en' })).name).toBe('Copy of 春のキャンペーン');
  });

  it('keeps a long name within 100 characters, and refuses an unknown id with nothing written', async () => {
    const long = copyName('あ'.repeat(100), 'ja');
    expect([...long].length).toBe(100);
    expect(long.endsWith('… のコピー')).toBe(true);
    const before = (await tdb.db.select().from(scenarios)).length;
    expect(await codeOf(duplicateScenario(tdb.db, actor, { id: UNKNOWN, lang: 'ja' }))).toBe('not_found:scenario');
    expect((await tdb.db.select().from(scenarios)).length).toBe(before);
  });
});

describe('archive', () => {
  it('archives a draft (hidden from the default list, shown under アーカイブ) and brings it back as a draft', async () => {
    const s = await draft('アーカイブする下書き');
    expect(await archiveScenario(tdb.db, { actor, mayPublish: false }, s.id)).toEqual({ stopped: false, activeRuns: 0 });
    expect((await row(s.id))?.archivedAt).toBeInstanceOf(Date);
    expect((await loadScenarioList(tdb.db, { sendsSince: SINCE })).map((r) => r.id)).not.toContain(s.id);
    expect((await loadScenarioList(tdb.db, { sendsSince: SINCE, status: 'archived' })).map((r) => r.id)).toEqual([s.id]);
    expect(await codeOf(archiveScenario(tdb.db, { actor, mayPublish: true }, s.id))).toBe('conflict:archived');
    // An archived draft is read-only.
    expect((await saveDraft(tdb.db, { id: s.id, graph: welcome('変更'), expectedRevision: 1 })).ok).toBe(false);
    expect(await unarchiveScenario(tdb.db, actor, s.id)).toEqual({ status: 'draft' });
    expect(await row(s.id)).toMatchObject({ status: 'draft', archivedAt: null });
    expect(await codeOf(unarchiveScenario(tdb.db, actor, s.id))).toBe('conflict:not_archived');
    expect((await audits(s.id)).map((a) => [a.action, a.detail])).toEqual([
      ['scenario_archived', { previousStatus: 'draft', stopped: false, activeRuns: 0 }],
      ['scenario_unarchived', { status: 'draft' }],
    ]);
  });

  it('refuses to stop a live scenario without the publish permission, and writes nothing', async () => {
    const live = await liveWithRunningFriend('配信中のシナリオ');
    expect(await codeOf(archiveScenario(tdb.db, { actor, mayPublish: false }, live.id))).toBe('forbidden:role');
    expect(await row(live.id)).toMatchObject({ status: 'live', archivedAt: null });
    expect(await tdb.db.select().from(dispatches).where(eq(dispatches.scenarioId, live.id))).toEqual([]);
    expect(await audits(live.id)).toEqual([]);
  });

  it('stops a live scenario through the stop path (its dispatch row) and archives it; archived, it cannot go live', async () => {
    const live = await liveWithRunningFriend('停止してアーカイブ');
    expect(await archiveScenario(tdb.db, { actor, mayPublish: true }, live.id)).toEqual({ stopped: true, activeRuns: 1 });
    expect(await row(live.id)).toMatchObject({ status: 'stopped', liveVersionId: live.versionId });
    const stops = await tdb.db.select().from(dispatches).where(eq(dispatches.scenarioId, live.id));
    expect(stops.map((d) => d.kind)).toEqual(['scenario_stopped']);
    expect(await codeOf(resumeScenario({ db: tdb.db }, live.id))).toBe('conflict:archived');
    expect(await codeOf(publishScenario({ db: tdb.db }, { scenarioId: live.id, publishedBy: actor.email }))).toBe('conflict:archived');
    expect(await unarchiveScenario(tdb.db, actor, live.id)).toEqual({ status: 'stopped' });
    expect(await row(live.id)).toMatchObject({ status: 'stopped', archivedAt: null });
    expect((await audits(live.id)).map((a) => a.action)).toEqual(['scenario_archived', 'scenario_unarchived']);
    expect(await codeOf(archiveScenario(tdb.db, { actor, mayPublish: true }, UNKNOWN))).toBe('not_found:scenario');
  });
});

describe('delete', () => {
  it('deletes a draft that was never published (its finished test runs and test versions with it), audited', async () => {
    const s = await draft('消す下書き');
    expect(await deleteDraftScenario(tdb.db, actor, s.id)).toEqual({ name: '消す下書き' });
    expect(await row(s.id)).toBeNull();
    expect((await audits(s.id)).map((a) => [a.action, a.detail])).toEqual([['scenario_deleted', { name: '消す下書き' }]]);
    expect(await codeOf(deleteDraftScenario(tdb.db, actor, s.id))).toBe('not_found:scenario');

    const tested = await draft('テスト配信した下書き');
    const [v] = await tdb.db
      .insert(scenarioVersions)
      .values({ scenarioId: tested.id, version: -1, graph: tested.draft, plan: {}, hash: 'h', publishedBy: actor.email })
      .returning();
    const [f] = await tdb.db
      .insert(friends)
      .values({ lineUserId: `U${randomBytes(16).toString('hex')}`, displayName: 'テスト' })
      .returning();
    const runId = `run-${randomBytes(4).toString('hex')}`;
    await tdb.db.insert(runs).values({ id: runId, scenarioId: tested.id, versionId: v?.id ?? '', friendId: f?.id ?? '', isTest: true });
    expect(await codeOf(deleteDraftScenario(tdb.db, actor, tested.id))).toBe('conflict:test_runs');
    expect(await row(tested.id)).not.toBeNull();
    await tdb.db.update(runs).set({ status: 'done' }).where(eq(runs.id, runId));
    await deleteDraftScenario(tdb.db, actor, tested.id);
    expect(await tdb.db.select().from(runs).where(eq(runs.id, runId))).toEqual([]);
    expect(await tdb.db.select().from(scenarioVersions).where(eq(scenarioVersions.scenarioId, tested.id))).toEqual([]);
  });

  it('refuses a scenario that was ever published (archive it instead), even stopped, and writes nothing', async () => {
    const live = await liveWithRunningFriend('公開したシナリオ');
    expect(await codeOf(deleteDraftScenario(tdb.db, actor, live.id))).toBe('conflict:published');
    expect(await row(live.id)).toMatchObject({ status: 'live' });
    expect(await audits(live.id)).toEqual([]);
  });
});

describe('versions: the draft-vs-live marker, compare and restore', () => {
  it('marks a draft that differs from live (not one only moved), and restores v1 over a draft with the revision check', async () => {
    const s = await draft('版のあるシナリオ', welcome('v1 の文面'));
    await publishScenario({ db: tdb.db }, { scenarioId: s.id, publishedBy: actor.email });
    const listed = async () => (await loadScenarioList(tdb.db, { sendsSince: SINCE, q: '版のある' })).map((r) => [r.name, r.draftDiffers]);
    expect(await listed()).toEqual([['版のあるシナリオ', false]]);
    const moved = welcome('v1 の文面');
    await setDraft(s.id, { ...moved, nodes: moved.nodes.map((n) => ({ ...n, position: { x: 300, y: n.position.y } })) });
    expect(await listed()).toEqual([['版のあるシナリオ', false]]);
    await setDraft(s.id, welcome('v2 の文面'));
    expect(await listed()).toEqual([['版のあるシナリオ', true]]);
    await publishScenario({ db: tdb.db }, { scenarioId: s.id, publishedBy: actor.email });
    const revision = await setDraft(s.id, welcome('まだ公開していない文面'));

    const view = await loadVersionCompare(tdb.db, s.id, {});
    expect(view?.pair?.map((v) => v.version)).toEqual([1, 2]);
    expect(view?.draftDiffers).toBe(true);
    expect((await loadVersionCompare(tdb.db, s.id, { a: 2, b: 1 }))?.pair?.map((v) => v.version)).toEqual([1, 2]);

    expect(await codeOf(restoreVersionAsDraft(tdb.db, actor, { id: s.id, version: 1, expectedRevision: revision - 1 }))).toBe(
      'conflict:draft',
    );
    expect(await codeOf(restoreVersionAsDraft(tdb.db, actor, { id: s.id, version: 7, expectedRevision: revision }))).toBe(
      'not_found:version',
    );
    expect(await codeOf(restoreVersionAsDraft(tdb.db, actor, { id: UNKNOWN, version: 1, expectedRevision: 1 }))).toBe('not_found:scenario');
    expect(ScenarioGraphSchema.parse((await row(s.id))?.draft)).toEqual(welcome('まだ公開していない文面'));

    expect(await restoreVersionAsDraft(tdb.db, actor, { id: s.id, version: 1, expectedRevision: revision })).toEqual({
      revision: revision + 1,
    });
    const after = await row(s.id);
    expect(ScenarioGraphSchema.parse(after?.draft)).toEqual(welcome('v1 の文面'));
    // The live version is untouched: v2 stays live, and the draft now differs from it.
    const [live] = await tdb.db
      .select()
      .from(scenarioVersions)
      .where(eq(scenarioVersions.id, after?.liveVersionId ?? ''));
    expect(live?.version).toBe(2);
    expect((await loadVersionCompare(tdb.db, s.id, {}))?.pair?.map((v) => [v.version, v.isDraft])).toEqual([
      [1, true],
      [2, false],
    ]);
    expect((await audits(s.id)).map((a) => [a.action, a.detail.version, a.detail.revision])).toEqual([
      ['scenario_version_restored', 1, revision + 1],
    ]);
  });

  it('searches by name and filters by status', async () => {
    const names = async (f: Parameters<typeof loadScenarioList>[1]) => (await loadScenarioList(tdb.db, f)).map((r) => r.name).sort();
    expect(await names({ sendsSince: SINCE, q: 'シナリオ', status: 'live' })).toEqual([
      '公開したシナリオ',
      '版のあるシナリオ',
      '配信中のシナリオ',
    ]);
    expect(await names({ sendsSince: SINCE, q: '100%_' })).toEqual([]);
    expect(await names({ sendsSince: SINCE, status: 'stopped' })).toEqual(['停止してアーカイブ']);
  });
});
