// Engine harness: a test database, the LINE sandbox, and real workers on Temporal (time-skipping or dev server).
import { randomBytes } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { inject } from 'vitest';
import { friends, scenarios } from '../db/schema';
import { insertVersion } from '../db/queries/scenario-versions';
import { startLineSandbox, type LineSandbox } from '../devstack/line-sandbox/server';
import { ensureTemporalBinary, searchAttributes } from '../devstack/temporal';
import { temporal } from '@temporalio/proto';
import type { EngineDeps } from '../lib/engine/deps';
import { startDispatcher, type Dispatcher } from '../lib/engine/dispatcher';
import { clientDataConverter } from '../lib/temporal/data-converter';
import { devPayloadKeys, type PayloadKey } from '../lib/temporal/payload-keys';
import { compile } from '../scenario/compile';
import type { ScenarioGraphInput } from '../scenario/schema';
import { createSendWorker, createWorker } from '../worker/create-worker';
import { activityDeps as buildActivityDeps, type ActivityDeps } from '../worker/deps';
import { createTestDatabase, type TestDatabase } from './db';
import { quietRuntime, workflowBundle } from './temporal';

export interface EngineHarness {
  tdb: TestDatabase;
  sandbox: LineSandbox;
  client: Client;
  deps: EngineDeps;
  activityDeps: ActivityDeps;
  /** The trigger outbox's dispatcher, running as in the worker (facts written to the database reach Temporal). */
  dispatcher: Dispatcher;
  env?: TestWorkflowEnvironment;
  taskQueue: string;
  sendTaskQueue: string;
  nativeConnection: NativeConnection;
  /** The payload keys of the client and the workers (the first encrypts). */
  payloadKeys: readonly PayloadKey[];
  /** A main and a send worker; `ownConnection` gives them a connection of their own (a second worker process). */
  newWorkers(opts?: { sendRatePerSecond?: number; ownConnection?: boolean }): Promise<Worker[]>;
  /** Runs `fn` while a main and a send worker poll. */
  withWorkers<T>(fn: () => Promise<T>, opts?: { sendRatePerSecond?: number }): Promise<T>;
  close(): Promise<void>;
}

export async function createEngineHarness(opts: {
  timeSkipping: boolean;
  pushPerSecond?: number;
  /** By default the dev key (the app's without KIZUNA_PAYLOAD_KEYS). */
  payloadKeys?: readonly PayloadKey[];
  /** `false`: no dispatcher (a drill starts its own, over a connection it can cut). */
  dispatcher?: boolean;
}): Promise<EngineHarness> {
  quietRuntime();
  const payloadKeys = opts.payloadKeys ?? devPayloadKeys();
  // Every client and worker of the harness encrypts payloads, as in production.
  const dataConverter = clientDataConverter(payloadKeys);
  const tdb = await createTestDatabase();
  const sandbox = await startLineSandbox({
    acceptUnknownUsers: true,
    limits: { pushPerSecond: opts.pushPerSecond ?? 100_000, multicastPerSecond: 100_000 },
  });
  let env: TestWorkflowEnvironment | undefined;
  let client: Client;
  let nativeConnection: NativeConnection;
  let connection: Connection | undefined;
  if (opts.timeSkipping) {
    env = await TestWorkflowEnvironment.createTimeSkipping({
      client: { dataConverter },
      server: { executable: { type: 'existing-path', path: ensureTemporalBinary('temporal-test-server') } },
    });
    client = env.client;
    nativeConnection = env.nativeConnection;
    await env.connection.operatorService.addSearchAttributes({
      namespace: 'default',
      searchAttributes: Object.fromEntries(
        searchAttributes.map((sa) => [sa.split('=')[0], temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD]),
      ),
    });
  } else {
    const address = inject('temporalAddress');
    connection = await Connection.connect({ address });
    client = new Client({ connection, dataConverter });
    nativeConnection = await NativeConnection.connect({ address });
  }
  const suffix = randomBytes(4).toString('hex');
  const taskQueue = `engine-${suffix}`;
  const sendTaskQueue = `send-${suffix}`;
  // The app's engine deps and the worker's activity deps over the test's database and client (as each process's root
  // builds them over its own).
  const deps: EngineDeps = { db: tdb.db, temporal: client, taskQueue, sendTaskQueue };
  const activityDeps: ActivityDeps = buildActivityDeps(
    {
      taskQueue,
      sendTaskQueue,
      line: { channelAccessToken: 'test-token', baseURL: sandbox.url },
      links: { baseUrl: 'http://127.0.0.1:3999', secret: 'test-secret-test-secret' },
    },
    { db: tdb.db },
  );
  const dispatcher: Dispatcher =
    opts.dispatcher === false
      ? { wake: () => {}, drain: async () => {}, stop: async () => {} }
      : startDispatcher(deps, { listen: (channel, fn) => tdb.db.$client.listen(channel, fn) });
  const extraConnections: NativeConnection[] = [];
  const newWorkers = async (w: { sendRatePerSecond?: number; ownConnection?: boolean } = {}) => {
    let connectionForWorkers = nativeConnection;
    if (w.ownConnection) {
      connectionForWorkers = await NativeConnection.connect({ address: inject('temporalAddress') });
      extraConnections.push(connectionForWorkers);
    }
    const common = { connection: connectionForWorkers, namespace: 'default', taskQueue, sendTaskQueue, deps: activityDeps, payloadKeys };
    return Promise.all([
      createWorker({ ...common, workflowBundle: await workflowBundle() }),
      createSendWorker({ ...common, sendRatePerSecond: w.sendRatePerSecond ?? 1500 }),
    ]);
  };
  return {
    tdb,
    sandbox,
    client,
    deps,
    activityDeps,
    dispatcher,
    ...(env ? { env } : {}),
    taskQueue,
    sendTaskQueue,
    nativeConnection,
    payloadKeys,
    newWorkers,
    withWorkers: async (fn, w) => {
      const [main, send] = await newWorkers(w);
      return send!.runUntil(main!.runUntil(fn()));
    },
    close: async () => {
      // Everything Kizuna sent must be a request LINE would accept (the sandbox validates against LINE's OpenAPI).
      const invalid = sandbox.invalidRequests();
      await dispatcher.stop();
      for (const c of extraConnections) await c.close();
      if (env) await env.teardown();
      else {
        await nativeConnection.close();
        await connection?.close();
      }
      await sandbox.close();
      await tdb.drop();
      if (invalid.length > 0)
        throw new Error(`the LINE sandbox refused ${invalid.length} request(s) from Kizuna: ${JSON.stringify(invalid.slice(0, 3))}`);
    },
  };
}

