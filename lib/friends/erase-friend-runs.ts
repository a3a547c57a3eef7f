// An erased friend's Temporal runs: terminated for good (a stop signal would let the run finish its step and write),
// then their histories deleted, since they hold the friend's snapshot (LINE user id, name, attributes) and the texts
// sent. Runs are found by their rows in PostgreSQL and by the KizunaFriendId search attribute (a run started seconds
// ago may not have written its row yet).
import 'server-only';
import { WorkflowNotFoundError, isGrpcServiceError, type Client } from '@temporalio/client';
import { activeRunsOfFriend } from '@/db/queries/runs';
import type { DbOrTx } from '@/db/client';
import { workflowIdOfRun } from '../engine/workflow-ids';
import { logError } from '../log';

const GRPC_NOT_FOUND = 5;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The visibility query for the friend's workflows (the id is a uuid we checked, so it is quoted safely). */
function friendQuery(friendId: string, runningOnly: boolean): string {
  if (!UUID.test(friendId)) throw new Error('a friend id is a uuid');
  return `KizunaFriendId = '${friendId}'${runningOnly ? ` AND ExecutionStatus = 'Running'` : ''}`;
}

async function listWorkflows(temporal: Client, query: string): Promise<{ workflowId: string; runId: string }[]> {
  const found: { workflowId: string; runId: string }[] = [];
  for await (const wf of temporal.workflow.list({ query })) found.push({ workflowId: wf.workflowId, runId: wf.runId });
  return found;
}

/**
 * Terminates every running workflow of the friend; answers how many were still running. A workflow that closed in
 * the meantime is not an error; any other failure is (the erasure must not go on while a run could still send).
 */
export async function terminateFriendRuns(deps: { db: DbOrTx; temporal: Client }, friendId: string): Promise<number> {
  const ids = new Set((await activeRunsOfFriend(deps.db, friendId)).map((r) => workflowIdOfRun(r.id)));
  for (const wf of await listWorkflows(deps.temporal, friendQuery(friendId, true))) ids.add(wf.workflowId);
  const terminated = await Promise.all(
    [...ids].map(async (workflowId) => {
      try {
        await deps.temporal.workflow.getHandle(workflowId).terminate('friend erased');
        return true;
      } catch (err) {
        if (err instanceof WorkflowNotFoundError) return false;
        throw err;
      }
    }),
  );
  return terminated.filter(Boolean).length;
}

/**
 * Deletes the histories of the friend's (terminated or finished) workflows; answers how many could not be deleted.
 * Those are logged and left to the namespace's retention period: by then the database holds nothing of the friend.
 */
export async function deleteFriendHistories(temporal: Client, friendId: string): Promise<number> {
  let failed = 0;
  for (const wf of await listWorkflows(temporal, friendQuery(friendId, false))) {
    try {
      await temporal.workflowService.deleteWorkflowExecution({
        namespace: temporal.options.namespace,
        workflowExecution: { workflowId: wf.workflowId, runId: wf.runId },
      });
    } catch (err) {
      if (isGrpcServiceError(err) && err.code === GRPC_NOT_FOUND) continue;
      failed += 1;
      logError(`could not delete the history of workflow ${wf.workflowId} (an erased friend's run)`, err);
    }
  }
  return failed;
}
