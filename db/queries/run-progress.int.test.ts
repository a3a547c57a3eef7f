// A run's bookkeeping in one statement, the outbox claim and settlement of a send, and the friend snapshot a run
// starts from, against a real PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq, sql } from 'drizzle-orm';
import { createTestDatabase, type TestDatabase } from '@/test/db';
import { compile } from '@/scenario/compile';
import { chainOf, end, text, trig } from '@/scenario/fixtures';
import { executePrepared } from '../client';
import { events, friendTags, friends, outbox, runSteps, runs, scenarioVersions, scenarios } from '../schema';
import { loadEntrySnapshot, loadFriendSnapshot } from './friend-snapshot';
import { writeRunProgress } from './run-progress';
import type { RunKey } from './runs';
import { claimSend, settleCte, type OutboxKey } from './send-outbox';

const T = Date.parse('2026-11-20T10:00:00+09:00');
let t: TestDatabase;
let key: RunKey;

const steps = async (runId = key.runId) =>
  (await t.db.select().from(runSteps).where(eq(runSteps.runId, runId)).orderBy(asc(runSteps.enteredAt), asc(runSteps.visit))).map((s) => ({
    node: s.nodeId,
    visit: s.visit,
    left: s.leftAt?.getTime() ?? null,
    output: s.output,
  }));

beforeAll(async () => {
  t = await createTestDatabase();
  const g = chainOf([trig(), text('hello', 'こんにちは'), end()]);
  const [s] = await t.db.insert(scenarios).values({ name: 'progress', draft: g, status: 'live' }).returning();
  const [v] = await t.db
    .insert(scenarioVersions)
    .values({ scenarioId: s!.id, version: 1, graph: g, plan: compile(g), hash: 'p1', publishedBy: 'test' })
    .returning();
  const [f] = await t.db
    .insert(friends)
    .values({ lineUserId: `Uprog${'0'.repeat(28)}`, displayName: '進捗' })
    .returning();
  key = { runId: 'run-progress-1', scenarioId: s!.id, versionId: v!.id, friendId: f!.id, isTest: false };
});
afterAll(() => t?.drop());

describe('writeRunProgress', () => {
  it('creates the run row once with its position, then moves it', async () => {
    const position = {
      status: 'waiting' as const,
      nodeId: 'hello',
      waiting: { kind: 'send' as const, nodeId: 'hello', visit: 1 },
      done: null,
    };
    await writeRunProgress(t.db, key, { steps: [], position, begin: { startedAt: T } });
    await writeRunProgress(t.db, key, { steps: [], position, begin: { startedAt: T + 5000 } }); // a retried first write
    const [row] = await t.db.select().from(runs).where(eq(runs.id, key.runId));
    expect(row).toMatchObject({
      status: 'active',
      currentNodeId: 'hello',
      waitingFor: { kind: 'send', nodeId: 'hello', visit: 1 },
      startedAt: new Date(T),
    });
    await writeRunProgress(t.db, key, {
      steps: [],
      position: { status: 'done', nodeId: 'end', waiting: null, done: { reason: 'end', at: T + 1000 } },
    });
    const [after] = await t.db.select().from(runs).where(eq(runs.id, key.runId));
    expect(after).toMatchObject({
      status: 'done',
      currentNodeId: 'end',
      waitingFor: null,
      endReason: 'end',
      endedAt: new Date(T + 1000),
    });
  });

  it('inserts a step entered and left in one batch complete, and completes a step an earlier write left open', async () => {
    const k = { ...key, runId: 'run-progress-2' };
    const batch = [
      { kind: 'node_entered' as const, nodeId: 'trigger', at: T, visit: 1 },
      { kind: 'node_left' as const, nodeId: 'trigger', at: T, output: 'next', reason: 'entered' },
      { kind: 'node_entered' as const, nodeId: 'hello', at: T, visit: 1 },
    ];
    await writeRunProgress(t.db, k, { steps: batch });
    // The send's retry after LINE answered 5xx wrote the batch above; the successful attempt writes it with what followed.
    await writeRunProgress(t.db, k, {
      steps: [
        ...batch,
        { kind: 'node_left', nodeId: 'hello', at: T + 10, output: 'next', reason: 'sent' },
        { kind: 'node_entered', nodeId: 'end', at: T + 10, visit: 1 },
      ],
    });
    expect(await steps(k.runId)).toEqual([
      { node: 'trigger', visit: 1, left: T, output: 'next' },
      { node: 'hello', visit: 1, left: T + 10, output: 'next' },
      { node: 'end', visit: 1, left: null, output: null },
    ]);
  });

  it('closes a loop node entered in an earlier batch and opens its next visit in the same statement', async () => {
    const k = { ...key, runId: 'run-progress-3' };
    await writeRunProgress(t.db, k, { steps: [{ kind: 'node_entered', nodeId: 'w', at: T, visit: 1 }] });
    await writeRunProgress(t.db, k, {
      steps: [
        { kind: 'node_left', nodeId: 'w', at: T + 60_000, output: 'next', reason: 'timer' },
        { kind: 'node_entered', nodeId: 'w', at: T + 60_000, visit: 2 },
      ],
    });
    expect(await steps(k.runId)).toEqual([
      { node: 'w', visit: 1, left: T + 60_000, output: 'next' },
      { node: 'w', visit: 2, left: null, output: null },
    ]);
  });
});

