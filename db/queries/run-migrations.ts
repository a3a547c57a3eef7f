// Migrations of waiting friends: the waiting runs of a version as the core needs them, the batch and its items, the move.
import { and, asc, eq, gte, inArray, sql } from 'drizzle-orm';
import type { FriendSnapshot } from '@/scenario/friend';
import { FREQUENCY_CAP_WINDOW_MS } from '@/scenario/frequency-cap';
import { WaitingSchema, type RunState, type Waiting } from '@/scenario/run-state';
import type { DbOrTx } from '../client';
import { outbox, runMigrationItems, runMigrations, runSteps, runs } from '../schema';
import { loadFriendSnapshots } from './friend-snapshot';
import { writeRunProgress, type StepRecord } from './run-progress';
import type { RunKey } from './runs';

/** A waiting run rebuilt from what the database holds: its state as the interpreter knows it, and its history. */
export interface StoredWaitingRun {
  runId: string;
  friendId: string;
  displayName: string;
  state: RunState;
  enteredAt: number;
  receivedNodeIds: string[];
  /** Instants of the friend's sends (any scenario, no test sends) in the frequency cap's window before `now`. */
  recentSends: number[];
}

/** How many runs' steps, sends and friends are read per statement. */
export const WAITING_RUNS_BATCH = 500;

/**
 * The active (non-test) runs of `versionId` waiting at a timer, event or answer, rebuilt as run states: position and
 * due time from the run row, visits and the wait's entry from the steps, sends from the outbox, the friend as now.
 * Read in batches of runs: one statement each for their steps, their sends, their friends and the friends' recent sends.
 */
export async function waitingRunsOfVersion(
  db: DbOrTx,
  versionId: string,
  planHash: string,
  now: Date,
  batchSize = WAITING_RUNS_BATCH,
): Promise<StoredWaitingRun[]> {
  const rows = await db
    .select({ id: runs.id, friendId: runs.friendId, node: runs.currentNodeId, waiting: runs.waitingFor, startedAt: runs.startedAt })
    .from(runs)
    .where(and(eq(runs.versionId, versionId), eq(runs.status, 'active'), eq(runs.isTest, false)))
    .orderBy(asc(runs.id));
  const waiting = rows.flatMap((r) => {
    const w = WaitingSchema.safeParse(r.waiting);
    return w.success && (w.data.kind === 'timer' || w.data.kind === 'event' || w.data.kind === 'answer') && r.node
      ? [{ ...r, node: r.node, w: w.data }]
      : [];
  });
  const out: StoredWaitingRun[] = [];
  for (let i = 0; i < waiting.length; i += batchSize) out.push(...(await rebuildBatch(db, waiting.slice(i, i + batchSize), planHash, now)));
  return out;
}

type WaitingRow = { id: string; friendId: string; node: string; w: Waiting; startedAt: Date };

const groupBy = <T, K>(items: readonly T[], key: (t: T) => K): Map<K, T[]> => {
  const m = new Map<K, T[]>();
  for (const it of items) m.set(key(it), [...(m.get(key(it)) ?? []), it]);
  return m;
};

