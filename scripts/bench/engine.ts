// `npm run bench:engine`: friends through a one-send scenario vs. no-op baselines on the same Temporal server.
import { statSync } from 'node:fs';
import protos from '@temporalio/proto';

const proto = protos.temporal;
import { and, eq, sql } from 'drizzle-orm';
import { loadEntrySnapshot } from '../../db/queries/friend-snapshot';
import { insertVersion } from '../../db/queries/scenario-versions';
import { friends, outbox, scenarios } from '../../db/schema';
import { startFriendRun } from '../../lib/engine/start-run';
import { runWorkflowId } from '../../lib/engine/workflow-ids';
import { compile } from '../../scenario/compile';
import type { ScenarioGraphInput } from '../../scenario/schema';
import {
  FRIEND_SCENARIO_WORKFLOW,
  runSearchAttributes,
  type FriendScenarioInput,
  type FriendScenarioWorkflow,
} from '../../workflows/contract';
import { mostInAnyWindow } from '../../worker/send-slots';
import {
  benchCapacity,
  cleanUp,
  cpuMsPer,
  cpuPerFriend,
  cpuSampler,
  oneSendGraph as graph,
  pct,
  pool,
  quietTemporalRuntime,
  startBenchServices,
  startBenchWorkers,
  type Cpu,
} from './harness';
import { measuredNow, writeBenchResult } from './results';
import { billableSteps, cloudCostUsd, countActions, minimumActions, TEMPORAL_CLOUD_LIST_PRICE } from './temporal-actions';

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
/** ACTIONS_ONLY=1: only the Temporal actions per friend (a minute or two); ACTIONS_N friends through each scenario. */
const ACTIONS_ONLY = process.env.ACTIONS_ONLY === '1';
const ACTIONS_N = Math.max(1, Number(process.env.ACTIONS_N ?? 20));
// The worker's capacity from the product's own variables and defaults (README, worker/capacity.ts).
const CAPACITY = benchCapacity();
/** The variables this bench reads, named in bench-results/engine.json's command. */
const KNOBS = [
  'N',
  'PARKED',
  'ROUNDS',
  'IN_FLIGHT',
  'OPEN',
  'SEND_RATE',
  'ACTIONS_ONLY',
  'ACTIONS_N',
  'KIZUNA_WORKER_MAX_CACHED_WORKFLOWS',
];

quietTemporalRuntime();

/** The three-step welcome: send, wait, send, wait, send (waits of one minute; the runs compress them 60×). */
function welcomeGraph(): ScenarioGraphInput {
  const send = (id: string, y: number) => ({
    id,
    kind: 'send' as const,
    position: { x: 0, y },
    data: { messages: [{ type: 'text' as const, text: `{{friend.displayName}}さん、${id}` }] },
  });
  const wait = (id: string, y: number) => ({
    id,
    kind: 'wait' as const,
    position: { x: 0, y },
    data: { mode: 'duration' as const, amount: 1, unit: 'minutes' as const },
  });
  const order = ['trigger', 'send1', 'wait1', 'send2', 'wait2', 'send3', 'end'];
  return {
    schemaVersion: 1,
    settings: { timeZone: 'Asia/Tokyo', splitSalt: 'bench' },
    nodes: [
      { id: 'trigger', kind: 'trigger', position: { x: 0, y: 0 }, data: { trigger: { type: 'friend_added' }, reEntry: 'once' } },
      send('send1', 100),
      wait('wait1', 200),
      send('send2', 300),
      wait('wait2', 400),
      send('send3', 500),
      { id: 'end', kind: 'end', position: { x: 0, y: 600 }, data: {} },
    ],
    edges: order.slice(1).map((target, i) => ({ id: `a${i}`, source: order[i]!, sourceHandle: 'next', target })),
  };
}

const f1 = (x: number) => x.toFixed(1);

