// The worker's capacity, set on purpose from the environment: one PostgreSQL pool shared by the main queue's activities,
// the sends and the dispatcher, and how many workflows stay cached (BENCHMARKS.md, "Worker capacity", measures the trade-off).
import type { Env } from '@/lib/env';

export interface WorkerCapacity {
  dbPool: number;
  /** Main-queue activities at once: each holds one pooled connection at a time, so the pool is the natural ceiling. */
  activitySlots: number;
  /** Sends at once: they wait on LINE and on their pacer slot without a connection, so twice the pool keeps LINE busy. */
  sendSlots: number;
  maxCachedWorkflows: number;
}

export function workerCapacity(
  e: Pick<
    Env,
    'KIZUNA_WORKER_DB_POOL' | 'KIZUNA_WORKER_ACTIVITY_SLOTS' | 'KIZUNA_WORKER_SEND_SLOTS' | 'KIZUNA_WORKER_MAX_CACHED_WORKFLOWS'
  >,
): WorkerCapacity {
  return {
    dbPool: e.KIZUNA_WORKER_DB_POOL,
    activitySlots: e.KIZUNA_WORKER_ACTIVITY_SLOTS ?? e.KIZUNA_WORKER_DB_POOL,
    sendSlots: e.KIZUNA_WORKER_SEND_SLOTS ?? 2 * e.KIZUNA_WORKER_DB_POOL,
    maxCachedWorkflows: e.KIZUNA_WORKER_MAX_CACHED_WORKFLOWS,
  };
}
