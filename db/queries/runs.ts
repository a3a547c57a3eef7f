// Run bookkeeping for the engine: the run row, its step history (idempotent) and the friend's actions.
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { ActionSpec } from '@/scenario/schema';
import type { DbOrTx } from '../client';
import { friendTags, friends, runSteps, runs } from '../schema';

export interface RunKey {
  runId: string;
  scenarioId: string;
  versionId: string;
  friendId: string;
  isTest: boolean;
}

export async function insertRun(db: DbOrTx, key: RunKey, startedAt: Date): Promise<void> {
  await db
    .insert(runs)
    .values({ id: key.runId, scenarioId: key.scenarioId, versionId: key.versionId, friendId: key.friendId, isTest: key.isTest, startedAt })
    .onConflictDoNothing();
}

export type StepRecord =
  | { kind: 'node_entered'; nodeId: string; at: number; visit: number }
  | { kind: 'node_left'; nodeId: string; at: number; output: string; reason: string };

/**
 * Writes entered/left records; a replayed batch changes nothing (unique run/node/visit, left only once). A step entered
 * and left in the same batch is inserted complete: one statement instead of an insert and an update (each statement
 * also runs the analytics rollup triggers).
 */
export async function recordSteps(db: DbOrTx, key: RunKey, records: StepRecord[]): Promise<void> {
  type Row = typeof runSteps.$inferInsert;
  const rows: Row[] = [];
  const open = new Map<string, Row>(); // node id → its row entered in this batch and not yet left
  const leftEarlier: Extract<StepRecord, { kind: 'node_left' }>[] = [];
  for (const r of records) {
    if (r.kind === 'node_entered') {
      const row: Row = {
        runId: key.runId,
        scenarioId: key.scenarioId,
        versionId: key.versionId,
        friendId: key.friendId,
        nodeId: r.nodeId,
        visit: r.visit,
        enteredAt: new Date(r.at),
        isTest: key.isTest,
      };
      rows.push(row);
      open.set(r.nodeId, row);
      continue;
    }
    const row = open.get(r.nodeId);
    if (row) {
      Object.assign(row, { leftAt: new Date(r.at), output: r.output, reason: r.reason.slice(0, 500) });
      open.delete(r.nodeId);
    } else leftEarlier.push(r);
  }
  // Steps entered by an earlier batch are closed first (a loop may enter the same node again in this batch).
  for (const r of leftEarlier) {
    await db
      .update(runSteps)
      .set({ leftAt: new Date(r.at), output: r.output, reason: r.reason.slice(0, 500) })
      .where(and(eq(runSteps.runId, key.runId), eq(runSteps.nodeId, r.nodeId), isNull(runSteps.leftAt)));
  }
  if (rows.length > 0) await db.insert(runSteps).values(rows).onConflictDoNothing();
}

export interface RunPositionUpdate {
  status: 'running' | 'waiting' | 'done';
  nodeId: string | null;
  waiting: { kind: string; until?: number } | null;
  done: { reason: string; at: number; detail?: string } | null;
}

export async function updateRunPosition(db: DbOrTx, runId: string, p: RunPositionUpdate): Promise<void> {
  const ended = p.done !== null;
  await db
    .update(runs)
    .set({
      status: ended ? (p.done?.reason === 'stopped' ? 'stopped' : 'done') : 'active',
      currentNodeId: p.nodeId,
      waitingFor: p.waiting,
      waitingUntil: p.waiting?.until !== undefined ? new Date(p.waiting.until) : null,
      endReason: p.done ? (p.done.detail ? `${p.done.reason}: ${p.done.detail}` : p.done.reason).slice(0, 500) : null,
      endedAt: p.done ? new Date(p.done.at) : null,
    })
    .where(eq(runs.id, runId));
}

/** Applies a scenario action to the stored friend (idempotent: a tag added twice is one tag). Returns tags newly added. */
export async function applyFriendAction(db: DbOrTx, friendId: string, action: ActionSpec, at: Date): Promise<string[]> {
  switch (action.type) {
    case 'add_tag': {
      const inserted = await db
        .insert(friendTags)
        .values({ friendId, tag: action.tag, taggedAt: at })
        .onConflictDoNothing()
        .returning({ tag: friendTags.tag });
      return inserted.map((r) => r.tag);
    }
    case 'remove_tag':
      await db.delete(friendTags).where(and(eq(friendTags.friendId, friendId), eq(friendTags.tag, action.tag)));
      return [];
    case 'set_attribute':
      await db
        .update(friends)
        .set({ attributes: sql`${friends.attributes} || ${JSON.stringify({ [action.key]: action.value })}::jsonb`, updatedAt: at })
        .where(eq(friends.id, friendId));
      return [];
  }
}

export async function activeRunsOfFriend(db: DbOrTx, friendId: string): Promise<{ id: string; scenarioId: string }[]> {
  return db.select({ id: runs.id, scenarioId: runs.scenarioId }).from(runs).where(and(eq(runs.friendId, friendId), eq(runs.status, 'active')));
}

export async function activeRunsOfScenario(db: DbOrTx, scenarioId: string): Promise<{ id: string }[]> {
  return db.select({ id: runs.id }).from(runs).where(and(eq(runs.scenarioId, scenarioId), eq(runs.status, 'active')));
}

export async function runHistory(db: DbOrTx, scenarioId: string, friendId: string): Promise<{ active: boolean; previousRuns: number }> {
  const rows = await db
    .select({ status: runs.status, n: sql<number>`count(*)::int` })
    .from(runs)
    .where(and(eq(runs.scenarioId, scenarioId), eq(runs.friendId, friendId), eq(runs.isTest, false)))
    .groupBy(runs.status);
  return {
    active: rows.some((r) => r.status === 'active' && r.n > 0),
    previousRuns: rows.reduce((a, r) => a + r.n, 0),
  };
}