async function rebuildBatch(db: DbOrTx, batch: readonly WaitingRow[], planHash: string, now: Date): Promise<StoredWaitingRun[]> {
  if (batch.length === 0) return [];
  const ids = batch.map((r) => r.id);
  const friendIds = [...new Set(batch.map((r) => r.friendId))];
  const [steps, sent, friends, recent] = await Promise.all([
    db
      .select({ runId: runSteps.runId, nodeId: runSteps.nodeId, visit: runSteps.visit, enteredAt: runSteps.enteredAt })
      .from(runSteps)
      .where(inArray(runSteps.runId, ids)),
    db
      .select({ runId: outbox.runId, nodeId: outbox.nodeId })
      .from(outbox)
      .where(and(inArray(outbox.runId, ids), eq(outbox.status, 'sent'))),
    loadFriendSnapshots(db, friendIds, now),
    db
      .select({ friendId: outbox.friendId, sentAt: outbox.sentAt })
      .from(outbox)
      .where(
        and(
          inArray(outbox.friendId, friendIds),
          eq(outbox.status, 'sent'),
          eq(outbox.isTest, false),
          gte(outbox.sentAt, new Date(now.getTime() - FREQUENCY_CAP_WINDOW_MS)),
        ),
      ),
  ]);
  const stepsOf = groupBy(steps, (s) => s.runId);
  const sentOf = groupBy(sent, (s) => s.runId);
  const recentOf = groupBy(recent, (s) => s.friendId);
  const out: StoredWaitingRun[] = [];
  for (const r of batch) {
    const own = stepsOf.get(r.id) ?? [];
    const visits: Record<string, number> = {};
    for (const s of own) visits[s.nodeId] = Math.max(visits[s.nodeId] ?? 0, s.visit);
    const current = own.filter((s) => s.nodeId === r.node).sort((a, b) => b.visit - a.visit)[0];
    const received = (sentOf.get(r.id) ?? []).map((s) => s.nodeId);
    const friend: FriendSnapshot | undefined = friends.get(r.friendId);
    if (!friend) continue;
    const enteredAt = current?.enteredAt.getTime() ?? r.startedAt.getTime();
    out.push({
      runId: r.id,
      friendId: r.friendId,
      displayName: friend.displayName,
      enteredAt,
      receivedNodeIds: [...new Set(received)],
      recentSends: (recentOf.get(r.friendId) ?? []).flatMap((s) => (s.sentAt ? [s.sentAt.getTime()] : [])).sort((a, b) => a - b),
      state: {
        v: 1,
        runId: r.id,
        planHash,
        status: 'waiting',
        current: r.node,
        waiting: r.w,
        friend,
        friendFresh: false,
        triggerEvent: null,
        startedAt: r.startedAt.getTime(),
        now: Math.max(enteredAt, now.getTime()),
        visits,
        steps: own.length,
        sends: received.length,
        goalReachedAt: null,
        done: null,
      },
    });
  }
  return out;
}

export type NewMigration = typeof runMigrations.$inferInsert;
export type NewMigrationItem = Omit<typeof runMigrationItems.$inferInsert, 'migrationId'>;

/** Creates the batch and its items; a run already moved to this version (by any migration) gets no item. */
export async function insertMigration(db: DbOrTx, m: NewMigration, items: NewMigrationItem[]): Promise<{ id: string; queued: number }> {
  const [row] = await db.insert(runMigrations).values(m).returning({ id: runMigrations.id });
  if (!row) throw new Error('inserting a migration returned nothing');
  if (items.length === 0) return { id: row.id, queued: 0 };
  const inserted = await db
    .insert(runMigrationItems)
    .values(items.map((i) => ({ ...i, migrationId: row.id })))
    .onConflictDoNothing()
    .returning({ id: runMigrationItems.id });
  return { id: row.id, queued: inserted.length };
}

export async function findMigration(db: DbOrTx, id: string) {
  const [row] = await db.select().from(runMigrations).where(eq(runMigrations.id, id));
  return row ?? null;
}

export async function pendingItems(db: DbOrTx, migrationId: string, limit: number) {
  return db
    .select({
      id: runMigrationItems.id,
      runId: runMigrationItems.runId,
      fromNodeId: runMigrationItems.fromNodeId,
      toNodeId: runMigrationItems.toNodeId,
    })
    .from(runMigrationItems)
    .where(and(eq(runMigrationItems.migrationId, migrationId), eq(runMigrationItems.status, 'pending')))
    .orderBy(asc(runMigrationItems.runId))
    .limit(limit);
}

/** Items signalled but neither moved nor refused yet (their runs have not handled the signal), a page at a time. */
export async function signalledItems(db: DbOrTx, migrationId: string, limit: number, afterRunId = '') {
  return db
    .select({ id: runMigrationItems.id, runId: runMigrationItems.runId })
    .from(runMigrationItems)
    .where(
      and(
        eq(runMigrationItems.migrationId, migrationId),
        eq(runMigrationItems.status, 'signalled'),
        sql`${runMigrationItems.runId} > ${afterRunId}`,
      ),
    )
    .orderBy(asc(runMigrationItems.runId))
    .limit(limit);
}