/** Stores a scenario and publishes `graph` as its only live version (others are stopped); returns ids and the plan. */
/** `alongside`: the other live scenarios stay live (a drill with two triggers). */
export async function publishGraph(
  h: EngineHarness,
  graph: ScenarioGraphInput,
  name = 'test scenario',
  opts: { alongside?: boolean } = {},
) {
  const plan = compile(graph);
  if (!opts.alongside) await h.tdb.db.update(scenarios).set({ status: 'stopped' });
  const [s] = await h.tdb.db.insert(scenarios).values({ name, draft: graph, status: 'live' }).returning();
  if (!s) throw new Error('no scenario');
  const v = await insertVersion(h.tdb.db, { scenarioId: s.id, graph, plan, publishedBy: 'test' });
  const { eq } = await import('drizzle-orm');
  await h.tdb.db.update(scenarios).set({ liveVersionId: v.id }).where(eq(scenarios.id, s.id));
  return { scenarioId: s.id, versionId: v.id, plan };
}

export async function createFriend(h: EngineHarness, displayName: string, extra: Partial<typeof friends.$inferInsert> = {}) {
  const lineUserId = `U${randomBytes(16).toString('hex')}`;
  await h.sandbox.phone.addFriend({ userId: lineUserId, displayName }, false);
  const [f] = await h.tdb.db
    .insert(friends)
    .values({ lineUserId, displayName, ...extra })
    .returning();
  if (!f) throw new Error('no friend');
  return f;
}

/** Pushes the sandbox accepted for one LINE user (each push = one inbox batch with one request id). */
export function acceptedPushes(h: EngineHarness, lineUserId: string): string[] {
  const inbox = h.sandbox.state.friends.get(lineUserId)?.inbox ?? [];
  return [...new Set(inbox.map((m) => m.requestId))];
}

/**
 * Moves a time-skipping harness's clock to the next `hh:mm` in `zone` (tests pin their instants: an engine test must pass
 * at any hour, and `npm test` runs them once more at 23:30 JST to prove it). Returns that instant.
 */
export async function pinClock(h: EngineHarness, hhmm: string, zone = 'Asia/Tokyo'): Promise<number> {
  if (!h.env) throw new Error('pinClock needs a time-skipping harness');
  const { DateTime } = await import('luxon');
  const now = await h.env.currentTimeMs();
  const [hour, minute] = hhmm.split(':').map(Number);
  let at = DateTime.fromMillis(now, { zone }).set({ hour, minute, second: 0, millisecond: 0 });
  if (at.toMillis() <= now) at = at.plus({ days: 1 });
  await h.env.sleep(at.toMillis() - now);
  return at.toMillis();
}
