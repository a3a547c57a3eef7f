// Fault drill 2 (RELIABILITY.md): PostgreSQL unreachable for a while during 50 sends (as during a restart or a failover:
// every connection cut, new ones refused). The worker's activities and its dispatcher reach the database through a proxy
// the drill cuts. Each message is delivered exactly once (the retry key and the outbox row make a retried push a 409);
// a webhook that arrives meanwhile is refused (LINE redelivers it) and its redelivery is processed once.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../db/client';
import { dispatches, friends, outbox, runs } from '../db/schema';
import { enqueueDispatches } from '../db/queries/dispatches';
import { startDispatcher } from '../lib/engine/dispatcher';
import type { EdgeDeps } from '../lib/friends/deps';
import { createLineClient } from '../lib/line/client';
import { processWebhookEvent } from '../lib/line/process-event';
import { receiveWebhook } from '../lib/line/receive-webhook';
import type { ScenarioGraphInput } from '../scenario/schema';
import { acceptedPushes, createEngineHarness, createFriend, publishGraph, type EngineHarness } from '../test/engine';
import { workflowBundle } from '../test/temporal';
import { startTcpProxy, type TcpProxy } from '../test/tcp-proxy';
import { createSendWorker, createWorker } from '../worker/create-worker';
import { activityDeps } from '../worker/deps';

const FRIENDS = 50;
const SEND_RATE = 10;
const OUTAGE_MS = 5000;

let h: EngineHarness;
let proxy: TcpProxy;
beforeAll(async () => {
  h = await createEngineHarness({ timeSkipping: false, dispatcher: false });
  const url = new URL(h.tdb.url);
  proxy = await startTcpProxy(`${url.hostname}:${url.port}`);
});
afterAll(async () => {
  await proxy?.close();
  await h?.close();
});

const welcome: ScenarioGraphInput = {
  schemaVersion: 1,
  settings: { timeZone: 'Asia/Tokyo', splitSalt: 'pg-drill' },
  nodes: [
    { id: 'trigger', kind: 'trigger', position: { x: 0, y: 0 }, data: { trigger: { type: 'friend_added' }, reEntry: 'once' } },
    { id: 'hello', kind: 'send', position: { x: 0, y: 100 }, data: { messages: [{ type: 'text', text: 'ようこそ' }] } },
    { id: 'end', kind: 'end', position: { x: 0, y: 200 }, data: {} },
  ],
  edges: [
    { id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'hello' },
    { id: 'e2', source: 'hello', sourceHandle: 'next', target: 'end' },
  ],
};

