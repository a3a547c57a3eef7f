// The worker process: connects to Temporal and PostgreSQL from the environment and runs until stopped.
import { messagingApi } from '@line/bot-sdk';
import { NativeConnection } from '@temporalio/worker';
import { createDb } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { engineDeps, onTagAdded } from '@/lib/engine/triggers';
import { databaseUrl, env } from '@/lib/env';
import { temporalConnectionOptions } from '@/lib/temporal-connection';
import { createSendWorker, createWorker } from './create-worker';
import { trackUrlFromEnv } from './tracked-urls';

async function main() {
  const e = env();
  // Migrations are applied from code (idempotent), so a worker can start against a fresh database.
  await migrateDatabase(databaseUrl());
  const { db, close } = createDb(databaseUrl());
  const line = new messagingApi.MessagingApiClient({ channelAccessToken: e.LINE_CHANNEL_ACCESS_TOKEN, baseURL: e.LINE_API_BASE_URL });
  const connection = await NativeConnection.connect(temporalConnectionOptions(e));
  const deps = {
    db,
    line,
    trackUrl: trackUrlFromEnv(),
    onTagAdded: (a: { friendId: string; tag: string; at: Date }) => onTagAdded(engineDeps(), a).then(() => undefined),
  };
  const common = { connection, namespace: e.TEMPORAL_NAMESPACE, taskQueue: e.TEMPORAL_TASK_QUEUE, deps };
  const worker = await createWorker({ ...common, sendTaskQueue: e.TEMPORAL_SEND_TASK_QUEUE });
  const sendWorker = await createSendWorker({ ...common, sendTaskQueue: e.TEMPORAL_SEND_TASK_QUEUE, sendRatePerSecond: e.LINE_SEND_RATE_PER_SECOND });
  console.log(
    `worker polling ${e.TEMPORAL_TASK_QUEUE} and ${e.TEMPORAL_SEND_TASK_QUEUE} (≤ ${e.LINE_SEND_RATE_PER_SECOND}/s) on ${e.TEMPORAL_ADDRESS ?? '127.0.0.1:7233'}; LINE at ${e.LINE_API_BASE_URL}`,
  );
  await Promise.all([worker.run(), sendWorker.run()]);
  await connection.close();
  await close();
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
