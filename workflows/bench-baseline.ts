// Benchmark baseline only: the cheapest useful workflow (one no-op activity), to compare the engine against.
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../worker/activities';

const { benchNoop } = proxyActivities<Activities>({ startToCloseTimeout: '30 seconds' });

export async function benchBaseline(id: string): Promise<number> {
  return benchNoop(id);
}
