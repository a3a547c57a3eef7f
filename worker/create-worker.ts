// Builds Kizuna's workers: the main queue (workflows + bookkeeping) and the rate-limited send queue.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DataConverter } from '@temporalio/common';
import { Worker, bundleWorkflowCode, type NativeConnection, type WorkflowBundle, type WorkflowBundleOption } from '@temporalio/worker';
import { PayloadEncryptionCodec } from '@/lib/temporal/payload-codec';
import { devPayloadKeys, type PayloadKey } from '@/lib/temporal/payload-keys';
import type { WorkflowActivities } from '@/workflows/contract';
import { createActivities } from './activities';
import type { ActivityDeps } from './deps';
import { createDbSendPacer } from './send-pacer';
import { pacedRate } from './send-slots';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
export const workflowsPath = path.join(root, 'workflows', 'index.ts');

/**
 * Modules evaluated once per worker thread instead of once per workflow run: the pure scenario core and its libraries
 * (zod schemas, luxon). Temporal re-runs every other module of the bundle for each new run, which cost most of a run's
 * CPU. They keep no per-run state (only pure memo caches), as sharing requires; the shared copies are deep-frozen.
 */
export const preloadModules = ['zod', 'luxon', path.join(root, 'scenario', 'interpret.ts')];

/** Failure messages and stack traces go into an encrypted payload (the workflow sandbox takes the converter by path). */
export const failureConverterPath = path.join(root, 'lib', 'temporal', 'failure-converter.cjs');

/** The workers' data converter: payloads encrypted with `keys` (the first encrypts; all decrypt), failures encoded. */
export function workerDataConverter(keys: readonly PayloadKey[] = devPayloadKeys()): DataConverter {
  return { failureConverterPath, payloadCodecs: [new PayloadEncryptionCodec(keys)] };
}

const quietLogger = { trace() {}, debug() {}, info() {}, warn() {}, error: console.error, log() {} };

/** Bundles the product's workflows, or another workflowsPath that re-exports them with more. */
export function bundleWorkflows(entry: string = workflowsPath): Promise<WorkflowBundle> {
  return bundleWorkflowCode({ workflowsPath: entry, preloadModules, failureConverterPath, logger: quietLogger as never });
}

export interface WorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  /** Sends run on their own queue, paced across all workers (without it, sendMessages runs here unpaced). */
  sendTaskQueue?: string;
  /** Pushes per second, a ceiling in every one-second window (LINE's push limit is 2,000/s; default 1,500/s). */
  sendRatePerSecond?: number;
  deps: ActivityDeps;
  /** The activities to register: by default createActivities(deps); a superset of them also does. */
  activities?: WorkflowActivities;
  /** A bundle made earlier (tests, or `{ codePath }` of the one `npm run build` writes); without it, bundled at start. */
  workflowBundle?: WorkflowBundleOption;
  /** KIZUNA_PAYLOAD_KEYS, parsed (worker/main.ts passes them); by default the dev key, as in tests and benches. */
  payloadKeys?: readonly PayloadKey[];
  /** Capacity (worker/capacity.ts): activities at once on this worker's queue, and workflows kept cached. */
  capacity?: { activitySlots?: number; maxCachedWorkflows?: number };
}

export async function createWorker(opts: WorkerOptions): Promise<Worker> {
  const activities = opts.activities ?? createActivities(opts.deps);
  const { sendMessages: _send, loadFriendAndSend: _loadAndSend, ...mainActivities } = activities;
  return Worker.create({
    connection: opts.connection,
    namespace: opts.namespace,
    taskQueue: opts.taskQueue,
    activities: opts.sendTaskQueue ? mainActivities : activities,
    dataConverter: workerDataConverter(opts.payloadKeys),
    ...(opts.capacity?.activitySlots ? { maxConcurrentActivityTaskExecutions: opts.capacity.activitySlots } : {}),
    ...(opts.capacity?.maxCachedWorkflows !== undefined ? { maxCachedWorkflows: opts.capacity.maxCachedWorkflows } : {}),
    // Bundled here rather than by Worker.create, whose bundler prints webpack's module lists at start.
    workflowBundle: opts.workflowBundle ?? (await bundleWorkflows()),
  });
}

export async function createSendWorker(opts: WorkerOptions & { sendTaskQueue: string }): Promise<Worker> {
  const rate = opts.sendRatePerSecond ?? 1500;
  // Kizuna's own pacer makes the rate a ceiling in every one-second window, shared by all workers of this queue through
  // PostgreSQL (worker/send-pacer.ts). Callers that pass `activities` build them over deps that carry their pacer.
  const deps = opts.deps.sendPacer ? opts.deps : { ...opts.deps, sendPacer: createDbSendPacer(opts.deps.db, opts.sendTaskQueue, rate) };
  const { sendMessages, loadFriendAndSend } = opts.activities ?? createActivities(deps);
  return Worker.create({
    connection: opts.connection,
    namespace: opts.namespace,
    taskQueue: opts.sendTaskQueue,
    activities: { sendMessages, loadFriendAndSend },
    dataConverter: workerDataConverter(opts.payloadKeys),
    ...(opts.capacity?.activitySlots ? { maxConcurrentActivityTaskExecutions: opts.capacity.activitySlots } : {}),
    // Server-side rate: it holds only on average (after an idle spell about a second's worth passes at once), so the
    // pacer sets the ceiling; set to the rate the pacer's slots add up to, it keeps the sends waiting for a slot mostly
    // in Temporal rather than in the workers.
    maxTaskQueueActivitiesPerSecond: pacedRate(rate),
  });
}
