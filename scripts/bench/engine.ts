// `npm run bench:engine`: friends through a one-send scenario vs. no-op baselines on the same Temporal server.
import { chmodSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { messagingApi } from '@line/bot-sdk';
import { Client, Connection } from '@temporalio/client';
import protos from '@temporalio/proto';

const proto = protos.temporal;
import { DefaultLogger, NativeConnection, Runtime, Worker, makeTelemetryFilterString } from '@temporalio/worker';
import { eq, sql } from 'drizzle-orm';
import { createDb } from '../../db/client';
import { migrateDatabase } from '../../db/migrate';
import { insertVersion } from '../../db/queries/scenario-versions';
import { friends, scenarios } from '../../db/schema';
import { repoRoot } from '../../devstack/paths';
import { runService, waitForHttp } from '../../devstack/services';
import { freePort, startEmbeddedPostgres } from '../../devstack/postgres';
import { startTemporalDevServer } from '../../devstack/temporal';
import type { EngineDeps } from '../../lib/engine/deps';
import { startFriendRun } from '../../lib/engine/start-run';
import { clientDataConverter } from '../../lib/temporal/data-converter';
import { devPayloadKeys } from '../../lib/temporal/payload-keys';
import { compile } from '../../scenario/compile';
import type { ScenarioGraphInput } from '../../scenario/schema';
import { runSearchAttributes } from '../../workflows/contract';
import { bundleWorkflows, createSendWorker, createWorker, workerDataConverter } from '../../worker/create-worker';
import { workerCapacity } from '../../worker/capacity';
import { createDbSendPacer } from '../../worker/send-pacer';
import { mostInAnyWindow } from '../../worker/send-slots';
import { createBenchActivities } from './activities';

const N = Number(process.env.N ?? 5000);
const PARKED = Number(process.env.PARKED ?? 10_000);
const CONCURRENCY = 64;
/**
 * Closed loop (default): at most IN_FLIGHT friends (or baseline workflows) are in flight; a slot starts the next one when
 * its push was accepted (its no-op ran). OPEN=1 restores the former open loop, where 64 callers start runs as fast as
 * the server takes them and a backlog of thousands of workflows builds up (its latencies are that backlog's wait).
 */
const OPEN = process.env.OPEN === '1';
const IN_FLIGHT = Number(process.env.IN_FLIGHT ?? 64);
/** How many callers start runs (and baseline workflows) in the timed phases. */
const STARTERS = OPEN ? CONCURRENCY : IN_FLIGHT;
/**
 * The send rate (the product's default, or SEND_RATE): a ceiling in every second for the send queue's pacer, the
 * server-side rate of the shaped baseline's no-op queue, and the LINE sandbox's push limit (a sliding window).
 */
const SEND_RATE = Number(process.env.SEND_RATE ?? 1500);
const ROUNDS = Math.max(1, Number(process.env.ROUNDS ?? 4));
// The worker's capacity from the product's own variables and defaults (README, worker/capacity.ts).
const optional = (name: string) => (process.env[name] ? Number(process.env[name]) : undefined);
const CAPACITY = workerCapacity({
  KIZUNA_WORKER_DB_POOL: optional('KIZUNA_WORKER_DB_POOL') ?? 20,
  KIZUNA_WORKER_ACTIVITY_SLOTS: optional('KIZUNA_WORKER_ACTIVITY_SLOTS'),
  KIZUNA_WORKER_SEND_SLOTS: optional('KIZUNA_WORKER_SEND_SLOTS'),
  KIZUNA_WORKER_MAX_CACHED_WORKFLOWS: optional('KIZUNA_WORKER_MAX_CACHED_WORKFLOWS') ?? 2000,
});

Runtime.install({
  logger: new DefaultLogger('ERROR'),
  telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'ERROR' }), forward: {} } },
});

function graph(withWait: boolean): ScenarioGraphInput {
  const nodes: ScenarioGraphInput['nodes'] = [
    { id: 'trigger', kind: 'trigger', position: { x: 0, y: 0 }, data: { trigger: { type: 'friend_added' }, reEntry: 'once' } },
    {
      id: 'hello',
      kind: 'send',
      position: { x: 0, y: 100 },
      data: { messages: [{ type: 'text', text: '{{friend.displayName}}さん、ようこそ！' }] },
    },
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

async function pool<T>(items: T[], fn: (item: T) => Promise<void>, concurrency = CONCURRENCY) {
  let i = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (i < items.length) await fn(items[i++]!);
    }),
  );
}

