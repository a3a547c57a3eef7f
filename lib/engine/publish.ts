// Publishing: validate + compile the draft on the server, store an immutable version, schedule its broadcast if any.
import 'server-only';
import { insertVersion } from '@/db/queries/scenario-versions';
import { lockScenario, setLiveVersion } from '@/db/queries/scenarios';
import { broadcastInstant } from '@/scenario/broadcast';
import type { CompiledPlan } from '@/scenario/compile';
import { SEGMENT_BROADCAST_WORKFLOW, type SegmentBroadcastInput, type SegmentBroadcastWorkflow } from '@/workflows/contract';
import { compileDraft } from './compile-draft';
import type { EngineDeps } from './deps';

export async function publishScenario(deps: EngineDeps, args: { scenarioId: string; publishedBy: string }) {
  const published = await deps.db.transaction(async (tx) => {
    const { row, plan } = await compileDraft(tx, args.scenarioId);
    // Serialise publishes of one scenario (version numbers are per scenario).
    await lockScenario(tx, args.scenarioId);
    const v = await insertVersion(tx, { scenarioId: row.id, graph: row.draft, plan, publishedBy: args.publishedBy });
    await setLiveVersion(tx, row.id, { versionId: v.id, status: row.status === 'paused' ? 'paused' : 'live' });
    return { versionId: v.id, version: v.version, hash: plan.hash, plan };
  });
  const { plan, ...result } = published;
  await scheduleBroadcast(deps, { scenarioId: args.scenarioId, versionId: result.versionId, plan });
  return result;
}

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
