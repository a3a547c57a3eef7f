// The workflows' public contract: type names, inputs and results, signals and queries, search attributes, and the
// activities the workflows call. The only workflows/ module that lib/, worker/, app/, test/ and scripts/ import.
import { defineQuery, defineSignal } from '@temporalio/workflow';
import { SearchAttributeType, TypedSearchAttributes, defineSearchAttributeKey, type SearchAttributeUpdatePair } from '@temporalio/common';
import type { CompiledPlan } from '../scenario/compile';
import type { FriendEvent, FriendSnapshot } from '../scenario/friend';
import type { RunPosition } from '../scenario/position';
import type { Effect, RunState } from '../scenario/run-state';
import type { ReEntry } from '../scenario/schema';

// ── workflow types (started by name, so callers never load workflow code) ──

export const FRIEND_SCENARIO_WORKFLOW = 'friendScenario';
export const SEGMENT_BROADCAST_WORKFLOW = 'segmentBroadcast';
export const WIRING_CHECK_WORKFLOW = 'wiringCheck';
export const RETENTION_WORKFLOW = 'retention';

/** One friend in one published scenario version; returns how the run ended. */
export type FriendScenarioWorkflow = (input: FriendScenarioInput) => Promise<RunState['done']>;
/** A segment broadcast: enters its audience at the send time. */
export type SegmentBroadcastWorkflow = (input: SegmentBroadcastInput) => Promise<BroadcastProgress>;
/** Client → server → worker → PostgreSQL; returns its workflow id. */
export type WiringCheckWorkflow = (note: string) => Promise<string>;
/** Prunes message texts and webhook payloads past the retention period (started daily by a schedule). */
export type RetentionWorkflow = (input: RetentionInput) => Promise<PruneResult>;

// ── friend scenario ──

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

/**
 * A send step that needs the friend first (after a wait, an event or an answer): the activity loads the friend, takes
 * the interpreter's `friend_loaded` step at `at` from `state` itself, and sends what that step decides with its
 * continuation, as `sendMessages` would. One activity where there were two (`loadFriend`, then `sendMessages`).
 */
export interface LoadAndSendInput extends ProgressInput {
  loadFriend: { state: RunState; at: number };
}

/** The friend it loaded, and the send's outcome; `null` when the step after loading was not a send (nothing sent). */
export interface LoadAndSendResult {
  friend: FriendSnapshot;
  outcome: SendOutcome | null;
}

/** The effects a progress write records (everything but the commands the workflow itself carries out). */
export function isRecordEffect(e: Effect): e is RecordEffect {
  return e.kind === 'node_entered' || e.kind === 'node_left' || e.kind === 'apply_action' || e.kind === 'goal_reached' || e.kind === 'done';
}

export interface BeginRunResult {
  plan: CompiledPlan;
  friend: FriendSnapshot;
}

export type SendOutcome = { status: 'sent' | 'failed' | 'skipped'; reason?: string } | { status: 'held'; until: number; reason: string };

export interface EventSignal {
  event: FriendEvent;
  /** Our events.id, so a redelivered signal can be recognised. */
  eventId: string;
}
export type StopReason = 'blocked' | 'scenario_stopped' | 'operator';

export const eventSignal = defineSignal<[EventSignal]>('event');

/** Moves a run waiting at `fromNodeId` of `fromVersionId` onto `toVersionId`, waiting at `toNodeId` (lib/engine/migrate-runs.ts). */
export interface MigrateSignal {
  migrationId: string;
  fromVersionId: string;
  toVersionId: string;
  /** 'v3': how the run history names the version the friend moved to. */
  toVersionLabel: string;
  fromNodeId: string;
  toNodeId: string;
  policy: 'keep_instant' | 'from_entry';
}
export const migrateSignal = defineSignal<[MigrateSignal]>('migrate');

export interface MigrateRunInput {
  ctx: RunContext;
  state: RunState;
  migrate: MigrateSignal;
  /** The instant of the move (the workflow's clock). */
  at: number;
}
/** Moved: the run goes on with this plan and state. Not moved: it stays where it was (the reason is recorded on the item). */
export type MigrateRunResult = { moved: true; plan: CompiledPlan; state: RunState } | { moved: false; reason: string };
export const stopSignal = defineSignal<[{ reason: StopReason }]>('stop');

