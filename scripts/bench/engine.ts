// `npm run bench:engine`: friends through a one-send scenario vs. a no-op baseline on the same Temporal server.
import { chmodSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { messagingApi } from '@line/bot-sdk';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, makeTelemetryFilterString } from '@temporalio/worker';
import { eq, sql } from 'drizzle-orm';
import { createDb } from '../../db/client';
import { migrateDatabase } from '../../db/migrate';
import { insertVersion } from '../../db/queries/scenario-versions';
import { friends, scenarios } from '../../db/schema';
import { repoRoot } from '../../devstack/paths';
import { runService, waitForHttp } from '../../devstack/services';
import { freePort, startEmbeddedPostgres } from '../../devstack/postgres';
import { startTemporalDevServer } from '../../devstack/temporal';
import { startFriendRun } from '../../lib/engine/start-run';
import { compile } from '../../scenario/compile';
import type { ScenarioGraphInput } from '../../scenario/schema';
import { bundleWorkflows, createSendWorker, createWorker } from '../../worker/create-worker';

const N = Number(process.env.N ?? 5000);
const PARKED = Number(process.env.PARKED ?? 10_000);
const CONCURRENCY = 64;

Runtime.install({ logger: new DefaultLogger('ERROR'), telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'ERROR' }), forward: {} } } });

function graph(withWait: boolean): ScenarioGraphInput {
  const nodes: ScenarioGraphInput['nodes'] = [
    { id: 'trigger', kind: 'trigger', position: { x: 0, y: 0 }, data: { trigger: { type: 'friend_added' }, reEntry: 'once' } },
    { id: 'hello', kind: 'send', position: { x: 0, y: 100 }, data: { messages: [{ type: 'text', text: '{{friend.displayName}}さん、ようこそ！' }] } },
    { id: 'end', kind: 'end', position: { x: 0, y: 300 }, data: {} },
  ];
  const edges: ScenarioGraphInput['edges'] = [{ id: 'e1', source: 'trigger', sourceHandle: 'next', target: withWait ? 'wait' : 'hello' }];
  if (withWait) {
    nodes.push({ id: 'wait', kind: 'wait', position: { x: 0, y: 50 }, data: { mode: 'duration', amount: 7, unit: 'days' } });
    edges.push({ id: 'e0', source: 'wait', sourceHandle: 'next', target: 'hello' });
  }
  edges.push({ id: 'e2', source: 'hello', sourceHandle: 'next', target: 'end' });
  return { schemaVersion: 1, settings: { timeZone: 'Asia/Tokyo', splitSalt: 'bench' }, nodes, edges };
}

async function pool<T>(items: T[], fn: (item: T) => Promise<void>) {
  let i = 0;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (i < items.length) await fn(items[i++]!);
  }));
}

/** CPU seconds used so far by every live process, summed by command name (Linux /proc; 100 ticks per second). */
function cpuByCommand(): Map<string, number> {
  const out = new Map<string, number>();
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const comm = name === 'node' ? (Number(pid) === process.pid ? 'worker' : 'sandbox') : name;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const secs = (Number(fields[11]) + Number(fields[12])) / 100;
      out.set(comm, (out.get(comm) ?? 0) + secs);
    } catch {
      /* the process ended meanwhile */
    }
  }
  return out;
}

/** Where a phase's CPU went, per friend: Temporal server, PostgreSQL, this process (worker + client), the LINE sandbox. */
function cpuPerFriend(before: Map<string, number>, after: Map<string, number>, n: number): string {
  const d = (c: string) => (((after.get(c) ?? 0) - (before.get(c) ?? 0)) * 1000) / n;
  const parts = ['temporal', 'postgres', 'worker', 'sandbox'].map((c) => `${c} ${d(c).toFixed(1)} ms`);
  return `${parts.join(', ')} of CPU per friend`;
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};

