// Hands one claimed dispatch row to the engine (Temporal): what each kind of fact does, and what it did (its result).
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { recentlyStartedWorkflows, type DispatchItem } from '@/db/queries/dispatches';
import { findEventById } from '@/db/queries/events';
import { loadPlan } from '@/db/queries/scenario-versions';
import { assertNever } from '../errors';
import type { EngineDeps } from './deps';
import { onTextMessage } from './keyword-replies';
import { scheduleBroadcast } from './schedule-broadcast';
import { onRouteAdded } from './route-added';
import { onScenarioStart } from './scenario-start';
import { signalScenarioStop } from './run-control';
import { onEvent, onFriendAdded, onFriendBlocked, onTagAdded } from './triggers';

/** How far back a block looks for runs its friend's earlier dispatches started (they may not have a run row yet). */
const RECENT_STARTS_MS = 24 * 3_600_000;

/** Does what the row asks; throws when Temporal (or the database) failed, so the row is retried. */
export async function dispatchItem(deps: EngineDeps, item: DispatchItem): Promise<Record<string, unknown>> {
  switch (item.kind) {
    case 'friend_added':
      return { ...(await onFriendAdded(deps, { friendId: item.friendId, isUnblocked: item.isUnblocked, at: new Date(item.at) })) };
    case 'friend_blocked': {
      const recentlyStarted = await recentlyStartedWorkflows(deps.db, item.friendId, new Date(Date.parse(item.at) - RECENT_STARTS_MS));
      return { ...(await onFriendBlocked(deps, { friendId: item.friendId, recentlyStarted })) };
    }
    case 'event': {
      const row = await findEventById(deps.db, item.eventId);
      // Erased with its friend since: nothing left to tell.
      if (!row) return { skipped: 'event_gone' };
      // A text message may fire a keyword auto-reply first (its reply token is fresh); a repeat of this row does not.
      const keyword = row.name === 'line_message' ? await onTextMessage(deps, row) : null;
      return {
        ...(keyword ? { keyword } : {}),
        ...(await onEvent(deps, {
          friendId: row.friendId,
          eventId: row.id,
          name: row.name,
          occurredAt: row.occurredAt,
          properties: row.properties,
          isTest: row.isTest,
        })),
      };
    }
    case 'tag_added':
      return { ...(await onTagAdded(deps, { friendId: item.friendId, tag: item.tag, at: new Date(item.at) })) };
    case 'scenario_stopped':
      return { ...(await signalScenarioStop(deps, item.scenarioId)) };
    case 'broadcast': {
      const plan = await loadPlan(deps.db, item.versionId);
      if (!plan) return { skipped: 'version_gone' };
      try {
        return { workflowId: await scheduleBroadcast(deps, { scenarioId: item.scenarioId, versionId: item.versionId, plan }) };
      } catch (err) {
        // Already scheduled by an earlier attempt whose completion was lost.
        if (err instanceof WorkflowExecutionAlreadyStartedError) return { workflowId: err.workflowId };
        throw err;
      }
    }
    case 'scenario_start':
      return { ...(await onScenarioStart(deps, { friendId: item.friendId, scenarioId: item.scenarioId, at: new Date(item.at) })) };
    case 'route_added':
      return { ...(await onRouteAdded(deps, { friendId: item.friendId, routeId: item.routeId, at: new Date(item.at) })) };
    default:
      return assertNever(item);
  }
}