/** What the position query answers while a run is going: where it is, its id and how many sends it made. */
export interface RunReport extends RunPosition {
  runId: string;
  sends: number;
}
export const positionQuery = defineQuery<RunReport | null>('position');

// ── segment broadcast ──

export interface BroadcastProgress {
  scanned: number;
  matched: number;
  started: number;
  skipped: number;
  done: boolean;
}

export interface SegmentBroadcastInput {
  scenarioId: string;
  versionId: string;
  /** When the audience is evaluated and entered (epoch ms). */
  at: number;
  taskQueue: string;
  sendTaskQueue: string;
  pageSize?: number;
  /** Carried across continue-as-new: where paging resumes, and the totals so far. */
  cursor?: string | null;
  progress?: BroadcastProgress;
}

export const broadcastProgressQuery = defineQuery<BroadcastProgress>('progress');

export interface BroadcastPageInput {
  scenarioId: string;
  versionId: string;
  at: number;
  cursor: string | null;
  limit: number;
}

export interface BroadcastPage {
  scanned: number;
  entries: { friendId: string; workflowId: string; reEntry: ReEntry }[];
  nextCursor: string | null;
}

// ── retention ──

export interface RetentionInput {
  /** KIZUNA_RETENTION_DAYS, as the schedule was last written by a worker starting up. */
  retentionDays: number;
}

export interface PruneInput extends RetentionInput {
  /** The instant the cutoff is counted back from (epoch ms; the workflow's own clock). */
  now: number;
}

/** Rows changed per kind (db/queries/retention.ts). */
export interface PruneResult {
  webhookPayloads: number;
  outboxTexts: number;
  messageTexts: number;
  erasedFriendRows: number;
  doneDispatches: number;
}

// ── search attributes every run carries (the server indexes them for the runs' lists) ──

const saScenario = defineSearchAttributeKey('KizunaScenarioId', SearchAttributeType.KEYWORD);
const saVersion = defineSearchAttributeKey('KizunaVersionId', SearchAttributeType.KEYWORD);
const saFriend = defineSearchAttributeKey('KizunaFriendId', SearchAttributeType.KEYWORD);

export function runSearchAttributes(scenarioId: string, versionId: string, friendId: string): TypedSearchAttributes {
  return new TypedSearchAttributes([
    { key: saScenario, value: scenarioId },
    { key: saVersion, value: versionId },
    { key: saFriend, value: friendId },
  ]);
}

/** The update a run makes to its version attribute once it moved to another version (a migration). */
export function versionSearchAttribute(versionId: string): SearchAttributeUpdatePair[] {
  return [{ key: saVersion, value: versionId }];
}

// ── the activities the workflows call (worker/activities implements them; the names are in stored histories) ──

export interface WorkflowActivities {
  recordWiringCheck(input: { id: string; note: string }): Promise<void>;
  /** First step of a run without `start`: records the run row and returns the pinned plan and the friend. */
  beginRun(ctx: RunContext): Promise<BeginRunResult>;
  /** Records progress and returns a fresh friend snapshot. */
  loadFriend(input: ProgressInput): Promise<FriendSnapshot>;
  recordProgress(input: ProgressInput): Promise<void>;
  /** Runs on the send task queue: one send step, pushed to LINE exactly once. */
  sendMessages(input: SendInput): Promise<SendOutcome>;
  /** Runs on the send task queue: loads the friend, then the send step that follows, pushed to LINE exactly once. */
  loadFriendAndSend(input: LoadAndSendInput): Promise<LoadAndSendResult>;
  broadcastPage(input: BroadcastPageInput): Promise<BroadcastPage>;
  /** Moves a waiting run onto another version: records the move and returns the new plan and state. */
  migrateRun(input: MigrateRunInput): Promise<MigrateRunResult>;
  /** The retention job's one activity: prunes in batches, heartbeating between them. */
  pruneRetention(input: PruneInput): Promise<PruneResult>;
}
