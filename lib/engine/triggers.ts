// What each dispatched fact does on Temporal: friend added, block, event, tag start runs and signal running ones.
// Called by the dispatcher only (lib/engine/dispatch.ts), so a repeat after a failure is harmless: workflow ids are
// deterministic and signals are deduplicated by the workflow.
import { findFriendById } from '@/db/queries/friends';
import { activeRunsOfFriend } from '@/db/queries/runs';
import { liveScenarios } from '@/db/queries/scenario-versions';
import { triggerMatches, type TriggerOccurrence } from '@/scenario/entry';
import { eventSignal } from '@/workflows/contract';
import type { EngineDeps } from './deps';
import { signalRun, stopRuns, stopWorkflows } from './run-control';
import { startFriendRun } from './start-run';

/** Workflow ids started, or found already started (a repeat of the same fact); `started` counts the new ones. */
export interface Started {
  workflowIds: string[];
  started: number;
}

async function startMatching(
  deps: EngineDeps,
  friendId: string,
  occ: TriggerOccurrence,
  entryKey: string,
  triggerEvent: { name: string; properties: Record<string, unknown> } | null = null,
): Promise<Started> {
  const friend = await findFriendById(deps.db, friendId);
  // A friend who blocked the account (or was erased) enters nothing.
  if (!friend || friend.blockedAt) return { workflowIds: [], started: 0 };
  const workflowIds: string[] = [];
  let started = 0;
  for (const s of await liveScenarios(deps.db)) {
    if (!triggerMatches(s.plan, occ)) continue;
    const r = await startFriendRun(deps, {
      scenarioId: s.scenarioId,
      versionId: s.versionId,
      plan: s.plan,
      friendId,
      entryKey,
      triggerEvent,
    });
    if (r.started) started++;
    if (r.started || r.reason === 'duplicate') workflowIds.push(r.workflowId);
  }
  // Unfollow always wins: a block committed while these runs were starting stops them here (the block's own dispatch
  // waits for this one, and stops them too).
  if (workflowIds.length > 0 && (await findFriendById(deps.db, friendId))?.blockedAt) {
    await stopWorkflows(deps, workflowIds, 'blocked');
  }
  return { workflowIds, started };
}

export async function onFriendAdded(deps: EngineDeps, args: { friendId: string; isUnblocked: boolean; at: Date }): Promise<Started> {
  return startMatching(deps, args.friendId, { type: 'friend_added', refollow: args.isUnblocked }, `follow-${args.at.getTime()}`);
}

/**
 * The friend blocked the account: every run stops now, including runs started moments ago that have not written their
 * run row yet (`recentlyStarted`, from the dispatches before this one). Sends after this are skipped as `blocked` anyway.
 */
export async function onFriendBlocked(
  deps: EngineDeps,
  args: { friendId: string; recentlyStarted: string[] },
): Promise<{ stopped: number }> {
  const active = await activeRunsOfFriend(deps.db, args.friendId);
  const fromRows = await stopRuns(
    deps,
    active.map((r) => r.id),
    'blocked',
  );
  const fromStarts = await stopWorkflows(deps, args.recentlyStarted, 'blocked');
  return { stopped: fromRows + fromStarts };
}

export async function onEvent(
  deps: EngineDeps,
  args: { friendId: string; eventId: string; name: string; occurredAt: Date; properties: Record<string, unknown>; isTest: boolean },
): Promise<Started> {
  const event = { name: args.name, at: args.occurredAt.getTime(), properties: args.properties };
  const active = await activeRunsOfFriend(deps.db, args.friendId);
  await Promise.all(active.map((r) => signalRun(deps, r.id, eventSignal, { event, eventId: args.eventId })));
  if (args.isTest) return { workflowIds: [], started: 0 };
  return startMatching(deps, args.friendId, { type: 'event', event }, args.eventId, { name: args.name, properties: args.properties });
}

export async function onTagAdded(deps: EngineDeps, args: { friendId: string; tag: string; at: Date }): Promise<Started> {
  return startMatching(deps, args.friendId, { type: 'tag_added', tag: args.tag }, `tag-${args.tag}-${args.at.getTime()}`);
}
