// Payloads exchanged between the friend-scenario workflow and its activities.
import type { CompiledPlan } from '../scenario/compile';
import type { FriendSnapshot } from '../scenario/friend';
import type { Effect, RunState } from '../scenario/run-state';

export interface RunContext {
  runId: string;
  workflowId: string;
  scenarioId: string;
  versionId: string;
  friendId: string;
  isTest: boolean;
}

export interface FriendScenarioInput {
  scenarioId: string;
  versionId: string;
  friendId: string;
  isTest?: boolean;
  /** Test runs compress waits: with 8640, a day passes in 10 s. 1 in production. */
  compress?: number;
  triggerEvent?: { name: string; properties: Record<string, unknown> } | null;
  sendTaskQueue: string;
  /**
   * Set by the starter (it already holds both): the pinned plan and the friend at entry, so the run needs no first
   * activity. Without it (child runs of a broadcast) the run loads them with `beginRun`.
   */
  start?: { plan: CompiledPlan; friend: FriendSnapshot };
  /** Set by continue-as-new: the run goes on from here. */
  resume?: { state: RunState; plan: CompiledPlan; runId: string; virtualStart: number; realStart: number };
}

export type RecordEffect = Extract<Effect, { kind: 'node_entered' | 'node_left' | 'apply_action' | 'goal_reached' | 'done' }>;
export type SendEffect = Extract<Effect, { kind: 'send' }>;

export type RunPosition = { status: RunState['status']; nodeId: string | null; waiting: RunState['waiting']; done: RunState['done'] };

export interface ProgressInput {
  ctx: RunContext;
  records: RecordEffect[];
  position: RunPosition;
  /** On a run's first write: the run row is created with this start instant (runs that skipped `beginRun`). */
  begin?: { startedAt: number };
}

/** A send step's activity input: the progress since the last write, the message, and what follows it if LINE accepts it. */
export interface SendInput extends ProgressInput {
  send: SendEffect;
  /** The interpreter's continuation after a successful send, written in the statement that marks the outbox row `sent`. */
  ifSent?: { records: RecordEffect[]; position: RunPosition };
}

export interface BeginRunResult {
  plan: CompiledPlan;
  friend: FriendSnapshot;
}

export type SendOutcome =
  | { status: 'sent' | 'failed' | 'skipped'; reason?: string }
  | { status: 'held'; until: number; reason: string };
