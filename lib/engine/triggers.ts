// Trigger dispatch: facts arriving (friend added, block, event, tag) start runs and signal running ones.
import { activeRunsOfFriend } from '@/db/queries/runs';
import { liveScenarios } from '@/db/queries/scenario-versions';
import { triggerMatches, type TriggerOccurrence } from '@/scenario/entry';
import { eventSignal } from '@/workflows/contract';
import type { EngineHooks } from '../friends/deps';
import type { EngineDeps } from './deps';
import { signalRun, stopRuns } from './run-control';
import { startFriendRun } from './start-run';

async function startMatching(
  deps: EngineDeps,
  friendId: string,
  occ: TriggerOccurrence,
  entryKey: string,
  triggerEvent: { name: string; properties: Record<string, unknown> } | null = null,
): Promise<number> {
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
  }
  return started;
}

export async function onFriendAdded(deps: EngineDeps, args: { friendId: string; isUnblocked: boolean; at: Date }): Promise<number> {
  return startMatching(deps, args.friendId, { type: 'friend_added', refollow: args.isUnblocked }, `follow-${args.at.getTime()}`);
}

/** The friend blocked the account: every run stops now (sends after this are skipped as `blocked` anyway). */
export async function onFriendBlocked(deps: EngineDeps, args: { friendId: string; at: Date }): Promise<number> {
  const active = await activeRunsOfFriend(deps.db, args.friendId);
  return stopRuns(
    deps,
    active.map((r) => r.id),
    'blocked',
  );
}

export async function onEvent(
  deps: EngineDeps,
  args: { friendId: string; eventId: string; name: string; occurredAt: Date; properties: Record<string, unknown>; isTest: boolean },
): Promise<number> {
  const event = { name: args.name, at: args.occurredAt.getTime(), properties: args.properties };
  const active = await activeRunsOfFriend(deps.db, args.friendId);
  await Promise.all(active.map((r) => signalRun(deps, r.id, eventSignal, { event, eventId: args.eventId })));
  if (args.isTest) return 0;
  return startMatching(deps, args.friendId, { type: 'event', event }, args.eventId, { name: args.name, properties: args.properties });
}

export async function onTagAdded(deps: EngineDeps, args: { friendId: string; tag: string; at: Date }): Promise<number> {
  return startMatching(deps, args.friendId, { type: 'tag_added', tag: args.tag }, `tag-${args.tag}-${args.at.getTime()}`);
}

/** The triggers bound to one process's engine deps: what lib/friends, lib/line and lib/links call when facts arrive. */
export function engineHooks(deps: EngineDeps): EngineHooks {
  return {
    friendAdded: (a) => onFriendAdded(deps, a),
    friendBlocked: (a) => onFriendBlocked(deps, a),
    event: (a) => onEvent(deps, a),
    tagAdded: (a) => onTagAdded(deps, a),
  };
}
