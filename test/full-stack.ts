// Full-stack harness: a test database, the LINE sandbox, the real app (next dev) and real workers polling the app's task queues.
import { randomBytes } from 'node:crypto';
import { Client, Connection, WorkflowNotFoundError } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { eq } from 'drizzle-orm';
import type { BrowserContext, Page } from 'playwright-core';
import { inject } from 'vitest';
import type { DbOrTx } from '../db/client';
import { runs } from '../db/schema';
import { startLineSandbox, type LineSandbox } from '../devstack/line-sandbox/server';
import { workflowIdOfRun } from '../lib/engine/workflow-ids';
import { createOperator, setOperatorFlags, type OperatorRow } from '../lib/auth/manage-operators';
import { clientDataConverter } from '../lib/temporal/data-converter';
import { devPayloadKeys } from '../lib/temporal/payload-keys';
import type { Role } from '../lib/auth/roles';
import { createSendWorker, createWorker } from '../worker/create-worker';
import { createWorkerDeps } from '../worker/deps';
import { startDispatcher } from '../lib/engine/dispatcher';
import { startTestApp, type TestApp } from './app';
import { createTestDatabase, type TestDatabase } from './db';
import { browserCookie, signInOverHttp, testAuth, TEST_PASSWORD } from './operators';
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
  /**
   * A new operator with `role`, signed in to the app; the session cookie is put in the page's (or context's) browser
   * context, or only returned (null), e.g. for API calls made with fetch.
   */
  signIn(target: Page | BrowserContext | null, role: Role, opts?: SignInOptions): Promise<SignedIn>;
  /** Terminates the runs still active, stops the workers, the app, the sandbox and drops the database. */
  stop(): Promise<void>;
}

export interface SignInOptions {
  /** The separate friends-export grant (owners have it anyway). */
  canExportFriends?: boolean;
  email?: string;
}

export interface SignedIn {
  row: OperatorRow;
  email: string;
  password: string;
  /** `kizuna.session_token=…`, for a Cookie header on requests made outside the browser. */
  cookie: string;
}

/**
 * Creates an operator with `role` in the app's database and signs them in through the app's own /api/auth endpoint
 * (so the cookie is signed with whatever secret the app runs with); with a target, the cookie goes into its browser
 * context, so every page opened there is signed in. Used by browser tests that start the app with startTestApp too.
 */
export async function signInAs(
  app: { db: DbOrTx; appUrl: string },
  role: Role,
  target: Page | BrowserContext | null = null,
  opts: SignInOptions = {},
): Promise<SignedIn> {
  const email = opts.email ?? `${role}-${randomBytes(4).toString('hex')}@kizuna.test`;
  // The auth instance only hashes the password here; the session itself comes from the running app.
  const created = await createOperator(testAuth(app.db), app.db, { email, role, password: TEST_PASSWORD });
  const row = opts.canExportFriends ? await setOperatorFlags(app.db, created.id, { canExportFriends: true }) : created;
  const cookie = await signInOverHttp(app.appUrl, email);
  if (target) {
    const context = 'addCookies' in target ? target : target.context();
    await context.addCookies([browserCookie(app.appUrl, cookie)]);
  }
  return { row, email, password: TEST_PASSWORD, cookie };
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
  const client = new Client({ connection, dataConverter: clientDataConverter(devPayloadKeys()) });
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
  // The worker process's dispatcher: what the app writes (follows, events, tags, stops) reaches Temporal through it.
  const dispatcher = startDispatcher(deps.engine, { listen: deps.listen });

  return {
    tdb,
    sandbox,
    app,
    client,
    taskQueue,
    sendTaskQueue,
    signIn: (target, role, opts) => signInAs({ db: tdb.db, appUrl: app.url }, role, target, opts),
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
      await dispatcher.stop();
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
