// The worker process: connects to Temporal and PostgreSQL from the environment and runs until stopped.
import { NativeConnection } from '@temporalio/worker';
import { createDb } from '@/db/client';
import { databaseUrl, env } from '@/lib/env';
import { temporalConnectionOptions } from '@/lib/temporal-connection';
import { createWorker } from './create-worker';

async function main() {
  const e = env();
  const { db, close } = createDb(databaseUrl());
  const connection = await NativeConnection.connect(temporalConnectionOptions(e));
  const worker = await createWorker({ connection, namespace: e.TEMPORAL_NAMESPACE, taskQueue: e.TEMPORAL_TASK_QUEUE, deps: { db } });
  console.log(`worker polling ${e.TEMPORAL_TASK_QUEUE} on ${e.TEMPORAL_ADDRESS ?? '127.0.0.1:7233'}`);
  await worker.run();
  await connection.close();
  await close();
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
