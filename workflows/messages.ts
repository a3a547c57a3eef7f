// Signals and queries of the friend-scenario workflow (shared by the workflow and its callers).
import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { FriendEvent } from '../scenario/friend';
import type { RunState } from '../scenario/run-state';

export interface EventSignal {
  event: FriendEvent;
  /** Our events.id, so a redelivered signal can be recognised. */
  eventId: string;
}
export type StopReason = 'blocked' | 'scenario_stopped' | 'operator';

export const eventSignal = defineSignal<[EventSignal]>('event');
export const stopSignal = defineSignal<[{ reason: StopReason }]>('stop');

export interface RunPosition {
  runId: string;
  status: RunState['status'];
  nodeId: string | null;
  waiting: RunState['waiting'];
  done: RunState['done'];
  sends: number;
}
export const positionQuery = defineQuery<RunPosition | null>('position');