async function main() {
  const services = await startBenchServices({ sendRate: SEND_RATE });
  const { admin, dbFile } = services;
  const cpuByCommand = cpuSampler(services.roles);
  // The closed loop learns that a friend is done when the worker's push returned (LINE accepted it), or that a baseline
  // workflow is done when its no-op ran: both in this process, at no cost to either run.
  const finished = new Map<string, () => void>();
  const whenFinished = (key: string) => (OPEN ? null : new Promise<void>((resolve) => finished.set(key, resolve)));
  const finish = (key: string) => {
    finished.get(key)?.();
    finished.delete(key);
  };
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
  // The product's workers and activities plus the baselines' no-op, which says when it ran; a push LINE accepted ends a friend.
  const workers = await startBenchWorkers(services, {
    sendRate: SEND_RATE,
    capacity: CAPACITY,
    onNoop: (id, at) => {
      baselines[id.startsWith(baselines.shaped.prefix) ? 'shaped' : 'plain'].done.set(id, at);
      finish(id);
    },
    onPushed: finish,
  });
  const { db, raw, client, engine, taskQueue, noopQueue, sendPacer, departures } = workers;
  const { sendTaskQueue } = engine;
  const stopAll = async () => {
    await workers.stop();
    await cleanUp();
    services.removeTmp();
  };

  // What actionsReport counted (one send, welcome), for bench-results/engine.json.
  const actionsPerFriend: number[] = [];
  const actionsGroup = () => ({
    measured: measuredNow('bench:engine', KNOBS),
    friendsPerScenario: ACTIONS_N,
    oneSendPerFriend: actionsPerFriend[0],
    welcomePerFriend: actionsPerFriend[1],
    welcomeSends: 3,
    welcomeWaits: 2,
  });
  /**
   * Temporal actions per friend: ACTIONS_N friends through each scenario (entered as the trigger path enters them, their
   * waits compressed 60×, which changes no action), counted from their histories once every run completed.
   */
  const actionsReport = async (): Promise<string[]> => {
    const shapes = [
      { name: 'one send', graph: graph(false), sends: 1, waits: 0 },
      { name: 'welcome: send, wait, send, wait, send', graph: welcomeGraph(), sends: 3, waits: 2 },
    ];
    const price = TEMPORAL_CLOUD_LIST_PRICE;
    const lines = [
      `Temporal actions per friend (billable units, counted from ${ACTIONS_N} histories per scenario; priced at Temporal Cloud ${price.plan} list price $${price.usdPerMillionActions} per million actions as of ${price.asOf}, first volume tier, plan minimum and storage left out):`,
      '| scenario | actions per friend | minimum | over the minimum | counted | one history, in order | Temporal Cloud per 10,000 friends |',
      '|---|---|---|---|---|---|---|',
    ];
    for (const [k, shape] of shapes.entries()) {
      const aplan = compile(shape.graph);
      const [sc] = await db
        .insert(scenarios)
        .values({ name: `bench-actions-${k}`, draft: shape.graph, status: 'live' })
        .returning();
      const ver = await insertVersion(db, { scenarioId: sc!.id, graph: shape.graph, plan: aplan, publishedBy: 'bench' });
      const fs = await db
        .insert(friends)
        .values(
          Array.from({ length: ACTIONS_N }, (_, i) => ({
            lineUserId: `Ua${k}${i.toString(16).padStart(30, '0')}`,
            displayName: `計数${i}`,
          })),
        )
        .returning({ id: friends.id });
      const ids: string[] = [];
      await pool(fs, async (f) => {
        const entry = await loadEntrySnapshot(db, f.id, sc!.id);
        if (!entry) throw new Error(`bench friend ${f.id} has no entry snapshot`);
        const workflowId = runWorkflowId(sc!.id, f.id, 'once', 'bench');
        const input: FriendScenarioInput = {
          scenarioId: sc!.id,
          versionId: ver.id,
          friendId: f.id,
          compress: 60,
          triggerEvent: null,
          sendTaskQueue,
          start: { plan: aplan, friend: entry.friend },
        };
        await client.workflow.start<FriendScenarioWorkflow>(FRIEND_SCENARIO_WORKFLOW, {
          taskQueue,
          workflowId,
          args: [input],
          typedSearchAttributes: runSearchAttributes(sc!.id, ver.id, f.id),
        });
        ids.push(workflowId);
      });
      const done = await Promise.all(ids.map((id) => client.workflow.getHandle(id).result()));
      const notSent = done.filter((d) => d?.reason !== 'end');
      if (notSent.length > 0) throw new Error(`${notSent.length} ${shape.name} runs did not reach the end: ${JSON.stringify(notSent[0])}`);
      const [sent] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(outbox)
        .where(and(eq(outbox.scenarioId, sc!.id), eq(outbox.status, 'sent')));
      if (sent?.n !== ACTIONS_N * shape.sends) throw new Error(`${shape.name}: ${sent?.n} sends went out, not ${ACTIONS_N * shape.sends}`);
      const histories = await Promise.all(ids.map((id) => client.workflow.getHandle(id).fetchHistory()));
      const counts = histories.map(countActions);
      const mean = (f: (c: (typeof counts)[number]) => number) => counts.reduce((a, c) => a + f(c), 0) / counts.length;
      const perFriend = mean((c) => c.total);
      actionsPerFriend[k] = perFriend;
      const min = minimumActions(shape);
      const parts = [
        `${f1(mean((c) => c.workflowStarted))} start`,
        `${f1(mean((c) => c.activities))} activities`,
        `${f1(mean((c) => c.activityRetries))} retries`,
        `${f1(mean((c) => c.timers))} timers`,
        `${f1(mean((c) => c.signals))} signals`,
        `${f1(mean((c) => c.searchAttributeUpserts))} upserts`,
      ];
      const free = `not billed: ${f1(mean((c) => c.free.patchMarkers))} patch markers, ${f1(mean((c) => c.free.changeVersionUpserts))} change-version upserts`;
      lines.push(
        `| ${shape.name} | ${perFriend.toFixed(2)} | ${min} (1 start + ${shape.sends} sends + ${shape.waits} timers) | ${(perFriend - min).toFixed(2)} | ${parts.join(', ')} (${free}) | ${billableSteps(histories[0]!).join(', ')} | $${cloudCostUsd(perFriend, 10_000).toFixed(2)} (minimum $${cloudCostUsd(min, 10_000).toFixed(2)}) |`,
      );
    }
    return lines;
  };

  if (ACTIONS_ONLY) {
    console.log(`Kizuna engine benchmark, Temporal actions only (ACTIONS_ONLY=1): ${ACTIONS_N} friends per scenario\n`);
    for (const l of await actionsReport()) console.log(l);
    writeBenchResult('engine', { actions: actionsGroup() });
    await stopAll();
    return;
  }

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

  // Actions per friend, before parking fills the server.
  const actions = await actionsReport();

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

  console.log('');
  for (const l of actions) console.log(l);
  // The unit costs `npm run capacity` reads (the parked group only when friends were parked).
  const measured = measuredNow('bench:engine', KNOBS);
  writeBenchResult('engine', {
    actions: actionsGroup(),
    cpu: {
      measured,
      friends: N,
      friendsPerSecond: Number(f1(engineRate)),
      ...Object.fromEntries(
        (['temporal', 'worker', 'postgres', 'sandbox'] as const).map((role) => [
          `${role}MsPerFriend`,
          Number(cpuMsPer(engineCpu, role, N).toFixed(1)),
        ]),
      ),
    },
    ...(PARKED > 0
      ? {
          parked: {
            measured,
            friends: PARKED,
            temporalBytesPerFriend: Math.round((t1b - t0b) / PARKED),
            postgresBytesPerFriend: Math.round((pg1 - pg0) / PARKED),
            processRssMiB: Number(f1(rss / 1024 / 1024)),
          },
        }
      : {}),
  });
  await stopAll();
}

main().catch(async (err: unknown) => {
  console.error(err);
  await cleanUp();
  process.exit(1);
});