/** CPU seconds used so far by every live process, by pid with its command name (Linux /proc; 100 ticks per second). */
function cpuByCommand(): Map<number, { comm: string; secs: number }> {
  const out = new Map<number, { comm: string; secs: number }>();
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const comm = name === 'node' ? (Number(pid) === process.pid ? 'worker' : 'sandbox') : name;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(Number(pid), { comm, secs: (Number(fields[11]) + Number(fields[12])) / 100 });
    } catch {
      /* the process ended meanwhile */
    }
  }
  return out;
}

type Cpu = [before: Map<number, { comm: string; secs: number }>, after: Map<number, { comm: string; secs: number }>];

/**
 * Where the phases' CPU went, per friend: Temporal server, PostgreSQL, this process (worker + client), the LINE sandbox.
 * Summed per process alive at the phase's end (a PostgreSQL backend that exits during the phase is not counted, so a
 * figure can only be low, never negative).
 */
function cpuPerFriend(phases: Cpu[], n: number): string {
  const d = (c: string) => {
    let sum = 0;
    for (const [before, after] of phases) {
      for (const [pid, a] of after) {
        const b = before.get(pid);
        // A pid reused by a new process starts from zero.
        if (a.comm === c) sum += a.secs - (b && b.comm === c && b.secs <= a.secs ? b.secs : 0);
      }
    }
    return (sum * 1000) / n;
  };
  const parts = ['temporal', 'postgres', 'worker', 'sandbox'].map((c) => `${c} ${d(c).toFixed(1)} ms`);
  return `${parts.join(', ')} of CPU per friend`;
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};

/** Stops the services started so far (also when the benchmark fails: they run in their own process groups). */
const cleanups: (() => Promise<unknown>)[] = [];
const cleanUp = async () => {
  for (const stop of cleanups.splice(0).reverse()) await stop().catch(() => {});
};

