// LINE-edge harness: a test database, the LINE sandbox in-process, and the app's own deps (lib/app-deps.ts) built for
// them, whose engine calls are the real engine's (recorded, so tests can see what was triggered).
import { inject } from 'vitest';
import { startLineSandbox, type LineSandbox } from '../devstack/line-sandbox/server';
import { createAppDeps, type AppDeps } from '../lib/app-deps';
import type { EngineHooks } from '../lib/friends/deps';
import { createTestDatabase, type TestDatabase } from './db';

export const TEST_CHANNEL_SECRET = 'edge-test-channel-secret';
export const TEST_SECRET = 'edge-test-kizuna-secret-0123456789';

export type EngineCall = { [K in keyof EngineHooks]: { hook: K; args: Parameters<EngineHooks[K]>[0] } }[keyof EngineHooks];

export interface EdgeHarness {
  tdb: TestDatabase;
  sandbox: LineSandbox;
  deps: AppDeps;
  engineCalls: EngineCall[];
  close(): Promise<void>;
}

export async function createEdgeHarness(opts: { webhookUrl?: string } = {}): Promise<EdgeHarness> {
  const tdb = await createTestDatabase();
  const sandbox = await startLineSandbox({ channelSecret: TEST_CHANNEL_SECRET, channelAccessToken: 'edge-test-token', ...opts });
  const app = createAppDeps({
    databaseUrl: tdb.url,
    temporal: { address: inject('temporalAddress'), namespace: 'default' },
    taskQueue: `edge-test-${process.pid}`,
    sendTaskQueue: `edge-test-send-${process.pid}`,
    line: { channelAccessToken: 'edge-test-token', baseURL: sandbox.url, channelSecret: TEST_CHANNEL_SECRET },
    secret: TEST_SECRET,
    appBaseUrl: 'http://kizuna.test',
    accountLinkDialogUrl: `${sandbox.url}/dialog/bot/accountLink`,
    oidc: null,
    devMode: true,
  });
  const engineCalls: EngineCall[] = [];
  const engine: EngineHooks = {
    friendAdded: (args) => (engineCalls.push({ hook: 'friendAdded', args }), app.engine.friendAdded(args)),
    friendBlocked: (args) => (engineCalls.push({ hook: 'friendBlocked', args }), app.engine.friendBlocked(args)),
    event: (args) => (engineCalls.push({ hook: 'event', args }), app.engine.event(args)),
    tagAdded: (args) => (engineCalls.push({ hook: 'tagAdded', args }), app.engine.tagAdded(args)),
  };
  const deps: AppDeps = { ...app, engine };
  return {
    tdb,
    sandbox,
    deps,
    engineCalls,
    close: async () => {
      // Everything Kizuna sent the sandbox must have been a request LINE would accept (OpenAPI and documented limits).
      const invalid = sandbox.invalidRequests();
      await app.close();
      await sandbox.close();
      await tdb.drop();
      if (invalid.length > 0) throw new Error(`requests LINE would refuse: ${JSON.stringify(invalid, null, 2)}`);
    },
  };
}
