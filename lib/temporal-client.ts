// One lazy Temporal client for the Next.js server; workflows are started by type-name string.
import { Client, Connection } from '@temporalio/client';
import { env } from './env';
import { temporalConnectionOptions } from './temporal-connection';

const globalForTemporal = globalThis as unknown as { kizunaTemporal?: Promise<Client> };

export function temporalClient(): Promise<Client> {
  globalForTemporal.kizunaTemporal ??= (async () => {
    const e = env();
    const connection = await Connection.connect(temporalConnectionOptions(e));
    return new Client({ connection, namespace: e.TEMPORAL_NAMESPACE });
  })().catch((err: unknown) => {
    globalForTemporal.kizunaTemporal = undefined;
    throw err;
  });
  return globalForTemporal.kizunaTemporal;
}
