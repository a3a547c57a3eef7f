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
  /** Set by continue-as-new: the run goes on from here. */
  resume?: { state: RunState; plan: CompiledPlan; runId: string; virtualStart: number; realStart: number };
}

export type RecordEffect = Extract<Effect, { kind: 'node_entered' | 'node_left' | 'apply_action' | 'goal_reached' | 'done' }>;
export type SendEffect = Extract<Effect, { kind: 'send' }>;

export interface ProgressInput {
  ctx: RunContext;
  records: RecordEffect[];
  position: { status: RunState['status']; nodeId: string | null; waiting: RunState['waiting']; done: RunState['done'] };
}

export interface BeginRunResult {
  plan: CompiledPlan;
  friend: FriendSnapshot;
}

export type SendOutcome =
  | { status: 'sent' | 'failed' | 'skipped'; reason?: string }
  | { status: 'held'; until: number; reason: string };
