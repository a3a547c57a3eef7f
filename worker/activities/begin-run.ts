// First step of a run: records the run row and returns the pinned plan and the friend's snapshot.
import { ApplicationFailure } from '@temporalio/activity';
import { loadFriendSnapshot } from '@/db/queries/friend-snapshot';
import { insertRun } from '@/db/queries/runs';
import type { BeginRunResult, RunContext } from '@/workflows/contract';
import type { ActivityDeps } from '../deps';
import { planFor } from '../plan-cache';

export function createBeginRun(deps: ActivityDeps) {
  return async function beginRun(ctx: RunContext): Promise<BeginRunResult> {
    const [plan, friend] = await Promise.all([planFor(deps.db, ctx.versionId), loadFriendSnapshot(deps.db, ctx.friendId)]);
    if (!plan) throw ApplicationFailure.nonRetryable(`scenario version ${ctx.versionId} does not exist`, 'NotFound');
    if (!friend) throw ApplicationFailure.nonRetryable(`friend ${ctx.friendId} does not exist`, 'NotFound');
    await insertRun(deps.db, ctx, new Date());
    return { plan, friend };
  };
}
