// Starts a segment-broadcast version's parent workflow (by the dispatcher, from the row publishing wrote).
import { broadcastInstant } from '@/scenario/broadcast';
import type { CompiledPlan } from '@/scenario/compile';
import { SEGMENT_BROADCAST_WORKFLOW, type SegmentBroadcastInput, type SegmentBroadcastWorkflow } from '@/workflows/contract';
import type { EngineDeps } from './deps';

/** A segment-broadcast version gets one parent workflow that enters its audience at the send time. */
export async function scheduleBroadcast(deps: EngineDeps, args: { scenarioId: string; versionId: string; plan: CompiledPlan }) {
  const at = broadcastInstant(args.plan);
  if (at === null) return null;
  const input: SegmentBroadcastInput = {
    scenarioId: args.scenarioId,
    versionId: args.versionId,
    at,
    taskQueue: deps.taskQueue,
    sendTaskQueue: deps.sendTaskQueue,
  };
  const workflowId = `broadcast-${args.versionId}`;
  await deps.temporal.workflow.start<SegmentBroadcastWorkflow>(SEGMENT_BROADCAST_WORKFLOW, {
    taskQueue: deps.taskQueue,
    workflowId,
    args: [input],
  });
  return workflowId;
}
