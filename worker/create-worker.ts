// Builds Kizuna's workers: the main queue (workflows + bookkeeping) and the rate-limited send queue.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, bundleWorkflowCode, type NativeConnection, type WorkflowBundle } from '@temporalio/worker';
import type { WorkflowActivities } from '@/workflows/contract';
import { createActivities } from './activities';
import type { ActivityDeps } from './deps';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
export const workflowsPath = path.join(root, 'workflows', 'index.ts');

/**
 * Modules evaluated once per worker thread instead of once per workflow run: the pure scenario core and its libraries
 * (zod schemas, luxon). Temporal re-runs every other module of the bundle for each new run, which cost most of a run's
 * CPU. They keep no per-run state (only pure memo caches), as sharing requires; the shared copies are deep-frozen.
 */
export const preloadModules = ['zod', 'luxon', path.join(root, 'scenario', 'interpret.ts')];

const quietLogger = { trace() {}, debug() {}, info() {}, warn() {}, error: console.error, log() {} };

/** Bundles the product's workflows, or another workflowsPath that re-exports them with more. */
export function bundleWorkflows(entry: string = workflowsPath): Promise<WorkflowBundle> {
  return bundleWorkflowCode({ workflowsPath: entry, preloadModules, logger: quietLogger as never });
}

export interface WorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  /** Sends run on their own queue, paced by the server across all workers. */
  sendTaskQueue?: string;
  /** LINE push limit is 2,000/s; default 1,500/s leaves headroom. */
  sendRatePerSecond?: number;
  deps: ActivityDeps;
  /** The activities to register: by default createActivities(deps); a superset of them also does. */
  activities?: WorkflowActivities;
  workflowBundle?: WorkflowBundle;
}

export async function createWorker(opts: WorkerOptions): Promise<Worker> {
  const activities = opts.activities ?? createActivities(opts.deps);
  const { sendMessages: _send, ...mainActivities } = activities;
  return Worker.create({
    connection: opts.connection,
    namespace: opts.namespace,
    taskQueue: opts.taskQueue,
    activities: opts.sendTaskQueue ? mainActivities : activities,
    ...(opts.workflowBundle ? { workflowBundle: opts.workflowBundle } : { workflowsPath, bundlerOptions: { preloadModules } }),
  });
}

export async function createSendWorker(opts: WorkerOptions & { sendTaskQueue: string }): Promise<Worker> {
  const { sendMessages } = opts.activities ?? createActivities(opts.deps);
  return Worker.create({
    connection: opts.connection,
    namespace: opts.namespace,
    taskQueue: opts.sendTaskQueue,
    activities: { sendMessages },
    // Server-side rate: holds across any number of worker processes polling this queue.
    maxTaskQueueActivitiesPerSecond: opts.sendRatePerSecond ?? 1500,
  });
}
