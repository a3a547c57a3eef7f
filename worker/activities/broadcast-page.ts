// One page of a segment broadcast: friends in the audience who may (re-)enter, with their run workflow ids.
import { and, asc, gt, isNull, eq } from 'drizzle-orm';
import { ApplicationFailure } from '@temporalio/activity';
import { loadEntrySnapshot } from '@/db/queries/friend-snapshot';
import { friends } from '@/db/schema';
import { runWorkflowId } from '@/lib/engine/workflow-ids';
import { inAudience } from '@/scenario/broadcast';
import { mayEnter, triggerOf } from '@/scenario/entry';
import type { ReEntry } from '@/scenario/schema';
import type { ActivityDeps } from '../deps';
import { planFor } from '../plan-cache';

export interface BroadcastPageInput {
  scenarioId: string;
  versionId: string;
  at: number;
  cursor: string | null;
  limit: number;
}

export interface BroadcastPage {
  scanned: number;
  entries: { friendId: string; workflowId: string; reEntry: ReEntry }[];
  nextCursor: string | null;
}

export function createBroadcastPage(deps: ActivityDeps) {
  return async function broadcastPage(input: BroadcastPageInput): Promise<BroadcastPage> {
    const plan = await planFor(deps.db, input.versionId);
    if (!plan) throw ApplicationFailure.nonRetryable(`scenario version ${input.versionId} does not exist`, 'NotFound');
    const reEntry = triggerOf(plan)?.reEntry ?? 'once';
    const rows = await deps.db
      .select({ id: friends.id })
      .from(friends)
      .where(and(isNull(friends.blockedAt), eq(friends.isTest, false), input.cursor ? gt(friends.id, input.cursor) : undefined))
      .orderBy(asc(friends.id))
      .limit(input.limit);
    const entries: BroadcastPage['entries'] = [];
    for (const { id } of rows) {
      const entry = await loadEntrySnapshot(deps.db, id, input.scenarioId, new Date(input.at));
      if (!entry || !inAudience(plan, entry.friend, input.at) || !mayEnter(reEntry, entry.history)) continue;
      entries.push({ friendId: id, workflowId: runWorkflowId(input.scenarioId, id, reEntry, `broadcast-${input.versionId}`), reEntry });
    }
    return { scanned: rows.length, entries, nextCursor: rows.length === input.limit ? (rows.at(-1)?.id ?? null) : null };
  };
}
