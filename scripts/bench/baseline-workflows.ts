// bench:engine's baselines: the cheapest useful workflows (one no-op activity), to compare the engine against.
import { proxyActivities } from '@temporalio/workflow';
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
