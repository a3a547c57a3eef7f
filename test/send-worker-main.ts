// Entry of a send worker in an OS process of its own (spawned by test/worker-process.ts), so a test can SIGKILL it.
import { DefaultLogger, NativeConnection, Runtime, makeTelemetryFilterString } from '@temporalio/worker';
import { parsePayloadKeys } from '../lib/temporal/payload-keys';
import { createSendWorker } from '../worker/create-worker';
import { createWorkerDeps } from '../worker/deps';
import { READY_LINE, SendWorkerConfig } from './worker-process';

async function main() {
  const config = SendWorkerConfig.parse(JSON.parse(process.argv[2] ?? 'null'));
  const keys = parsePayloadKeys(config.payloadKeys);
  if (!keys.ok) throw new Error(`payloadKeys: ${keys.problem}`);
  Runtime.install({
    logger: new DefaultLogger('ERROR'),
    telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'ERROR' }), forward: {} } },
  });
  const connection = await NativeConnection.connect({ address: config.temporalAddress });
  // The worker's own root (worker/deps.ts), built from the test's services instead of the environment.
  const deps = createWorkerDeps(
    {
      databaseUrl: config.databaseUrl,
      databasePoolSize: 2,
      namespace: config.namespace,
      taskQueue: `${config.sendTaskQueue}-unused`,
      sendTaskQueue: config.sendTaskQueue,
      line: { channelAccessToken: 'test-token', baseURL: config.lineBaseUrl },
      links: { baseUrl: 'http://127.0.0.1:3999', secret: 'test-secret-test-secret' },
      payloadKeys: keys.keys,
    },
    connection,
  );
  const worker = await createSendWorker({
    connection,
    namespace: config.namespace,
    taskQueue: `${config.sendTaskQueue}-unused`,
    sendTaskQueue: config.sendTaskQueue,
    sendRatePerSecond: config.sendRatePerSecond,
    deps,
    payloadKeys: keys.keys,
  });
  // SIGTERM shuts the worker down gracefully (the SDK's own signal handling); SIGKILL is the crash under test.
  const running = worker.run();
  console.log(`${READY_LINE} pid=${process.pid} queue=${config.sendTaskQueue}`);
  await running;
  await deps.close();
  await connection.close();
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
