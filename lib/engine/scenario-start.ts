// An operator started a live scenario for one friend (a scenario_start row, written by the friends list's bulk action):
// the run starts from the scenario's live version as a trigger would start it, under the same re-entry rule.
import { findFriendById } from '@/db/queries/friends';
import { liveScenarios } from '@/db/queries/scenario-versions';
import { broadcastInstant } from '@/scenario/broadcast';
import type { EngineDeps } from './deps';
import { stopWorkflows } from './run-control';
import { startFriendRun } from './start-run';
import type { Started } from './triggers';

export async function onScenarioStart(
  deps: EngineDeps,
  args: { friendId: string; scenarioId: string; at: Date },
): Promise<Started & { skipped?: string }> {
  const none = (skipped: string) => ({ workflowIds: [], started: 0, skipped });
  const friend = await findFriendById(deps.db, args.friendId);
  // Blocked (or erased) since the operator asked: they enter nothing.
  if (!friend || friend.blockedAt) return none('blocked');
  // Stopped, paused or archived since: nobody enters it any more. A broadcast enters only its own audience.
  const [live] = await liveScenarios(deps.db, [args.scenarioId]);
  if (!live) return none('not_live');
  if (broadcastInstant(live.plan) !== null) return none('broadcast');
  const r = await startFriendRun(deps, {
    scenarioId: live.scenarioId,
    versionId: live.versionId,
    plan: live.plan,
    friendId: args.friendId,
    entryKey: `manual-${args.at.getTime()}`,
  });
  if (!r.started && r.reason === 'not_eligible') return none('not_eligible');
  // Unfollow wins, as for triggers: a block committed while the run was starting stops it here.
  if ((await findFriendById(deps.db, args.friendId))?.blockedAt) await stopWorkflows(deps, [r.workflowId], 'blocked');
  return { workflowIds: [r.workflowId], started: r.started ? 1 : 0 };
}
