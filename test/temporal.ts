// Connects tests to the shared Temporal dev server and runs a real worker against a test database.
import { randomBytes } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, makeTelemetryFilterString, type Worker, type WorkflowBundle } from '@temporalio/worker';
import { inject } from 'vitest';
import { clientDataConverter } from '../lib/temporal/data-converter';
import { devPayloadKeys } from '../lib/temporal/payload-keys';
import { bundleWorkflows, createWorker } from '../worker/create-worker';
import type { ActivityDeps } from '../worker/deps';

let runtimeInstalled = false;
/** Keeps the SDK and its core quiet in test output (errors only). */
export function quietRuntime() {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  try {
    Runtime.install({
      logger: new DefaultLogger('ERROR'),
      telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'ERROR' }), forward: {} } },
    });
  } catch {
    // Already installed by an earlier file in this worker thread.
  }
}

let bundle: Promise<WorkflowBundle> | undefined;
/** Bundled once per test file (webpack is the slow part). */
export function workflowBundle(): Promise<WorkflowBundle> {
  bundle ??= bundleWorkflows();
  return bundle;
}

export interface TestTemporal {
  client: Client;
  taskQueue: string;
  worker: Worker;
  /** Runs `fn` while the worker polls, then shuts the worker down. */
  withWorker<T>(fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export async function createTestTemporal(deps: ActivityDeps): Promise<TestTemporal> {
  quietRuntime();
  const address = inject('temporalAddress');
  const taskQueue = `test-${randomBytes(4).toString('hex')}`;
  const connection = await Connection.connect({ address });
  // Payloads encrypted as in production (the dev key, as the workers' default and the app's without KIZUNA_PAYLOAD_KEYS).
  const client = new Client({ connection, dataConverter: clientDataConverter(devPayloadKeys()) });
  const nativeConnection = await NativeConnection.connect({ address });
  const worker = await createWorker({
    connection: nativeConnection,
    namespace: 'default',
    taskQueue,
    deps,
    workflowBundle: await workflowBundle(),
  });
  return {
    client,
    taskQueue,
    worker,
    withWorker: (fn) => worker.runUntil(fn()),
    close: async () => {
      await nativeConnection.close();
      await connection.close();
    },
  };
}
