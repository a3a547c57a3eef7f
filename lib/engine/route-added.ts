// A friend came through an inflow route (a route_added row, written by /in/callback): the route's own scenario and every
// live scenario whose trigger is route_added (this route's code, or any route) start, each at most once per visit.
import { findFriendById } from '@/db/queries/friends';
import { findInflowRoute } from '@/db/queries/inflow-routes';
import { liveScenarios } from '@/db/queries/scenario-versions';
import { broadcastInstant } from '@/scenario/broadcast';
import { triggerMatches } from '@/scenario/entry';
import type { EngineDeps } from './deps';
import { stopWorkflows } from './run-control';
import { startFriendRun } from './start-run';
import type { Started } from './triggers';

export async function onRouteAdded(
  deps: EngineDeps,
  args: { friendId: string; routeId: string; at: Date },
): Promise<Started & { skipped?: string }> {
  const none = (skipped: string) => ({ workflowIds: [], started: 0, skipped });
  const friend = await findFriendById(deps.db, args.friendId);
  if (!friend || friend.blockedAt) return none('blocked');
  const route = await findInflowRoute(deps.db, args.routeId);
  if (!route) return none('route_gone');
  const workflowIds: string[] = [];
  let started = 0;
  for (const s of await liveScenarios(deps.db)) {
    const own = s.scenarioId === route.scenarioId && broadcastInstant(s.plan) === null;
    if (!own && !triggerMatches(s.plan, { type: 'route_added', routeCode: route.code })) continue;
    const r = await startFriendRun(deps, {
      scenarioId: s.scenarioId,
      versionId: s.versionId,
      plan: s.plan,
      friendId: args.friendId,
      entryKey: `route-${route.id}-${args.at.getTime()}`,
    });
    if (r.started) started++;
    if (r.started || r.reason === 'duplicate') workflowIds.push(r.workflowId);
  }
  // Unfollow wins, as for triggers: a block committed while the runs were starting stops them here.
  if (workflowIds.length > 0 && (await findFriendById(deps.db, args.friendId))?.blockedAt) {
    await stopWorkflows(deps, workflowIds, 'blocked');
  }
  return { workflowIds, started };
}
