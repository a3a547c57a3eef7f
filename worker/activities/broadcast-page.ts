// One page of a segment broadcast: friends in the audience who may (re-)enter, with their run workflow ids.
import { ApplicationFailure } from '@temporalio/activity';
import { loadEntrySnapshot } from '@/db/queries/friend-snapshot';
import { reachableFriendIds } from '@/db/queries/friends';
import { findScenario } from '@/db/queries/scenarios';
import { runWorkflowId } from '@/lib/engine/workflow-ids';
import { inAudience } from '@/scenario/broadcast';
import { mayEnter, triggerOf } from '@/scenario/entry';
import type { BroadcastPage, BroadcastPageInput } from '@/workflows/contract';
import type { ActivityDeps } from '../deps';
import { planFor } from '../plan-cache';

export function createBroadcastPage(deps: ActivityDeps) {
  return async function broadcastPage(input: BroadcastPageInput): Promise<BroadcastPage> {
    const plan = await planFor(deps.db, input.versionId);
    if (!plan) throw ApplicationFailure.nonRetryable(`scenario version ${input.versionId} does not exist`, 'NotFound');
    // As for triggers, only a live scenario takes new entries: a broadcast stopped (cancelled) or paused before or while
    // it enters its audience enters nobody more, and so does one whose version a newer publish replaced (the newer
    // version has its own schedule).
    const scenario = await findScenario(deps.db, input.scenarioId);
    if (!scenario || scenario.status !== 'live' || scenario.liveVersionId !== input.versionId) {
      return { scanned: 0, entries: [], nextCursor: null };
    }
    const reEntry = triggerOf(plan)?.reEntry ?? 'once';
    const ids = await reachableFriendIds(deps.db, { afterId: input.cursor, limit: input.limit });
    const entries: BroadcastPage['entries'] = [];
    for (const id of ids) {
      const entry = await loadEntrySnapshot(deps.db, id, input.scenarioId, new Date(input.at));
      if (!entry || !inAudience(plan, entry.friend, input.at) || !mayEnter(reEntry, entry.history)) continue;
      entries.push({ friendId: id, workflowId: runWorkflowId(input.scenarioId, id, reEntry, `broadcast-${input.versionId}`), reEntry });
    }
    return { scanned: ids.length, entries, nextCursor: ids.length === input.limit ? (ids.at(-1) ?? null) : null };
  };
}
