// LINE-edge harness: a test database, the LINE sandbox in-process, and the app's own deps (lib/app-deps.ts) built for
// them. No dispatcher runs here: what the edge asked of the engine is read from the dispatch rows it wrote.
import { inject } from 'vitest';
import { startLineSandbox, type LineSandbox } from '../devstack/line-sandbox/server';
import { createAppDeps, type AppDeps } from '../lib/app-deps';
import { asc } from 'drizzle-orm';
import { DispatchItemSchema, type DispatchItem } from '../db/queries/dispatches';
import { dispatches } from '../db/schema';
import { createTestDatabase, type TestDatabase } from './db';

export const TEST_CHANNEL_SECRET = 'edge-test-channel-secret';
export const TEST_SECRET = 'edge-test-kizuna-secret-0123456789';

export interface EdgeHarness {
  tdb: TestDatabase;
  sandbox: LineSandbox;
  deps: AppDeps;
  /** Every dispatch row written so far (what the engine will be asked), oldest first. */
  dispatched(): Promise<DispatchItem[]>;
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
  const deps: AppDeps = app;
  const dispatched = async () =>
    (await app.db.select().from(dispatches).orderBy(asc(dispatches.id))).map((r) =>
      DispatchItemSchema.parse({ ...r.payload, kind: r.kind }),
    );
  return {
    tdb,
    sandbox,
    deps,
    dispatched,
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