describe('claimSend / settleCte', () => {
  const outboxKey = (visit: number): OutboxKey => ({
    ...key,
    nodeId: 'hello',
    visit,
    retryKey: `00000000-0000-4000-8000-${String(visit).padStart(12, '0')}`,
  });
  const row = async (k: OutboxKey) => (await t.db.select().from(outbox).where(eq(outbox.retryKey, k.retryKey)))[0];
  const messages = [{ type: 'text', text: 'こんにちは' }];

  it('claims a new send, pushes the stored messages on a retry, and reports a settled one', async () => {
    const k = outboxKey(1);
    expect(await claimSend(t.db, { key: k, messages })).toEqual({ kind: 'push', to: `Uprog${'0'.repeat(28)}`, messages, attempt: 1 });
    expect(await claimSend(t.db, { key: k, messages: [{ type: 'text', text: 'changed' }] })).toEqual({
      kind: 'push',
      to: `Uprog${'0'.repeat(28)}`,
      messages,
      attempt: 2,
    });
    await executePrepared(t.db, sql`WITH ${settleCte(k.retryKey, { status: 'sent', requestId: 'req-1', messageIds: ['m1'] })} SELECT 1`);
    expect(await row(k)).toMatchObject({ status: 'sent', requestId: 'req-1', sentMessageIds: ['m1'], attempts: 2 });
    expect(await claimSend(t.db, { key: k, messages })).toEqual({ kind: 'settled', status: 'sent', reason: null });
  });

  it('skips a send to a friend who blocked, also when an earlier attempt had claimed it', async () => {
    const claimed = outboxKey(2);
    await claimSend(t.db, { key: claimed, messages });
    await t.db.update(friends).set({ blockedAt: new Date() }).where(eq(friends.id, key.friendId));
    expect(await claimSend(t.db, { key: outboxKey(3), messages })).toEqual({ kind: 'skipped', reason: 'blocked' });
    expect(await claimSend(t.db, { key: claimed, messages })).toEqual({ kind: 'skipped', reason: 'blocked' });
    expect(await row(claimed)).toMatchObject({ status: 'skipped', reason: 'blocked' });
    await t.db.update(friends).set({ blockedAt: null }).where(eq(friends.id, key.friendId));
  });

  it('records a frequency-cap skip, and a friend who no longer exists', async () => {
    expect(await claimSend(t.db, { key: outboxKey(4), messages, capSkip: true })).toEqual({ kind: 'skipped', reason: 'frequency_cap' });
    expect(await row(outboxKey(4))).toMatchObject({ status: 'skipped', reason: 'frequency_cap', attempts: 0 });
    const gone = { ...outboxKey(5), friendId: '00000000-0000-4000-8000-00000000dead' };
    expect(await claimSend(t.db, { key: gone, messages })).toEqual({ kind: 'skipped', reason: 'friend_deleted' });
  });
});

describe('loadEntrySnapshot', () => {
  it('gives tags sorted, the last 400 days of events in order, and the friend’s runs of the scenario', async () => {
    const [f] = await t.db
      .insert(friends)
      .values({ lineUserId: `Usnap${'0'.repeat(28)}`, displayName: 'スナップ', attributes: { plan: 'gold', points: 12 } })
      .returning();
    const id = f!.id;
    await t.db.insert(friendTags).values([
      { friendId: id, tag: 'vip' },
      { friendId: id, tag: 'VIP顧客' },
      { friendId: id, tag: 'a' },
    ]);
    const now = new Date(T);
    await t.db.insert(events).values([
      { friendId: id, name: 'old', occurredAt: new Date(T - 401 * 86_400_000), source: 'api' },
      { friendId: id, name: 'purchase', occurredAt: new Date(T - 2000), properties: { amount: 3000 }, source: 'api' },
      { friendId: id, name: 'cart', occurredAt: new Date(T - 5000), source: 'api' },
    ]);
    await t.db.insert(runs).values([
      { id: 'snap-1', scenarioId: key.scenarioId, versionId: key.versionId, friendId: id, status: 'done' },
      { id: 'snap-2', scenarioId: key.scenarioId, versionId: key.versionId, friendId: id, status: 'active' },
      { id: 'snap-3', scenarioId: key.scenarioId, versionId: key.versionId, friendId: id, status: 'active', isTest: true },
    ]);
    const entry = await loadEntrySnapshot(t.db, id, key.scenarioId, now);
    expect(entry?.history).toEqual({ active: true, previousRuns: 2 });
    expect(entry?.friend).toMatchObject({
      id,
      displayName: 'スナップ',
      attributes: { plan: 'gold', points: 12 },
      tags: ['VIP顧客', 'a', 'vip'].sort(),
      linked: false,
      events: [
        { name: 'cart', at: T - 5000, properties: {} },
        { name: 'purchase', at: T - 2000, properties: { amount: 3000 } },
      ],
    });
    expect(entry?.friend.friendAddedAt).toBe(f!.friendAddedAt.getTime());
    expect(await loadFriendSnapshot(t.db, id, now)).toEqual(entry?.friend);
    expect(await loadEntrySnapshot(t.db, '00000000-0000-4000-8000-00000000beef', key.scenarioId)).toBeNull();
  });
});
