// The worker process: connects to Temporal and PostgreSQL from the environment and runs until stopped.
import { NativeConnection } from '@temporalio/worker';
import { migrateDatabase } from '@/db/migrate';
import { ConfigError, databaseUrl, env } from '@/lib/env';
import { describeError } from '@/lib/log';
import { temporalConnectionOptions } from '@/lib/temporal-connection';
import { createSendWorker, createWorker } from './create-worker';
import { createWorkerDeps, workerConfigFromEnv } from './deps';

async function main() {
  const e = env();
  // Migrations are applied from code (idempotent), so a worker can start against a fresh database.
  await migrateDatabase(databaseUrl());
  const connection = await NativeConnection.connect(temporalConnectionOptions(e));
  // The one set of deps of this process: activities and the tag triggers they fire share its pool and connection.
  const deps = createWorkerDeps(workerConfigFromEnv(e, databaseUrl()), connection);
  const common = { connection, namespace: e.TEMPORAL_NAMESPACE, taskQueue: e.TEMPORAL_TASK_QUEUE, deps };
  const worker = await createWorker({ ...common, sendTaskQueue: e.TEMPORAL_SEND_TASK_QUEUE });
  const sendWorker = await createSendWorker({
    ...common,
    sendTaskQueue: e.TEMPORAL_SEND_TASK_QUEUE,
    sendRatePerSecond: e.LINE_SEND_RATE_PER_SECOND,
  });
  console.log(
    `worker polling ${e.TEMPORAL_TASK_QUEUE} and ${e.TEMPORAL_SEND_TASK_QUEUE} (≤ ${e.LINE_SEND_RATE_PER_SECOND}/s) on ${e.TEMPORAL_ADDRESS ?? '127.0.0.1:7233'}; LINE at ${e.LINE_API_BASE_URL}`,
  );
  await Promise.all([worker.run(), sendWorker.run()]);
  await deps.close();
  await connection.close();
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : describeError(err));
  process.exit(1);
});