async function main() {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'kizuna-bench-'));
  chmodSync(tmp, 0o755); // PostgreSQL runs as its own user and must reach its data directory
  const pg = await startEmbeddedPostgres({ dir: path.join(tmp, 'pg') });
  cleanups.push(() => pg.stop());
  await migrateDatabase(pg.url);
  const dbFile = path.join(tmp, 'temporal.db');
  const temporal = await startTemporalDevServer({ port: await freePort(), ...(process.env.MEMDB ? {} : { dbFile }) });
  cleanups.push(() => temporal.stop());
  // The LINE stand-in runs in its own process, as LINE would be remote (its request validation costs no worker CPU).
  const sandboxPort = await freePort();
  const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
  const sandboxProc = runService(
    'sandbox',
    path.join(repoRoot, 'node_modules', '.bin', 'tsx'),
    [path.join(repoRoot, 'devstack', 'line-sandbox', 'main.ts')],
    {
      cwd: repoRoot,
      env: { ...process.env, PORT: String(sandboxPort), LINE_CHANNEL_ACCESS_TOKEN: 'bench' },
      log: () => {},
    },
  );
  cleanups.push(() => sandboxProc.stop());
  await waitForHttp(`${sandboxUrl}/__sandbox/stats`, 60_000);
  const admin = async (method: string, p: string, body?: unknown) => {
    const res = await fetch(`${sandboxUrl}/__sandbox${p}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return (await res.json()) as Record<string, unknown>;
  };
  // LINE's limit set equal to the configured rate, counted the strictest way: a burst past it shows up as 429s.
  await admin('POST', '/config', { acceptUnknownUsers: true, pushPerSecond: SEND_RATE, rateLimitMode: 'sliding-window' });
  const { db, sql: raw, close } = createDb(pg.url, { max: CAPACITY.dbPool });
  const connection = await Connection.connect({ address: temporal.address });
  // Payloads encrypted as in production (the dev key): the codec's cost is part of what the bench measures.
  const client = new Client({ connection, dataConverter: clientDataConverter(devPayloadKeys()) });
  const native = await NativeConnection.connect({ address: temporal.address });
  // The closed loop learns that a friend is done when the worker's push returned (LINE accepted it), or that a baseline
  // workflow is done when its no-op ran: both in this process, at no cost to either run.
  const finished = new Map<string, () => void>();
  const whenFinished = (key: string) => (OPEN ? null : new Promise<void>((resolve) => finished.set(key, resolve)));
  const finish = (key: string) => {
    finished.get(key)?.();
    finished.delete(key);
  };
  // When the worker called LINE for each push attempt (by retry key, in order): Kizuna's side of the pacing.
  const departures = new Map<string, number[]>();
  class ObservedLine extends messagingApi.MessagingApiClient {
    override async pushMessageWithHttpInfo(...args: Parameters<messagingApi.MessagingApiClient['pushMessageWithHttpInfo']>) {
      const key = args[1] ?? args[0].to;
      departures.set(key, [...(departures.get(key) ?? []), Date.now()]);
      const res = await super.pushMessageWithHttpInfo(...args);
      finish(args[0].to);
      return res;
    }
  }
  const line = new ObservedLine({ channelAccessToken: 'bench', baseURL: sandboxUrl });
  // Two baselines, one no-op activity per workflow each: the (the no-op on the workflow's queue, so the SDK runs
  // it eagerly) and one shaped like a send to Temporal (its own queue with a server-side rate, the runs' three search
  // attributes), which shows how much of the gap is that shape rather than the engine's own work.
  const baselines = {
    plain: {
      prefix: 'base-',
      start: new Map<string, number>(),
      done: new Map<string, number>(),
      chunkSecs: [] as number[],
      cpu: [] as Cpu[],
    },
    shaped: {
      prefix: 'shaped-',
      start: new Map<string, number>(),
      done: new Map<string, number>(),
      chunkSecs: [] as number[],
      cpu: [] as Cpu[],
    },
  };
  type BaselineKind = keyof typeof baselines;
  const taskQueue = 'bench';
  const sendTaskQueue = 'bench-send';
  // The bench builds its own activities, so it gives them the send worker's pacer itself.
  const sendPacer = createDbSendPacer(db, sendTaskQueue, SEND_RATE);
  const deps = { db, line, sendPacer };
  // The product's activities plus the baselines' no-op, which says when it ran.
  const activities = createBenchActivities(deps, (id, at) => {
    baselines[id.startsWith(baselines.shaped.prefix) ? 'shaped' : 'plain'].done.set(id, at);
    finish(id);
  });
  // The product's workflows plus the baselines, bundled from the bench's own workflowsPath.
  const workflowBundle = await bundleWorkflows(path.join(import.meta.dirname, 'workflows.ts'));
  const common = { connection: native, namespace: 'default', taskQueue, sendTaskQueue, deps, activities, workflowBundle };
  const worker = await createWorker({
    ...common,
    capacity: { activitySlots: CAPACITY.activitySlots, maxCachedWorkflows: CAPACITY.maxCachedWorkflows },
  });
  const sendWorker = await createSendWorker({ ...common, sendRatePerSecond: SEND_RATE, capacity: { activitySlots: CAPACITY.sendSlots } });
  const noopQueue = 'bench-noop';
  const { benchNoop } = activities;
  const noopWorker = await Worker.create({
    connection: native,
    namespace: 'default',
    taskQueue: noopQueue,
    activities: { benchNoop },
    dataConverter: workerDataConverter(),
    maxTaskQueueActivitiesPerSecond: SEND_RATE,
  });
  const running = Promise.all([worker.run(), sendWorker.run(), noopWorker.run()]);
  const engine: EngineDeps = { db, temporal: client, taskQueue, sendTaskQueue };

  const load = OPEN ? 'open loop (64 concurrent starts, no back-pressure)' : `closed loop (${IN_FLIGHT} in flight)`;
  console.log(
    `Kizuna engine benchmark: N=${N} friends, parked=${PARKED}, ${ROUNDS} alternating rounds, ${load}, 3 workers (main, send queue paced at ≤ ${SEND_RATE} in any second, the shaped baseline's no-op queue at ${SEND_RATE}/s), Temporal dev server, embedded PostgreSQL\n`,
  );

  // The engine's scenario and its N friends (in PostgreSQL and in the LINE sandbox), set up before anything is timed.
  const plan = compile(graph(false));
  const [s] = await db
    .insert(scenarios)
    .values({ name: 'bench', draft: graph(false), status: 'live' })
    .returning();
  const v = await insertVersion(db, { scenarioId: s!.id, graph: graph(false), plan, publishedBy: 'bench' });
  const rows = await db
    .insert(friends)
    .values(Array.from({ length: N }, (_, i) => ({ lineUserId: `U${i.toString(16).padStart(32, '0')}`, displayName: `友だち${i}` })))
    .returning({ id: friends.id, lineUserId: friends.lineUserId });
  await pool(rows, async (f) => {
    await admin('POST', '/friends', { userId: f.lineUserId, displayName: 'bench', webhook: false });
  });
  const accepted = async () => {
    const stats = await admin('GET', '/stats?perUser=false');
    const push = (stats.endpoints as Record<string, { accepted: number }> | undefined)?.push;
    return push?.accepted ?? 0;
  };
  // Every workflow of a phase closed (its last workflow task included), so no work spills into the next phase.
  const settle = async () => {
    while ((await client.workflow.count('ExecutionStatus="Running"')).count > 0) await new Promise((r) => setTimeout(r, 250));
  };

  // The Temporal server gets slower as its store fills, so no run may always go last: the N friends and the N workflows
  // of each baseline run in ROUNDS alternating chunks (baselines first in even rounds, engine first in odd ones).
  const chunks = Array.from({ length: ROUNDS }, (_, r) => [Math.floor((r * N) / ROUNDS), Math.floor(((r + 1) * N) / ROUNDS)] as const);
  const start = new Map<string, number>();
  const engineChunks: { t: number; from: number; to: number }[] = [];
  const engineCpu: Cpu[] = [];
  let acceptedSoFar = 0;
  const engineIds: string[] = [];

  // Baselines: trivial workflows, each running one no-op activity.
  const startBaseline = (kind: BaselineKind, id: string, i: number) =>
    kind === 'plain'
      ? client.workflow.start('benchBaseline', { taskQueue, workflowId: id, args: [id] })
      : client.workflow.start('benchBaselineOwnQueue', {
          taskQueue,
          workflowId: id,
          args: [id, noopQueue],
          typedSearchAttributes: runSearchAttributes(s!.id, v.id, rows[i]!.id),
        });
  const baselinePhase = (kind: BaselineKind) => async (from: number, to: number) => {
    const b = baselines[kind];
    const ids = Array.from({ length: to - from }, (_, i) => `${b.prefix}${from + i}`);
    const cpu0 = cpuByCommand();
    const t0 = Date.now();
    await pool(
      ids,
      async (id) => {
        const done = whenFinished(id);
        b.start.set(id, Date.now());
        await startBaseline(kind, id, Number(id.slice(b.prefix.length)));
        await done;
      },
      STARTERS,
    );
    while (ids.some((id) => !b.done.has(id))) await new Promise((r) => setTimeout(r, 100));
    b.chunkSecs.push((Math.max(...ids.map((id) => b.done.get(id)!)) - t0) / 1000);
    await settle();
    b.cpu.push([cpu0, cpuByCommand()]);
  };
  // Engine: friends enter a one-send scenario through the trigger path; a friend is done when the sandbox accepted its push.
  const enginePhase = async (from: number, to: number) => {
    const cpu0 = cpuByCommand();
    const t = Date.now();
    await pool(
      rows.slice(from, to),
      async (f) => {
        const done = whenFinished(f.lineUserId);
        start.set(f.lineUserId, Date.now());
        const started = await startFriendRun(engine, { scenarioId: s!.id, versionId: v.id, plan, friendId: f.id, entryKey: 'bench' });
        if (started.started) engineIds.push(started.workflowId);
        else throw new Error(`bench friend ${f.lineUserId} did not enter: ${started.reason}`);
        await done;
      },
      STARTERS,
    );
    acceptedSoFar += to - from;
    // Polled once a second, without the per-friend list (~80 B a friend), not to charge its JSON to the engine. When each
    // push arrived is read from the inboxes afterwards, so the poll interval does not touch the rate.
    while ((await accepted()) < acceptedSoFar) await new Promise((r) => setTimeout(r, 1000));
    await settle();
    engineCpu.push([cpu0, cpuByCommand()]);
    engineChunks.push({ t, from, to });
  };
  for (const [r, [from, to]] of chunks.entries()) {
    const order = [baselinePhase('plain'), baselinePhase('shaped'), enginePhase];
    for (const phase of r % 2 === 0 ? order : order.reverse()) await phase(from, to);
  }
  const latOf = (b: (typeof baselines)[BaselineKind]) => [...b.done].map(([id, at]) => at - b.start.get(id)!);

  // When each push arrived, from the sandbox's inboxes (read after the timed phases).
  const arrived = new Map<string, number>();
  await pool(rows, async (f) => {
    const inbox = await admin('GET', `/friends/${f.lineUserId}/inbox`);
    const first = (inbox.messages as { receivedAt: string }[] | undefined)?.[0];
    const at = Date.parse(first?.receivedAt ?? '');
    if (Number.isFinite(at)) arrived.set(f.lineUserId, at);
  });
  const lat = rows.flatMap((f) => (arrived.has(f.lineUserId) ? [arrived.get(f.lineUserId)! - start.get(f.lineUserId)!] : []));
  const engineChunkSecs = engineChunks.map(
    (c) => (Math.max(...rows.slice(c.from, c.to).map((f) => arrived.get(f.lineUserId) ?? NaN)) - c.t) / 1000,
  );
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const engineSecs = sum(engineChunkSecs);

  // What one workflow of each run stored on the server: its events and their encoded size.
  const historyOf = async (id: string) => {
    const h = await client.workflow.getHandle(id).fetchHistory();
    const events = (h.events ?? []).map((e) => {
      const type = String(proto.api.enums.v1.EventType[e.eventType ?? 0] ?? e.eventType)
        .replace('EVENT_TYPE_', '')
        .toLowerCase();
      return `${type} ${proto.api.history.v1.HistoryEvent.encode(e).finish().length}`;
    });
    return `${events.length} events, ${proto.api.history.v1.History.encode(h).finish().length} B (${events.join(', ')})`;
  };
  const histories = { plain: await historyOf('base-0'), shaped: await historyOf('shaped-0'), engine: await historyOf(engineIds[0]!) };

  // Parking: friends waiting 7 days before their send.
  const waitGraph = graph(true);
  const wplan = compile(waitGraph);
  const [ws] = await db.insert(scenarios).values({ name: 'bench-wait', draft: waitGraph, status: 'live' }).returning();
  const wv = await insertVersion(db, { scenarioId: ws!.id, graph: waitGraph, plan: wplan, publishedBy: 'bench' });
  const parkedFriends =
    PARKED === 0
      ? []
      : await db
          .insert(friends)
          .values(
            Array.from({ length: PARKED }, (_, i) => ({ lineUserId: `Up${i.toString(16).padStart(31, '0')}`, displayName: `待機${i}` })),
          )
          .returning({ id: friends.id });
  const pgBytes = async () => Number((await raw`select pg_database_size(current_database()) as b`)[0]?.b ?? 0);
  const tBytes = () =>
    ['', '-wal', '-shm'].reduce((a, suf) => {
      try {
        return a + statSync(dbFile + suf).size;
      } catch {
        return a;
      }
    }, 0);
  const [pg0, t0b] = [await pgBytes(), tBytes()];
  await pool(parkedFriends, async (f) => {
    await startFriendRun(engine, { scenarioId: ws!.id, versionId: wv.id, plan: wplan, friendId: f.id, entryKey: 'bench' });
  });
  const parked = async () =>
    Number(
      (
        await db
          .select({ n: sql<number>`count(*)::int` })
          .from((await import('../../db/schema')).runs)
          .where(eq((await import('../../db/schema')).runs.currentNodeId, 'wait'))
      )[0]?.n ?? 0,
    );
  while (PARKED > 0 && (await parked()) < PARKED) await new Promise((r) => setTimeout(r, 500));
  if (PARKED > 0) await new Promise((r) => setTimeout(r, 3000)); // let the server flush its writes
  const [pg1, t1b] = [await pgBytes(), tBytes()];
  const rss = process.memoryUsage().rss;

  const f1 = (x: number) => x.toFixed(1);
  const engineRate = N / engineSecs;
  const rateOf = (kind: BaselineKind) => N / sum(baselines[kind].chunkSecs);
  const [plainLat, shapedLat] = [latOf(baselines.plain), latOf(baselines.shaped)];
  console.log('| run | friends/s | p50 latency | p95 latency |');
  console.log('|---|---|---|---|');
  console.log(`| baseline (1 no-op activity per workflow) | ${f1(rateOf('plain'))} | ${pct(plainLat, 50)} ms | ${pct(plainLat, 95)} ms |`);
  console.log(
    `| baseline shaped like a send (no-op on its own rate-limited queue, 3 search attributes) | ${f1(rateOf('shaped'))} | ${pct(shapedLat, 50)} ms | ${pct(shapedLat, 95)} ms |`,
  );
  console.log(`| engine (entry → LINE accepted the push) | ${f1(engineRate)} | ${pct(lat, 50)} ms | ${pct(lat, 95)} ms |`);
  console.log(
    `\nbaseline: ${cpuPerFriend(baselines.plain.cpu, N)}\nshaped:   ${cpuPerFriend(baselines.shaped.cpu, N)}\nengine:   ${cpuPerFriend(engineCpu, N)}`,
  );
  console.log(
    `\nhistory of one baseline workflow: ${histories.plain}\nhistory of one shaped baseline:   ${histories.shaped}\nhistory of one engine workflow:   ${histories.engine}`,
  );
  console.log(`\nratio engine/baseline: ${(engineRate / rateOf('plain')).toFixed(2)}× (goal ≥ 0.8×)`);
  // Each round's chunks ran back to back, so their ratio is the least touched by the machine's drift.
  const perRound = (kind: BaselineKind) => baselines[kind].chunkSecs.map((b, r) => `${(b / engineChunkSecs[r]!).toFixed(2)}×`).join(', ');
  console.log(`ratio per round: ${perRound('plain')}`);
  console.log(
    `ratio engine/shaped baseline (for reference: how much of the gap is the send's shape in Temporal): ${(engineRate / rateOf('shaped')).toFixed(2)}×; per round ${perRound('shaped')}`,
  );
  // Pacing: the busiest second against the configured rate, as the worker called LINE and as the sandbox's limiter saw
  // the requests arrive (its request log, 429s included); the way between them is the machine's share.
  const requestLog = (await admin('GET', '/requests?limit=10000')).requests as { at: string; endpoint: string; retryKey?: string }[];
  const pushLog = requestLog.filter((r) => r.endpoint === 'push');
  const nth = new Map<string, number>();
  const transit = pushLog.flatMap((r) => {
    const key = r.retryKey ?? '';
    const i = nth.get(key) ?? 0;
    nth.set(key, i + 1);
    const left = departures.get(key)?.[i];
    return left === undefined ? [] : [Date.parse(r.at) - left];
  });
  const pushStats = (await admin('GET', '/stats?perUser=false')) as { totals?: { status429?: number } };
  console.log(
    `\npushes in the busiest one-second window: ${mostInAnyWindow([...departures.values()].flat())} as the worker called LINE, ${mostInAnyWindow(pushLog.map((r) => Date.parse(r.at)))} as they reached the sandbox${requestLog.length >= 10_000 ? ' (of the last 10,000 requests it logged)' : ''} (configured ${SEND_RATE}/s, LINE's limit 2,000/s); 429s from the sandbox (limit ${SEND_RATE}/s, sliding window): ${pushStats.totals?.status429 ?? '?'}; call → sandbox p50 / p99 / max ${pct(transit, 50)} / ${pct(transit, 99)} / ${Math.max(0, ...transit)} ms; pacer ${JSON.stringify(sendPacer.stats())}`,
  );
  if (PARKED > 0)
    console.log(
      `storage per friend parked in a 7-day wait: Temporal ${f1((t1b - t0b) / PARKED)} B + PostgreSQL ${f1((pg1 - pg0) / PARKED)} B`,
    );
  else console.log('storage per friend parked: not measured (PARKED=0)');
  console.log(
    `worker capacity: pool ${CAPACITY.dbPool}, ${CAPACITY.activitySlots} activity + ${CAPACITY.sendSlots} send slots, ${CAPACITY.maxCachedWorkflows} cached workflows`,
  );
  console.log(`worker process RSS with ${PARKED} friends parked (bench process = worker + client): ${f1(rss / 1024 / 1024)} MiB`);

  worker.shutdown();
  sendWorker.shutdown();
  noopWorker.shutdown();
  await running;
  await native.close();
  await connection.close();
  await close();
  await cleanUp();
  rmSync(tmp, { recursive: true, force: true });
}

main().catch(async (err: unknown) => {
  console.error(err);
  await cleanUp();
  process.exit(1);
});
