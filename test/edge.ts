// LINE-edge harness: a test database, the LINE sandbox in-process, and EdgeDeps whose engine calls are the real
// engine's (recorded, so tests can see what was triggered).
import { Client, Connection } from '@temporalio/client';
import { inject } from 'vitest';
import { startLineSandbox, type LineSandbox } from '../devstack/line-sandbox/server';
import { onEvent, onFriendAdded, onFriendBlocked, onTagAdded } from '../lib/engine/triggers';
import type { EngineDeps } from '../lib/engine/deps';
import type { EdgeDeps, EngineHooks } from '../lib/friends/deps';
import { createLineClient } from '../lib/line/client';
import { createTestDatabase, type TestDatabase } from './db';

export const TEST_CHANNEL_SECRET = 'edge-test-channel-secret';
export const TEST_SECRET = 'edge-test-kizuna-secret-0123456789';

export type EngineCall = { [K in keyof EngineHooks]: { hook: K; args: Parameters<EngineHooks[K]>[0] } }[keyof EngineHooks];

export interface EdgeHarness {
  tdb: TestDatabase;
  sandbox: LineSandbox;
  deps: EdgeDeps;
  engineCalls: EngineCall[];
  close(): Promise<void>;
}

export async function createEdgeHarness(opts: { webhookUrl?: string } = {}): Promise<EdgeHarness> {
  const tdb = await createTestDatabase();
  const sandbox = await startLineSandbox({ channelSecret: TEST_CHANNEL_SECRET, channelAccessToken: 'edge-test-token', ...opts });
  let client: Promise<Client> | undefined;
  let connection: Connection | undefined;
  const engineDeps: EngineDeps = {
    db: tdb.db,
    temporal: () =>
      (client ??= Connection.connect({ address: inject('temporalAddress') }).then((c) => {
        connection = c;
        return new Client({ connection: c });
      })),
    taskQueue: `edge-test-${process.pid}`,
    sendTaskQueue: `edge-test-send-${process.pid}`,
  };
  const engineCalls: EngineCall[] = [];
  const engine: EngineHooks = {
    friendAdded: (args) => (engineCalls.push({ hook: 'friendAdded', args }), onFriendAdded(engineDeps, args)),
    friendBlocked: (args) => (engineCalls.push({ hook: 'friendBlocked', args }), onFriendBlocked(engineDeps, args)),
    event: (args) => (engineCalls.push({ hook: 'event', args }), onEvent(engineDeps, args)),
    tagAdded: (args) => (engineCalls.push({ hook: 'tagAdded', args }), onTagAdded(engineDeps, args)),
  };
  const deps: EdgeDeps = {
    db: tdb.db,
    line: createLineClient({ channelAccessToken: 'edge-test-token', baseURL: sandbox.url }),
    engine,
    now: () => new Date(),
    secret: TEST_SECRET,
    appBaseUrl: 'http://kizuna.test',
    accountLinkDialogUrl: `${sandbox.url}/dialog/bot/accountLink`,
  };
  return {
    tdb,
    sandbox,
    deps,
    engineCalls,
    close: async () => {
      // Everything Kizuna sent the sandbox must have been a request LINE would accept (OpenAPI and documented limits).
      const invalid = sandbox.invalidRequests();
      await connection?.close();
      await sandbox.close();
      await tdb.drop();
      if (invalid.length > 0) throw new Error(`requests LINE would refuse: ${JSON.stringify(invalid, null, 2)}`);
    },
  };
}
