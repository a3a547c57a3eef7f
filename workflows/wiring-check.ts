// A trivial workflow that runs one activity: proves client → server → worker → PostgreSQL.
import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { WiringCheckWorkflow, WorkflowActivities } from './contract';

const { recordWiringCheck } = proxyActivities<WorkflowActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumAttempts: 5 },
});

export const wiringCheck: WiringCheckWorkflow = async function wiringCheck(note: string): Promise<string> {
  const id = workflowInfo().workflowId;
  await recordWiringCheck({ id, note });
  return id;
};