describe('drill: PostgreSQL away during sends', () => {
  it(`${FRIENDS} sends with the database cut mid-way: each delivered once; a webhook meanwhile is refused, then taken once`, async () => {
    const { scenarioId } = await publishGraph(h, welcome, 'welcome');
    const direct = h.tdb.db;
    const url = new URL(h.tdb.url);
    url.host = proxy.address;
    // The worker's own pool, through the proxy (short connect time-out: a refused connection fails the attempt at once).
    const viaProxy = createDb(url.toString(), { max: 10 });
    const deps = activityDeps(
      {
        taskQueue: h.taskQueue,
        sendTaskQueue: h.sendTaskQueue,
        line: { channelAccessToken: 'test-token', baseURL: h.sandbox.url },
        links: { baseUrl: 'http://127.0.0.1:3999', secret: 'test-secret-test-secret' },
      },
      { db: viaProxy.db },
    );
    const common = { connection: h.nativeConnection, namespace: 'default', taskQueue: h.taskQueue, sendTaskQueue: h.sendTaskQueue, deps };
    const workers = await Promise.all([
      createWorker({ ...common, workflowBundle: await workflowBundle() }),
      createSendWorker({ ...common, sendRatePerSecond: SEND_RATE }),
    ]);
    const dispatcher = startDispatcher(
      { db: viaProxy.db, temporal: h.client, taskQueue: h.taskQueue, sendTaskQueue: h.sendTaskQueue },
      { listen: (channel, fn) => viaProxy.sql.listen(channel, fn), sweepMs: 500 },
    );
    const edge: EdgeDeps = {
      db: viaProxy.db,
      line: createLineClient({ channelAccessToken: 'test-token', baseURL: h.sandbox.url }),
      now: () => new Date(),
      secret: 'drill-secret-drill-secret-0123456789',
      appBaseUrl: 'http://kizuna.test',
      accountLinkDialogUrl: `${h.sandbox.url}/dialog/bot/accountLink`,
    };
    const running = workers.map((w) => w.run());
    try {
      const people = await Promise.all(Array.from({ length: FRIENDS }, (_, i) => createFriend(h, `送信${i}`)));
      await direct.transaction((tx) =>
        enqueueDispatches(
          tx,
          people.map((p) => ({ kind: 'friend_added' as const, friendId: p.id, isUnblocked: false, at: new Date().toISOString() })),
        ),
      );
      const sent = async () => (await direct.select().from(outbox).where(eq(outbox.status, 'sent'))).length;
      await expect.poll(sent, { timeout: 60_000, interval: 100 }).toBeGreaterThanOrEqual(10);

      proxy.down();
      const downAt = Date.now();
      // A follow arriving now: the webhook cannot store it and answers 5xx (the route maps the error), so LINE redelivers.
      const { webhook } = await h.sandbox.phone.addFriend({ userId: `U${'e'.repeat(32)}`, displayName: '再送' }, true);
      const secret = h.sandbox.state.config.channelSecret;
      await expect(
        receiveWebhook({ db: viaProxy.db, channelSecret: secret }, Buffer.from(webhook!.body), webhook!.signature),
      ).rejects.toThrow();
      const sentAtCut = await sent();
      await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS - (Date.now() - downAt)));
      proxy.up();
      const upAt = Date.now();

      // LINE's redelivery of that webhook: stored and processed once; a second redelivery is dropped.
      const again = await receiveWebhook({ db: viaProxy.db, channelSecret: secret }, Buffer.from(webhook!.body), webhook!.signature);
      expect(again.newEventIds).toHaveLength(1);
      for (const id of again.newEventIds) expect(await processWebhookEvent(edge, id)).toMatchObject({ outcome: 'processed' });
      const third = await receiveWebhook({ db: viaProxy.db, channelSecret: secret }, Buffer.from(webhook!.body), webhook!.signature);
      expect(third.newEventIds).toEqual([]);

      await expect.poll(sent, { timeout: 120_000, interval: 250 }).toBe(FRIENDS + 1);
      const recoveredMs = Date.now() - upAt;
      const everyone = await direct.select().from(friends);
      for (const f of everyone) expect(acceptedPushes(h, f.lineUserId)).toHaveLength(1);
      const allRuns = await direct.select().from(runs).where(eq(runs.scenarioId, scenarioId));
      expect(allRuns).toHaveLength(FRIENDS + 1);
      expect((await direct.select().from(dispatches)).filter((d) => d.status !== 'done')).toEqual([]);
      const pushes = h.sandbox.state.requests.filter((r) => r.endpoint === 'push');
      console.log(
        `drill postgres-outage: facts ${FRIENDS + 1}, runs ${allRuns.length}, delivered ${FRIENDS + 1} (${sentAtCut} before the cut), ` +
          `push requests ${pushes.length} (${pushes.filter((r) => r.status === 409).length} answered 409: already sent), duplicates 0, lost 0, ` +
          `outage ${OUTAGE_MS} ms, recovered ${recoveredMs} ms after PostgreSQL returned`,
      );
    } finally {
      await dispatcher.stop();
      workers.forEach((w) => w.shutdown());
      await Promise.all(running);
      await viaProxy.close();
    }
  }, 240_000);
});