async function main() {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'kizuna-bench-'));
  chmodSync(tmp, 0o755); // PostgreSQL runs as its own user and must reach its data directory
  const pg = await startEmbeddedPostgres({ dir: path.join(tmp, 'pg') });
  await migrateDatabase(pg.url);
  const dbFile = path.join(tmp, 'temporal.db');
  const temporal = await startTemporalDevServer({ port: await freePort(), ...(process.env.MEMDB ? {} : { dbFile }) });
  // The LINE stand-in runs in its own process, as LINE would be remote (its request validation costs no worker CPU).
  const sandboxPort = await freePort();
  const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
  const sandboxProc = runService('sandbox', path.join(repoRoot, 'node_modules', '.bin', 'tsx'), [path.join(repoRoot, 'devstack', 'line-sandbox', 'main.ts')], {
    cwd: repoRoot,
    env: { ...process.env, PORT: String(sandboxPort), LINE_CHANNEL_ACCESS_TOKEN: 'bench' },
    log: () => {},
  });
  await waitForHttp(`${sandboxUrl}/__sandbox/stats`, 60_000);
  const admin = async (method: string, p: string, body?: unknown) => {
    const res = await fetch(`${sandboxUrl}/__sandbox${p}`, { method, headers: { 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) });
    return (await res.json()) as Record<string, unknown>;
  };
  await admin('POST', '/config', { acceptUnknownUsers: true });
  const { db, sql: raw, close } = createDb(pg.url, { max: 20 });
  const connection = await Connection.connect({ address: temporal.address });
  const client = new Client({ connection });
  const native = await NativeConnection.connect({ address: temporal.address });
  const line = new messagingApi.MessagingApiClient({ channelAccessToken: 'bench', baseURL: sandboxUrl });
  const baseDone = new Map<string, number>();
  const deps = { db, line, onBenchNoop: (id: string, at: number) => baseDone.set(id, at) };
  const taskQueue = 'bench';
  const sendTaskQueue = 'bench-send';
  const workflowBundle = await bundleWorkflows();
  const common = { connection: native, namespace: 'default', taskQueue, sendTaskQueue, deps, workflowBundle };
  const worker = await createWorker(common);
  const sendWorker = await createSendWorker({ ...common, sendRatePerSecond: 1500 });
  const running = Promise.all([worker.run(), sendWorker.run()]);
  const engine = { db, temporal: async () => client, taskQueue, sendTaskQueue };

  console.log(`Kizuna engine benchmark: N=${N} friends, parked=${PARKED}, 2 workers (main + send queue at 1,500/s), Temporal dev server, embedded PostgreSQL\n`);

  // Baseline: N trivial workflows, each running one no-op activity.
  const baseStart = new Map<string, number>();
  const cpu0 = cpuByCommand();
  const t0 = Date.now();
  await pool(Array.from({ length: N }, (_, i) => `base-${i}`), async (id) => {
    baseStart.set(id, Date.now());
    await client.workflow.start('benchBaseline', { taskQueue, workflowId: id, args: [id] });
  });
  while (baseDone.size < N) await new Promise((r) => setTimeout(r, 100));
  const baseSecs = (Math.max(...baseDone.values()) - t0) / 1000;
  const baseLat = [...baseDone].map(([id, at]) => at - baseStart.get(id)!);
  const baseCpu = cpuPerFriend(cpu0, cpuByCommand(), N);

  // Engine: N friends enter a one-send scenario; done when the sandbox accepted the push.
  const plan = compile(graph(false));
  const [s] = await db.insert(scenarios).values({ name: 'bench', draft: graph(false), status: 'live' }).returning();
  const v = await insertVersion(db, { scenarioId: s!.id, graph: graph(false), plan, publishedBy: 'bench' });
  const rows = await db.insert(friends).values(Array.from({ length: N }, (_, i) => ({ lineUserId: `U${i.toString(16).padStart(32, '0')}`, displayName: `友だち${i}` }))).returning({ id: friends.id, lineUserId: friends.lineUserId });
  await pool(rows, async (f) => {
    await admin('POST', '/friends', { userId: f.lineUserId, displayName: 'bench', webhook: false });
  });
  const start = new Map<string, number>();
  const cpu1 = cpuByCommand();
  const t1 = Date.now();
  await pool(rows, async (f) => {
    start.set(f.lineUserId, Date.now());
    await startFriendRun(engine, { scenarioId: s!.id, versionId: v.id, plan, friendId: f.id, entryKey: 'bench' });
  });
  const accepted = async () => {
    const stats = await admin('GET', '/stats');
    const push = (stats.endpoints as Record<string, { accepted: number }> | undefined)?.push;
    return push?.accepted ?? 0;
  };
  while ((await accepted()) < N) await new Promise((r) => setTimeout(r, 200));
  const engineCpu = cpuPerFriend(cpu1, cpuByCommand(), N);
  const lat: number[] = [];
  let last = 0;
  await pool(rows, async (f) => {
    const inbox = await admin('GET', `/friends/${f.lineUserId}/inbox`);
    const first = (inbox.messages as { receivedAt: string }[] | undefined)?.[0];
    const at = Date.parse(first?.receivedAt ?? '');
    if (!Number.isFinite(at)) return;
    lat.push(at - start.get(f.lineUserId)!);
    last = Math.max(last, at);
  });
  const engineSecs = (last - t1) / 1000;

  // Parking: friends waiting 7 days before their send.
  const waitGraph = graph(true);
  const wplan = compile(waitGraph);
  const [ws] = await db.insert(scenarios).values({ name: 'bench-wait', draft: waitGraph, status: 'live' }).returning();
  const wv = await insertVersion(db, { scenarioId: ws!.id, graph: waitGraph, plan: wplan, publishedBy: 'bench' });
  const parkedFriends = await db.insert(friends).values(Array.from({ length: PARKED }, (_, i) => ({ lineUserId: `Up${i.toString(16).padStart(31, '0')}`, displayName: `待機${i}` }))).returning({ id: friends.id });
  const pgBytes = async () => Number((await raw`select pg_database_size(current_database()) as b`)[0]?.b ?? 0);
  const tBytes = () => ['', '-wal', '-shm'].reduce((a, suf) => { try { return a + statSync(dbFile + suf).size; } catch { return a; } }, 0);
  const [pg0, t0b] = [await pgBytes(), tBytes()];
  await pool(parkedFriends, async (f) => {
    await startFriendRun(engine, { scenarioId: ws!.id, versionId: wv.id, plan: wplan, friendId: f.id, entryKey: 'bench' });
  });
  const parked = async () => Number((await db.select({ n: sql<number>`count(*)::int` }).from((await import('../../db/schema')).runs).where(eq((await import('../../db/schema')).runs.currentNodeId, 'wait')))[0]?.n ?? 0);
  while ((await parked()) < PARKED) await new Promise((r) => setTimeout(r, 500));
  await new Promise((r) => setTimeout(r, 3000)); // let the server flush its writes
  const [pg1, t1b] = [await pgBytes(), tBytes()];
  const rss = process.memoryUsage().rss;

  const f1 = (x: number) => x.toFixed(1);
  const engineRate = N / engineSecs;
  const baseRate = N / baseSecs;
  console.log('| run | friends/s | p50 latency | p95 latency |');
  console.log('|---|---|---|---|');
  console.log(`| baseline (1 no-op activity per workflow) | ${f1(baseRate)} | ${pct(baseLat, 50)} ms | ${pct(baseLat, 95)} ms |`);
  console.log(`| engine (entry → LINE accepted the push) | ${f1(engineRate)} | ${pct(lat, 50)} ms | ${pct(lat, 95)} ms |`);
  console.log(`\nbaseline: ${baseCpu}\nengine:   ${engineCpu}`);
  console.log(`\nratio engine/baseline: ${(engineRate / baseRate).toFixed(2)}× (goal ≥ 0.8×)`);
  console.log(`storage per friend parked in a 7-day wait: Temporal ${f1((t1b - t0b) / PARKED)} B + PostgreSQL ${f1((pg1 - pg0) / PARKED)} B`);
  console.log(`worker process RSS with ${PARKED} friends parked (bench process = worker + client): ${f1(rss / 1024 / 1024)} MiB`);

  worker.shutdown();
  sendWorker.shutdown();
  await running;
  await native.close();
  await connection.close();
  await close();
  await sandboxProc.stop();
  await temporal.stop();
  await pg.stop();
  rmSync(tmp, { recursive: true, force: true });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
