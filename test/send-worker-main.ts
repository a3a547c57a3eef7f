// Entry of a send worker in an OS process of its own (spawned by test/worker-process.ts), so a test can SIGKILL it.
import { messagingApi } from '@line/bot-sdk';
import { DefaultLogger, NativeConnection, Runtime, makeTelemetryFilterString } from '@temporalio/worker';
import { createDb } from '../db/client';
import { createSendWorker } from '../worker/create-worker';
import { trackUrlFromEnv } from '../worker/tracked-urls';
import { READY_LINE, SendWorkerConfig } from './worker-process';

async function main() {
  const config = SendWorkerConfig.parse(JSON.parse(process.argv[2] ?? 'null'));
  Runtime.install({
    logger: new DefaultLogger('ERROR'),
    telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'ERROR' }), forward: {} } },
  });
  const { db, close } = createDb(config.databaseUrl, { max: 2 });
  const connection = await NativeConnection.connect({ address: config.temporalAddress });
  const worker = await createSendWorker({
    connection,
    namespace: config.namespace,
    taskQueue: `${config.sendTaskQueue}-unused`,
    sendTaskQueue: config.sendTaskQueue,
    sendRatePerSecond: config.sendRatePerSecond,
    deps: {
      db,
      line: new messagingApi.MessagingApiClient({ channelAccessToken: 'test-token', baseURL: config.lineBaseUrl }),
      trackUrl: trackUrlFromEnv({ baseUrl: 'http://127.0.0.1:3999', secret: 'test-secret-test-secret' }),
    },
  });
  // SIGTERM shuts the worker down gracefully (the SDK's own signal handling); SIGKILL is the crash under test.
  const running = worker.run();
  console.log(`${READY_LINE} pid=${process.pid} queue=${config.sendTaskQueue}`);
  await running;
  await connection.close();
  await close();
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
