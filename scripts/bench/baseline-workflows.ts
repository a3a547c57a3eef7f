// bench:engine's baselines: the cheapest useful workflows (one no-op activity), to compare the engine against.
import { ParentClosePolicy, continueAsNew, proxyActivities, sleep, startChild, workflowInfo } from '@temporalio/workflow';
import { runSearchAttributes } from '../../workflows/contract';
import type { BenchActivities } from './activities';

const { benchNoop } = proxyActivities<BenchActivities>({ startToCloseTimeout: '30 seconds' });

/** The baseline: the no-op runs on the workflow's own queue (so the SDK runs it eagerly). */
export async function benchBaseline(id: string): Promise<number> {
  return benchNoop(id);
}

/** The same no-op on another queue (the bench gives it a server-side rate, like the send queue): never eager. */
export async function benchBaselineOwnQueue(id: string, activityQueue: string): Promise<number> {
  const { benchNoop: noop } = proxyActivities<BenchActivities>({ taskQueue: activityQueue, startToCloseTimeout: '30 seconds' });
  return noop(id);
}

export interface BaselineParentInput {
  /** When to start the children (epoch ms), as a broadcast waits for its send time. */
  at: number;
  n: number;
  /** Children `${prefix}0` … `${prefix}${n - 1}`; each carries the runs' three search attributes. */
  prefix: string;
  activityQueue: string;
  scenarioId: string;
  versionId: string;
  from?: number;
}

/**
 * bench:broadcast's baseline: a parent that starts `n` shaped baselines as the segment broadcast starts its friends'
 * runs (pages of 500 in batches of 50, abandoned children, continue-as-new every 20 pages), without reading an audience.
 */
export async function benchBaselineParent(input: BaselineParentInput): Promise<number> {
  if (Date.now() < input.at) await sleep(input.at - Date.now());
  let i = input.from ?? 0;
  for (let pages = 0; i < input.n; pages++) {
    if (pages >= 20 || workflowInfo().continueAsNewSuggested) await continueAsNew<typeof benchBaselineParent>({ ...input, from: i });
    const end = Math.min(input.n, i + 500);
    for (; i < end; i += 50) {
      const ids = Array.from({ length: Math.min(50, end - i) }, (_, k) => `${input.prefix}${i + k}`);
      await Promise.allSettled(
        ids.map((id) =>
          startChild(benchBaselineOwnQueue, {
            workflowId: id,
            args: [id, input.activityQueue],
            parentClosePolicy: ParentClosePolicy.ABANDON,
            typedSearchAttributes: runSearchAttributes(input.scenarioId, input.versionId, id),
          }),
        ),
      );
    }
  }
  return i;
}
