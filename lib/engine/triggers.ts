// Trigger dispatch: facts arriving (friend added, block, event, tag) start runs and signal running ones.
import { WorkflowNotFoundError } from '@temporalio/client';
import { activeRunsOfFriend } from '@/db/queries/runs';
import { liveScenarios } from '@/db/queries/scenario-versions';
import { triggerMatches, type TriggerOccurrence } from '@/scenario/entry';
import type { EventSignal, StopReason } from '@/workflows/messages';
import { db } from '../db';
import { env } from '../env';
import { temporalClient } from '../temporal-client';
import type { EngineDeps } from './deps';
import { startFriendRun } from './start-run';
import { workflowIdOfRun } from './workflow-ids';

export type { EngineDeps } from './deps';

export function engineDeps(): EngineDeps {
  const e = env();
  return { db: db(), temporal: temporalClient, taskQueue: e.TEMPORAL_TASK_QUEUE, sendTaskQueue: e.TEMPORAL_SEND_TASK_QUEUE };
}

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
    const r = await startFriendRun(deps, { scenarioId: s.scenarioId, versionId: s.versionId, plan: s.plan, friendId, entryKey, triggerEvent });
    if (r.started) started++;
  }
  return started;
}

/** Sends a signal to a run's workflow; a run that already closed is not an error. */
export async function signalRun(deps: EngineDeps, runId: string, signal: 'stop' | 'event', arg: { reason: StopReason } | EventSignal): Promise<boolean> {
  const client = await deps.temporal();
  try {
    await client.workflow.getHandle(workflowIdOfRun(runId)).signal(signal, arg);
    return true;
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return false;
    throw err;
  }
}

export async function onFriendAdded(deps: EngineDeps, args: { friendId: string; isUnblocked: boolean; at: Date }): Promise<number> {
  return startMatching(deps, args.friendId, { type: 'friend_added', refollow: args.isUnblocked }, `follow-${args.at.getTime()}`);
}

/** The friend blocked the account: every run stops now (sends after this are skipped as `blocked` anyway). */
export async function onFriendBlocked(deps: EngineDeps, args: { friendId: string; at: Date }): Promise<number> {
  const active = await activeRunsOfFriend(deps.db, args.friendId);
  const results = await Promise.all(active.map((r) => signalRun(deps, r.id, 'stop', { reason: 'blocked' })));
  return results.filter(Boolean).length;
}

export async function onEvent(
  deps: EngineDeps,
  args: { friendId: string; eventId: string; name: string; occurredAt: Date; properties: Record<string, unknown>; isTest: boolean },
): Promise<number> {
  const event = { name: args.name, at: args.occurredAt.getTime(), properties: args.properties };
  const active = await activeRunsOfFriend(deps.db, args.friendId);
  await Promise.all(active.map((r) => signalRun(deps, r.id, 'event', { event, eventId: args.eventId })));
  if (args.isTest) return 0;
  return startMatching(deps, args.friendId, { type: 'event', event }, args.eventId, { name: args.name, properties: args.properties });
}

export async function onTagAdded(deps: EngineDeps, args: { friendId: string; tag: string; at: Date }): Promise<number> {
  return startMatching(deps, args.friendId, { type: 'tag_added', tag: args.tag }, `tag-${args.tag}-${args.at.getTime()}`);
}
