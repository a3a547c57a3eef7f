// Full-stack harness: a test database, the LINE sandbox, the real app (next dev) and real workers polling the app's task queues.
import { randomBytes } from 'node:crypto';
import { Client, Connection, WorkflowNotFoundError } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { eq } from 'drizzle-orm';
import { inject } from 'vitest';
import { runs } from '../db/schema';
import { startLineSandbox, type LineSandbox } from '../devstack/line-sandbox/server';
import { workflowIdOfRun } from '../lib/engine/workflow-ids';
import { createSendWorker, createWorker } from '../worker/create-worker';
import { createWorkerDeps } from '../worker/deps';
import { startTestApp, type TestApp } from './app';
import { createTestDatabase, type TestDatabase } from './db';
import { quietRuntime, workflowBundle } from './temporal';

export const FULL_STACK_CHANNEL_SECRET = 'full-stack-line-channel-secret';
export const FULL_STACK_ACCESS_TOKEN = 'full-stack-line-access-token';
export const FULL_STACK_KIZUNA_SECRET = 'full-stack-kizuna-secret-0123456789';

export interface FullStack {
  tdb: TestDatabase;
  sandbox: LineSandbox;
  app: TestApp;
  client: Client;
  taskQueue: string;
  sendTaskQueue: string;
  /** Terminates the runs still active, stops the workers, the app, the sandbox and drops the database. */
  stop(): Promise<void>;
}

/**
 * Everything real: the sandbox phone's webhooks reach the app, the app starts runs on Temporal (its TEMPORAL_TASK_QUEUE),
 * and the workers started here (same queues) execute them and push to the sandbox.
 */
export async function startFullStack(opts: { distDir: string }): Promise<FullStack> {
  quietRuntime();
  const tdb = await createTestDatabase();
  const sandbox = await startLineSandbox({ channelSecret: FULL_STACK_CHANNEL_SECRET, channelAccessToken: FULL_STACK_ACCESS_TOKEN });
  const suffix = randomBytes(4).toString('hex');
  const taskQueue = `full-stack-${suffix}`;
  const sendTaskQueue = `full-stack-send-${suffix}`;
  const address = inject('temporalAddress');
  // The app's first compile and webpack's workflow bundle are the slow parts: do them at once.
  const started = await Promise.all([
    startTestApp({
      databaseUrl: tdb.url,
      env: {
        // A dist dir of our own: other browser tests may run `next dev` at the same time.
        NEXT_DIST_DIR: opts.distDir,
        LINE_API_BASE_URL: sandbox.url,
        LINE_SANDBOX_URL: sandbox.url,
        LINE_CHANNEL_SECRET: FULL_STACK_CHANNEL_SECRET,
        LINE_CHANNEL_ACCESS_TOKEN: FULL_STACK_ACCESS_TOKEN,
        KIZUNA_SECRET: FULL_STACK_KIZUNA_SECRET,
        KIZUNA_DEV_MODE: 'true',
        TEMPORAL_TASK_QUEUE: taskQueue,
        TEMPORAL_SEND_TASK_QUEUE: sendTaskQueue,
      },
    }),
    workflowBundle(),
  ]).catch(async (err: unknown) => {
    await sandbox.close();
    await tdb.drop();
    throw err;
  });
  const [app, bundle] = started;
  sandbox.state.config.webhookUrl = `${app.url}/api/line/webhook`;

  const connection = await Connection.connect({ address });
  const client = new Client({ connection });
  const nativeConnection = await NativeConnection.connect({ address });
  // The worker's own root, built as worker/main.ts builds it, from the test's services instead of the environment.
  const deps = createWorkerDeps(
    {
      databaseUrl: tdb.url,
      namespace: 'default',
      taskQueue,
      sendTaskQueue,
      line: { channelAccessToken: FULL_STACK_ACCESS_TOKEN, baseURL: sandbox.url },
      links: { baseUrl: app.url, secret: FULL_STACK_KIZUNA_SECRET },
    },
    nativeConnection,
  );
  const common = { connection: nativeConnection, namespace: 'default', taskQueue, sendTaskQueue, deps };
  const workers: Worker[] = await Promise.all([createWorker({ ...common, workflowBundle: bundle }), createSendWorker(common)]);
  const failures: unknown[] = [];
  const running = Promise.all(workers.map((w) => w.run().catch((err: unknown) => void failures.push(err))));

  return {
    tdb,
    sandbox,
    app,
    client,
    taskQueue,
    sendTaskQueue,
    stop: async () => {
      // Runs parked in a real-time wait would otherwise stay on the shared Temporal server.
      for (const r of await tdb.db.select({ id: runs.id }).from(runs).where(eq(runs.status, 'active'))) {
        await client.workflow
          .getHandle(workflowIdOfRun(r.id))
          .terminate('test finished')
          .catch((err: unknown) => {
            if (!(err instanceof WorkflowNotFoundError)) throw err;
          });
      }
      for (const w of workers) if (w.getState() === 'RUNNING') w.shutdown();
      await running;
      await deps.close();
      await nativeConnection.close();
      await connection.close();
      await app.stop();
      await sandbox.close();
      await tdb.drop();
      if (failures.length > 0) throw new Error(`a worker failed: ${String(failures[0])}`);
    },
  };
}
