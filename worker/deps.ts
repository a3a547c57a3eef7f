// The worker's composition root: its database pool, LINE client and a Temporal client on the worker's own connection,
// built once per process; activities receive them as ActivityDeps.
import { Client } from '@temporalio/client';
import type { NativeConnection } from '@temporalio/worker';
import { createDb, type Db } from '@/db/client';
import { payloadKeys, type Env } from '@/lib/env';
import { createLineClient, type LineClient } from '@/lib/line/client';
import { formLinkUrl } from '@/lib/forms/form-link';
import { trackedUrl } from '@/lib/links/tracked';
import { clientDataConverter } from '@/lib/temporal/data-converter';
import { devPayloadKeys, type PayloadKey } from '@/lib/temporal/payload-keys';
import type { EngineDeps } from '@/lib/engine/deps';
import type { SendPacer } from './send-pacer';

/** What activities need from the outside world, passed in so tests give real test services. */
export interface ActivityDeps {
  db: Db;
  /** The LINE Messaging API client (the sandbox in dev and tests, LINE in production). */
  line?: LineClient;
  /** Rewrites a URL of a sent message into a tracked /r/{token} link. */
  trackUrl?: (args: { runId: string; nodeId: string; friendId: string; target: string; isTest: boolean }) => string;
  /** The friend's signed, expiring link to a form, filled in for {{form:<slug>}} at send time. */
  formUrl?: (args: { friendId: string; slug: string }) => string;
  /** Paces pushes across all workers (createSendWorker builds it from the send rate when missing). */
  sendPacer?: SendPacer;
}

/** Everything the worker's deps are built from: the environment in the worker, the test's own services in the harness. */
export interface WorkerConfig {
  databaseUrl: string;
  /** Pool size (default 10). */
  databasePoolSize?: number;
  namespace: string;
  taskQueue: string;
  sendTaskQueue: string;
  line: { channelAccessToken: string; baseURL: string };
  /** Where tracked links point (APP_BASE_URL), the secret that signs them (KIZUNA_SECRET), and the LIFF app form links open in. */
  links: { baseUrl: string; secret: string; liffId?: string | null };
  /** KIZUNA_PAYLOAD_KEYS, parsed: the worker's client and workers encrypt payloads with them (by default the dev key). */
  payloadKeys?: readonly PayloadKey[];
}

export function workerConfigFromEnv(e: Env, databaseUrl: string): WorkerConfig {
  return {
    databaseUrl,
    namespace: e.TEMPORAL_NAMESPACE,
    taskQueue: e.TEMPORAL_TASK_QUEUE,
    sendTaskQueue: e.TEMPORAL_SEND_TASK_QUEUE,
    line: { channelAccessToken: e.LINE_CHANNEL_ACCESS_TOKEN, baseURL: e.LINE_API_BASE_URL },
    links: { baseUrl: e.APP_BASE_URL, secret: e.KIZUNA_SECRET, liffId: e.KIZUNA_LIFF_ID ?? null },
    payloadKeys: payloadKeys(e),
  };
}

/** The activities' deps over a database the caller owns (tags a run adds write their dispatch rows with the tag). */
export function activityDeps(
  config: Omit<WorkerConfig, 'databaseUrl' | 'databasePoolSize' | 'namespace'>,
  owned: { db: Db },
): ActivityDeps {
  return {
    db: owned.db,
    line: createLineClient(config.line),
    trackUrl: (link) => trackedUrl(link, config.links),
    formUrl: ({ friendId, slug }) => formLinkUrl(friendId, slug, { ...config.links, now: new Date() }),
  };
}

export interface WorkerDeps extends ActivityDeps {
  temporal: Client;
  /** The engine's deps for the dispatcher (lib/engine/dispatcher.ts): this pool, this client, the worker's queues. */
  engine: EngineDeps;
  /** LISTEN on a channel over this pool (postgres.js reconnects it after a database restart). */
  listen(channel: string, onNotify: () => void): Promise<{ unlisten(): Promise<void> }>;
  /** Ends the database pool (after the workers stopped; the connection is the caller's). */
  close(): Promise<void>;
}

/** Builds the worker's deps once: one pool, one LINE client, and a Temporal client on the worker's connection. */
export function createWorkerDeps(config: WorkerConfig, connection: NativeConnection): WorkerDeps {
  const { db, sql, close } = createDb(config.databaseUrl, config.databasePoolSize ? { max: config.databasePoolSize } : {});
  // Tag triggers start runs through this client: their inputs (the friend's name and attributes) are encrypted too.
  const dataConverter = clientDataConverter(config.payloadKeys ?? devPayloadKeys());
  const temporal = new Client({ connection, namespace: config.namespace, dataConverter });
  const activity = activityDeps(config, { db });
  return {
    ...activity,
    temporal,
    engine: {
      db,
      temporal,
      taskQueue: config.taskQueue,
      sendTaskQueue: config.sendTaskQueue,
      ...(activity.line ? { line: activity.line } : {}),
      ...(activity.formUrl ? { formUrl: activity.formUrl } : {}),
    },
    listen: (channel, onNotify) => sql.listen(channel, onNotify),
    close,
  };
}