/** Marks items skipped only while still signalled: a move recorded meanwhile stays moved. */
export async function markSignalledSkipped(db: DbOrTx, ids: string[], reason: string): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(runMigrationItems)
    .set({ status: 'skipped', reason })
    .where(and(inArray(runMigrationItems.id, ids), eq(runMigrationItems.status, 'signalled')));
}

/** Marks items signalled (only those still pending: a move recorded meanwhile stays moved). */
export async function markSignalled(db: DbOrTx, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(runMigrationItems)
    .set({ status: 'signalled' })
    .where(and(inArray(runMigrationItems.id, ids), eq(runMigrationItems.status, 'pending')));
}

export async function markSkipped(db: DbOrTx, ids: string[], reason: string): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(runMigrationItems)
    .set({ status: 'skipped', reason })
    .where(and(inArray(runMigrationItems.id, ids), inArray(runMigrationItems.status, ['pending', 'signalled'])));
}

/** A run's item of a migration to `toVersionId` that could not be moved (it moved on, or the target refused it). */
export async function markRunItemSkipped(db: DbOrTx, runId: string, toVersionId: string, reason: string): Promise<void> {
  await db
    .update(runMigrationItems)
    .set({ status: 'skipped', reason: reason.slice(0, 500) })
    .where(
      and(
        eq(runMigrationItems.runId, runId),
        eq(runMigrationItems.toVersionId, toVersionId),
        inArray(runMigrationItems.status, ['pending', 'signalled']),
      ),
    );
}

export async function migrationProgress(
  db: DbOrTx,
  migrationId: string,
): Promise<Record<(typeof runMigrationItems.$inferSelect)['status'], number>> {
  const rows = await db
    .select({ status: runMigrationItems.status, n: sql<number>`count(*)::int` })
    .from(runMigrationItems)
    .where(eq(runMigrationItems.migrationId, migrationId))
    .groupBy(runMigrationItems.status);
  const out = { pending: 0, signalled: 0, moved: 0, skipped: 0 };
  for (const r of rows) out[r.status] = r.n;
  return out;
}

export async function finishMigration(db: DbOrTx, migrationId: string): Promise<void> {
  await db.update(runMigrations).set({ status: 'done', finishedAt: new Date() }).where(eq(runMigrations.id, migrationId));
}

export async function listMigrations(db: DbOrTx, scenarioId: string) {
  return db
    .select()
    .from(runMigrations)
    .where(eq(runMigrations.scenarioId, scenarioId))
    .orderBy(sql`${runMigrations.createdAt} desc`)
    .limit(20);
}

/** When the step the run is at now (its latest visit of `nodeId`) was entered. */
export async function stepEnteredAt(db: DbOrTx, runId: string, nodeId: string): Promise<number | null> {
  const [row] = await db
    .select({ at: runSteps.enteredAt })
    .from(runSteps)
    .where(and(eq(runSteps.runId, runId), eq(runSteps.nodeId, nodeId)))
    .orderBy(sql`${runSteps.visit} desc`)
    .limit(1);
  return row ? row.at.getTime() : null;
}

/**
 * The move, in one transaction: the old step closed (on the old version), the new step entered and the run row on the
 * new version at its new position, and the migration item marked moved. Repeating it changes nothing.
 */
export async function recordMove(
  db: DbOrTx,
  move: {
    oldKey: RunKey;
    newKey: RunKey;
    left: StepRecord;
    entered: StepRecord;
    position: Parameters<typeof writeRunProgress>[2]['position'];
  },
): Promise<void> {
  await db.transaction(async (tx) => {
    await writeRunProgress(tx, move.oldKey, { steps: [move.left] });
    await writeRunProgress(tx, move.newKey, { steps: [move.entered], ...(move.position ? { position: move.position } : {}) });
    await tx.update(runs).set({ versionId: move.newKey.versionId }).where(eq(runs.id, move.newKey.runId));
    await tx
      .update(runMigrationItems)
      .set({ status: 'moved', movedAt: new Date() })
      .where(and(eq(runMigrationItems.runId, move.newKey.runId), eq(runMigrationItems.toVersionId, move.newKey.versionId)));
  });
}
