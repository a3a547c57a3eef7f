// The retention job: one activity that prunes message texts and webhook payloads past the retention period and sweeps
// erased friends' tombstones; started daily by the worker's `kizuna-retention` schedule (worker/retention-schedule.ts).
import { proxyActivities } from '@temporalio/workflow';
import type { RetentionWorkflow, WorkflowActivities } from './contract';

const { pruneRetention } = proxyActivities<WorkflowActivities>({
  // Batches of a few thousand rows each; the heartbeat says the activity is alive between them.
  startToCloseTimeout: '2 hours',
  heartbeatTimeout: '5 minutes',
  retry: { initialInterval: '1 minute', backoffCoefficient: 2, maximumInterval: '30 minutes', maximumAttempts: 5 },
});

export const retention: RetentionWorkflow = async function retention(input) {
  // Workflow time: the schedule's start instant, recorded in the history (replay-safe).
  return pruneRetention({ retentionDays: input.retentionDays, now: Date.now() });
};
