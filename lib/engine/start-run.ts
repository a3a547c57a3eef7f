// Starts one friend's run of a scenario version on Temporal, honouring the re-entry policy.
import { WorkflowExecutionAlreadyStartedError, WorkflowIdConflictPolicy, WorkflowIdReusePolicy } from '@temporalio/client';
import { loadEntrySnapshot } from '@/db/queries/friend-snapshot';
import type { CompiledPlan } from '@/scenario/compile';
import { mayEnter, triggerOf } from '@/scenario/entry';
import { FRIEND_SCENARIO_WORKFLOW, runSearchAttributes, type FriendScenarioInput, type FriendScenarioWorkflow } from '@/workflows/contract';
import type { EngineDeps } from './deps';
import { runWorkflowId, testRunWorkflowId } from './workflow-ids';

export interface StartRunArgs {
  scenarioId: string;
  versionId: string;
  plan: CompiledPlan;
  friendId: string;
  /** Distinguishes entries when the policy is `always` (an event id, a broadcast id…). */
  entryKey: string;
  triggerEvent?: { name: string; properties: Record<string, unknown> } | null;
  test?: { compress: number; at: number };
}

export type StartRunResult =
  | { started: true; workflowId: string }
  | { started: false; reason: 'duplicate'; workflowId: string }
  | { started: false; reason: 'not_eligible' };

export async function startFriendRun(deps: EngineDeps, args: StartRunArgs): Promise<StartRunResult> {
  const reEntry = triggerOf(args.plan)?.reEntry ?? 'once';
  // One statement: the friend as the run starts from it (so the run needs no first activity) and their past runs.
  const entry = await loadEntrySnapshot(deps.db, args.friendId, args.scenarioId);
  if (!entry) return { started: false, reason: 'not_eligible' };
  if (!args.test && !mayEnter(reEntry, entry.history)) return { started: false, reason: 'not_eligible' };
  const { friend } = entry;
  const workflowId = args.test
    ? testRunWorkflowId(args.scenarioId, args.friendId, args.test.at)
    : runWorkflowId(args.scenarioId, args.friendId, reEntry, args.entryKey);
  const input: FriendScenarioInput = {
    scenarioId: args.scenarioId,
    versionId: args.versionId,
    friendId: args.friendId,
    isTest: Boolean(args.test),
    compress: args.test?.compress ?? 1,
    triggerEvent: args.triggerEvent ?? null,
    sendTaskQueue: deps.sendTaskQueue,
    start: { plan: args.plan, friend },
  };
  try {
    await deps.temporal.workflow.start<FriendScenarioWorkflow>(FRIEND_SCENARIO_WORKFLOW, {
      taskQueue: deps.taskQueue,
      workflowId,
      args: [input],
      // `once` never reuses an id; the others may re-enter after the previous run closed.
      workflowIdReusePolicy: reEntry === 'once' ? WorkflowIdReusePolicy.REJECT_DUPLICATE : WorkflowIdReusePolicy.ALLOW_DUPLICATE,
      workflowIdConflictPolicy: WorkflowIdConflictPolicy.FAIL,
      typedSearchAttributes: runSearchAttributes(args.scenarioId, args.versionId, args.friendId),
    });
    return { started: true, workflowId };
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return { started: false, reason: 'duplicate', workflowId };
    throw err;
  }
}
