// The worker process: connects to Temporal and PostgreSQL from the environment and runs until stopped.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { NativeConnection } from '@temporalio/worker';
import { migrateDatabase } from '@/db/migrate';
import { ConfigError, databaseUrl, env } from '@/lib/env';
import { describeError, logError } from '@/lib/log';
import { temporalConnectionOptions } from '@/lib/temporal-connection';
import { workerCapacity } from './capacity';
import { createSendWorker, createWorker } from './create-worker';
import { startDispatcher } from '@/lib/engine/dispatcher';
import { createWorkerDeps, workerConfigFromEnv } from './deps';
import { ensureRetentionSchedule } from './retention-schedule';

/**
 * The workflow bundle `npm run build` writes beside the compiled worker (dist/worker/workflow-bundle.js), found beside
 * the script node runs; under tsx (worker/main.ts) there is none and the worker bundles workflows/ at start.
 */
function prebuiltWorkflowBundle(): { codePath: string } | undefined {
  const script = process.argv[1];
  const codePath = script ? path.join(path.dirname(path.resolve(script)), 'workflow-bundle.js') : '';
  return codePath && existsSync(codePath) ? { codePath } : undefined;
}

async function main() {
  const e = env();
  // Migrations are applied from code (idempotent), so a worker can start against a fresh database.
  await migrateDatabase(databaseUrl());
  const connection = await NativeConnection.connect(temporalConnectionOptions(e));
  // The one set of deps of this process: activities and the tag triggers they fire share its pool and connection.
  const capacity = workerCapacity(e);
  const config = { ...workerConfigFromEnv(e, databaseUrl()), databasePoolSize: capacity.dbPool };
  const deps = createWorkerDeps(config, connection);
  // The same payload keys as the client in deps: what the workers write to Temporal is encrypted with them.
  const common = { connection, namespace: e.TEMPORAL_NAMESPACE, taskQueue: e.TEMPORAL_TASK_QUEUE, deps, payloadKeys: config.payloadKeys };
  const worker = await createWorker({
    ...common,
    sendTaskQueue: e.TEMPORAL_SEND_TASK_QUEUE,
    workflowBundle: prebuiltWorkflowBundle(),
    capacity: { activitySlots: capacity.activitySlots, maxCachedWorkflows: capacity.maxCachedWorkflows },
  });
  const sendWorker = await createSendWorker({
    ...common,
    sendTaskQueue: e.TEMPORAL_SEND_TASK_QUEUE,
    sendRatePerSecond: e.LINE_SEND_RATE_PER_SECOND,
    capacity: { activitySlots: capacity.sendSlots },
  });
  // The daily retention job; a failure here is logged and the worker runs on (sends matter more than pruning today).
  await ensureRetentionSchedule(deps.temporal, { taskQueue: e.TEMPORAL_TASK_QUEUE, retentionDays: e.KIZUNA_RETENTION_DAYS }).catch(
    (err: unknown) => logError('could not create or update the retention schedule (kizuna-retention)', err),
  );
  console.log(
    `worker polling ${e.TEMPORAL_TASK_QUEUE} and ${e.TEMPORAL_SEND_TASK_QUEUE} (≤ ${e.LINE_SEND_RATE_PER_SECOND}/s; pool ${capacity.dbPool}, ${capacity.activitySlots}+${capacity.sendSlots} activity slots, ${capacity.maxCachedWorkflows} cached workflows) on ${e.TEMPORAL_ADDRESS ?? '127.0.0.1:7233'}; LINE at ${e.LINE_API_BASE_URL}; payloads encrypted with key ${config.payloadKeys?.[0]?.id ?? 'dev'}`,
  );
  // The trigger outbox: facts the app (and this worker's runs) wrote reach Temporal from here, retried until accepted.
  const dispatcher = startDispatcher(deps.engine, { listen: deps.listen });
  await Promise.all([worker.run(), sendWorker.run()]);
  await dispatcher.stop();
  await deps.close();
  await connection.close();
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : describeError(err));
  process.exit(1);
});
