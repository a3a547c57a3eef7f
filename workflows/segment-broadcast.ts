// A segment broadcast: at its send time, pages through the audience and starts each friend's run in bounded batches.
import {
  ParentClosePolicy,
  WorkflowIdReusePolicy,
  continueAsNew,
  proxyActivities,
  setHandler,
  sleep,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import {
  FRIEND_SCENARIO_WORKFLOW,
  broadcastProgressQuery,
  runSearchAttributes,
  type BroadcastProgress,
  type FriendScenarioInput,
  type FriendScenarioWorkflow,
  type SegmentBroadcastInput,
  type SegmentBroadcastWorkflow,
  type WorkflowActivities,
} from './contract';

const { broadcastPage } = proxyActivities<WorkflowActivities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
});

const BATCH = 50;

export const segmentBroadcast: SegmentBroadcastWorkflow = async function segmentBroadcast(
  input: SegmentBroadcastInput,
): Promise<BroadcastProgress> {
  const progress: BroadcastProgress = input.progress ?? { scanned: 0, matched: 0, started: 0, skipped: 0, done: false };
  setHandler(broadcastProgressQuery, () => progress);
  if (Date.now() < input.at) await sleep(input.at - Date.now());
  let cursor = input.cursor ?? null;
  for (let pages = 0; ; pages++) {
    if (pages >= 20 || workflowInfo().continueAsNewSuggested) {
      await continueAsNew<typeof segmentBroadcast>({ ...input, cursor, progress });
    }
    const page = await broadcastPage({
      scenarioId: input.scenarioId,
      versionId: input.versionId,
      at: input.at,
      cursor,
      limit: input.pageSize ?? 500,
    });
    progress.scanned += page.scanned;
    progress.matched += page.entries.length;
    for (let i = 0; i < page.entries.length; i += BATCH) {
      const results = await Promise.allSettled(
        page.entries.slice(i, i + BATCH).map((e) => {
          const args: FriendScenarioInput = {
            scenarioId: input.scenarioId,
            versionId: input.versionId,
            friendId: e.friendId,
            sendTaskQueue: input.sendTaskQueue,
          };
          return startChild<FriendScenarioWorkflow>(FRIEND_SCENARIO_WORKFLOW, {
            workflowId: e.workflowId,
            taskQueue: input.taskQueue,
            args: [args],
            parentClosePolicy: ParentClosePolicy.ABANDON,
            workflowIdReusePolicy: e.reEntry === 'once' ? WorkflowIdReusePolicy.REJECT_DUPLICATE : WorkflowIdReusePolicy.ALLOW_DUPLICATE,
            typedSearchAttributes: runSearchAttributes(input.scenarioId, input.versionId, e.friendId),
          });
        }),
      );
      for (const r of results) {
        if (r.status === 'fulfilled') progress.started++;
        else progress.skipped++; // already running or already entered: duplicates collapse on the workflow id
      }
    }
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  progress.done = true;
  return progress;
};
