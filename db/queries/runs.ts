// Run bookkeeping for the engine: the run row, its step history (idempotent) and the friend's actions.
import { and, eq, sql } from 'drizzle-orm';
import type { ActionSpec } from '@/scenario/schema';
import type { DbOrTx } from '../client';
import { addFriendTags } from './friends';
import { writeRunProgress, type StepRecord } from './run-progress';
import { friendTags, friends, runs } from '../schema';

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

export type { StepRecord } from './run-progress';

/** Writes entered/left records in one statement; a replayed batch changes nothing (see run-progress.ts). */
export function recordSteps(db: DbOrTx, key: RunKey, records: StepRecord[]): Promise<void> {
  return writeRunProgress(db, key, { steps: records });
}

/** Applies a scenario action to the stored friend (idempotent: a tag added twice is one tag). Returns tags newly added. */
export async function applyFriendAction(db: DbOrTx, friendId: string, action: ActionSpec, at: Date): Promise<string[]> {
  switch (action.type) {
    case 'add_tag':
      // With its tag_added dispatch row, in the same statement (tag triggers of other scenarios).
      return addFriendTags(db, friendId, [action.tag], at);
    case 'remove_tag':
      await db.delete(friendTags).where(and(eq(friendTags.friendId, friendId), eq(friendTags.tag, action.tag)));
      return [];
    case 'set_attribute':
      await db
        .update(friends)
        .set({ attributes: sql`${friends.attributes} || ${JSON.stringify({ [action.key]: action.value })}::jsonb`, updatedAt: at })
        .where(eq(friends.id, friendId));
      return [];
    case 'switch_rich_menu':
      // Linked on LINE after the batch commits (worker/activities/record-progress.ts).
      return [];
  }
}

export async function activeRunsOfFriend(db: DbOrTx, friendId: string): Promise<{ id: string; scenarioId: string }[]> {
  return db
    .select({ id: runs.id, scenarioId: runs.scenarioId })
    .from(runs)
    .where(and(eq(runs.friendId, friendId), eq(runs.status, 'active')));
}

export async function countActiveRunsOfScenario(db: DbOrTx, scenarioId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(runs)
    .where(and(eq(runs.scenarioId, scenarioId), eq(runs.status, 'active')));
  return row?.n ?? 0;
}

export async function activeRunsOfScenario(db: DbOrTx, scenarioId: string): Promise<{ id: string }[]> {
  return db
    .select({ id: runs.id })
    .from(runs)
    .where(and(eq(runs.scenarioId, scenarioId), eq(runs.status, 'active')));
}
