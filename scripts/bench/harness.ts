// What bench:engine, bench:welcome and bench:broadcast share: their own services (embedded PostgreSQL, a Temporal dev
// server with a SQLite file, the LINE sandbox in its own process with a push limit), the bench workers (main, send
// queue paced at the configured rate, the shaped baseline's no-op queue), CPU per process from /proc, and small helpers.
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { messagingApi } from '@line/bot-sdk';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker, makeTelemetryFilterString } from '@temporalio/worker';
import { createDb } from '../../db/client';
import { migrateDatabase } from '../../db/migrate';
import { repoRoot } from '../../devstack/paths';
import { freePort, startEmbeddedPostgres } from '../../devstack/postgres';
import { runService, waitForHttp, type Service } from '../../devstack/services';
import { startTemporalDevServer } from '../../devstack/temporal';
import type { EngineDeps } from '../../lib/engine/deps';
import { clientDataConverter } from '../../lib/temporal/data-converter';
import { devPayloadKeys } from '../../lib/temporal/payload-keys';
import type { ScenarioGraphInput } from '../../scenario/schema';
import { workerCapacity, type WorkerCapacity } from '../../worker/capacity';
import { bundleWorkflows, createSendWorker, createWorker, workerDataConverter } from '../../worker/create-worker';
import { createDbSendPacer } from '../../worker/send-pacer';
import { createBenchActivities } from './activities';

/** Only errors from the Temporal SDK's runtime (call once per process, before any worker or connection). */
export function quietTemporalRuntime() {
  Runtime.install({
    logger: new DefaultLogger('ERROR'),
    telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'ERROR' }), forward: {} } },
  });
}

/** The worker's capacity from the product's own variables and defaults (README, worker/capacity.ts). */
export function benchCapacity(): WorkerCapacity {
  const optional = (name: string) => (process.env[name] ? Number(process.env[name]) : undefined);
  return workerCapacity({
    KIZUNA_WORKER_DB_POOL: optional('KIZUNA_WORKER_DB_POOL') ?? 20,
    KIZUNA_WORKER_ACTIVITY_SLOTS: optional('KIZUNA_WORKER_ACTIVITY_SLOTS'),
    KIZUNA_WORKER_SEND_SLOTS: optional('KIZUNA_WORKER_SEND_SLOTS'),
    KIZUNA_WORKER_MAX_CACHED_WORKFLOWS: optional('KIZUNA_WORKER_MAX_CACHED_WORKFLOWS') ?? 2000,
  });
}

/** A one-send welcome (friend added → send → end), optionally behind a 7-day wait. */
export function oneSendGraph(withWait: boolean): ScenarioGraphInput {
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

export async function pool<T>(items: T[], fn: (item: T) => Promise<void>, concurrency = 64) {
  let i = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (i < items.length) await fn(items[i++]!);
    }),
  );
}

export const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Stops the services started so far (also when the benchmark fails: they run in their own process groups). */
const cleanups: (() => Promise<unknown>)[] = [];
export const cleanUp = async () => {
  for (const stop of cleanups.splice(0).reverse()) await stop().catch(() => {});
};
export const onCleanUp = (stop: () => Promise<unknown>) => {
  // Interrupted (Ctrl-C, a timeout): the services in their own process groups are stopped too.
  if (cleanups.length === 0)
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void cleanUp().finally(() => process.exit(130)));
  cleanups.push(stop);
};

/** CPU seconds so far of every process the bench knows, by pid with its role (Linux /proc; 100 ticks per second). */
export type CpuSample = Map<number, { comm: string; secs: number }>;
export type Cpu = [before: CpuSample, after: CpuSample];

/**
 * Who is who, so that other processes on a shared machine are never counted: this process is the worker (and the bench's
 * client), services started with runService are whole process groups, PostgreSQL is its postmaster and its children.
 */
export interface CpuRoles {
  groups: Record<string, number | undefined>;
  pids: Record<string, number | undefined>;
  postmaster?: number;
}

export function cpuSampler(roles: CpuRoles): () => CpuSample {
  const byGroup = new Map(Object.entries(roles.groups).flatMap(([k, v]) => (v ? [[v, k] as const] : [])));
  const byPid = new Map(Object.entries(roles.pids).flatMap(([k, v]) => (v ? [[v, k] as const] : [])));
  return () => {
    const out: CpuSample = new Map();
    for (const d of readdirSync('/proc').filter((x) => /^\d+$/.test(x))) {
      const pid = Number(d);
      try {
        const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        const [ppid, pgrp] = [Number(fields[1]), Number(fields[2])];
        const comm =
          pid === process.pid
            ? 'worker'
            : (byPid.get(pid) ??
              byGroup.get(pgrp) ??
              (roles.postmaster && (pid === roles.postmaster || ppid === roles.postmaster) ? 'postgres' : null));
        if (comm) out.set(pid, { comm, secs: (Number(fields[11]) + Number(fields[12])) / 100 });
      } catch {
        /* the process ended meanwhile */
      }
    }
    return out;
  };
}

/** CPU milliseconds one role spent over the phases, per unit (summed per process alive at each phase's end). */
export function cpuMsPer(phases: Cpu[], role: string, n: number): number {
  let sum = 0;
  for (const [before, after] of phases) {
    for (const [pid, a] of after) {
      const b = before.get(pid);
      // A pid reused by a new process starts from zero.
      if (a.comm === role) sum += a.secs - (b && b.comm === role && b.secs <= a.secs ? b.secs : 0);
    }
  }
  return (sum * 1000) / n;
}

/**
 * Where the phases' CPU went, per friend: Temporal server, PostgreSQL, this process (worker + client), the LINE sandbox
 * (and any other role asked for). A PostgreSQL backend that exits during a phase is not counted, so a figure can only be
 * low, never negative.
 */
export function cpuPerFriend(phases: Cpu[], n: number, roles = ['temporal', 'postgres', 'worker', 'sandbox']): string {
  return `${roles.map((c) => `${c} ${cpuMsPer(phases, c, n).toFixed(1)} ms`).join(', ')} of CPU per friend`;
}

export interface BenchServices {
  tmp: string;
  pgUrl: string;
  /** The Temporal dev server's SQLite file (its size is the server's storage). */
  dbFile: string;
  temporalAddress: string;
  sandboxUrl: string;
  /** The sandbox's admin API (/__sandbox…). */
  admin(method: string, p: string, body?: unknown): Promise<Record<string, unknown>>;
  /** Pushes accepted by the sandbox so far (its counters, without the per-friend list). */
  acceptedPushes(): Promise<number>;
  /** When each friend's first message reached its sandbox inbox (epoch ms), for the friends that have one. */
  firstArrivals(userIds: string[]): Promise<Map<string, number>>;
  roles: CpuRoles;
  /** Removes the temp dir (after cleanUp stopped the services). */
  removeTmp(): void;
}

/**
 * Embedded PostgreSQL (migrated), a Temporal dev server with a SQLite file (MEMDB=1: in memory), and the LINE stand-in
 * in its own process, as LINE would be remote (its request validation costs no worker CPU), its push limit set to
 * `sendRate` and counted the strictest way (a sliding window): a burst past it shows up as 429s.
 */
export async function startBenchServices(opts: { sendRate: number; channelSecret?: string; channelAccessToken?: string }) {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'kizuna-bench-'));
  chmodSync(tmp, 0o755); // PostgreSQL runs as its own user and must reach its data directory
  const pgDir = path.join(tmp, 'pg');
  const pg = await startEmbeddedPostgres({ dir: pgDir });
  onCleanUp(() => pg.stop());
  await migrateDatabase(pg.url);
  const dbFile = path.join(tmp, 'temporal.db');
  const temporal = await startTemporalDevServer({ port: await freePort(), ...(process.env.MEMDB ? {} : { dbFile }) });
  onCleanUp(() => temporal.stop());
  const sandboxPort = await freePort();
  const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
  const token = opts.channelAccessToken ?? 'bench';
  const sandboxProc: Service = runService(
    'sandbox',
    path.join(repoRoot, 'node_modules', '.bin', 'tsx'),
    [path.join(repoRoot, 'devstack', 'line-sandbox', 'main.ts')],
    {
      cwd: repoRoot,
      env: {
        ...process.env,
        PORT: String(sandboxPort),
        LINE_CHANNEL_ACCESS_TOKEN: token,
        ...(opts.channelSecret ? { LINE_CHANNEL_SECRET: opts.channelSecret } : {}),
      },
      log: () => {},
    },
  );
  onCleanUp(() => sandboxProc.stop());
  await waitForHttp(`${sandboxUrl}/__sandbox/stats`, 60_000);
  const admin = async (method: string, p: string, body?: unknown) => {
    const res = await fetch(`${sandboxUrl}/__sandbox${p}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return (await res.json()) as Record<string, unknown>;
  };
  await admin('POST', '/config', { acceptUnknownUsers: true, pushPerSecond: opts.sendRate, rateLimitMode: 'sliding-window' });
  const postmaster = Number(readFileSync(path.join(pgDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const services: BenchServices = {
    tmp,
    pgUrl: pg.url,
    dbFile,
    temporalAddress: temporal.address,
    sandboxUrl,
    admin,
    acceptedPushes: async () => {
      const stats = await admin('GET', '/stats?perUser=false');
      return (stats.endpoints as Record<string, { accepted: number }> | undefined)?.push?.accepted ?? 0;
    },
    firstArrivals: async (userIds) => {
      const arrived = new Map<string, number>();
      await pool(userIds, async (u) => {
        const inbox = await admin('GET', `/friends/${u}/inbox`);
        const at = Date.parse((inbox.messages as { receivedAt: string }[] | undefined)?.[0]?.receivedAt ?? '');
        if (Number.isFinite(at)) arrived.set(u, at);
      });
      return arrived;
    },
    roles: { groups: { sandbox: sandboxProc.child.pid }, pids: { temporal: temporal.child.pid }, postmaster },
    removeTmp: () => rmSync(tmp, { recursive: true, force: true }),
  };
  return services;
}

/**
 * The bench's workers in this process, on its own queues: the main one and the send queue (paced at `sendRate` in
 * every second by the product's pacer) run the product's workflows and activities (plus the baselines'), and a third
 * polls the shaped baseline's no-op queue at the same server-side rate. `onNoop` hears when a baseline's no-op ran;
 * `onPushed` when LINE accepted a push (by user id). `departures` keeps when the worker called LINE for each push
 * attempt (by retry key, in order): Kizuna's side of the pacing.
 */
export async function startBenchWorkers(
  services: BenchServices,
  opts: {
    sendRate: number;
    capacity: WorkerCapacity;
    onNoop(id: string, at: number): void;
    onPushed?(userId: string): void;
  },
) {
  const { db, sql: raw, close } = createDb(services.pgUrl, { max: opts.capacity.dbPool });
  const connection = await Connection.connect({ address: services.temporalAddress });
  // Payloads encrypted as in production (the dev key): the codec's cost is part of what the bench measures.
  const client = new Client({ connection, dataConverter: clientDataConverter(devPayloadKeys()) });
  const native = await NativeConnection.connect({ address: services.temporalAddress });
  const departures = new Map<string, number[]>();
  class ObservedLine extends messagingApi.MessagingApiClient {
    override async pushMessageWithHttpInfo(...args: Parameters<messagingApi.MessagingApiClient['pushMessageWithHttpInfo']>) {
      const key = args[1] ?? args[0].to;
      departures.set(key, [...(departures.get(key) ?? []), Date.now()]);
      const res = await super.pushMessageWithHttpInfo(...args);
      opts.onPushed?.(args[0].to);
      return res;
    }
  }
  const line = new ObservedLine({ channelAccessToken: 'bench', baseURL: services.sandboxUrl });
  const taskQueue = 'bench';
  const sendTaskQueue = 'bench-send';
  const noopQueue = 'bench-noop';
  // The bench builds its own activities, so it gives them the send worker's pacer itself.
  const sendPacer = createDbSendPacer(db, sendTaskQueue, opts.sendRate);
  const deps = { db, line, sendPacer };
  const activities = createBenchActivities(deps, opts.onNoop);
  // The product's workflows plus the baselines, bundled from the bench's own workflowsPath.
  const workflowBundle = await bundleWorkflows(path.join(import.meta.dirname, 'workflows.ts'));
  const common = { connection: native, namespace: 'default', taskQueue, sendTaskQueue, deps, activities, workflowBundle };
  const worker = await createWorker({
    ...common,
    capacity: { activitySlots: opts.capacity.activitySlots, maxCachedWorkflows: opts.capacity.maxCachedWorkflows },
  });
  const sendWorker = await createSendWorker({
    ...common,
    sendRatePerSecond: opts.sendRate,
    capacity: { activitySlots: opts.capacity.sendSlots },
  });
  const noopWorker = await Worker.create({
    connection: native,
    namespace: 'default',
    taskQueue: noopQueue,
    activities: { benchNoop: activities.benchNoop },
    dataConverter: workerDataConverter(),
    maxTaskQueueActivitiesPerSecond: opts.sendRate,
  });
  const running = Promise.all([worker.run(), sendWorker.run(), noopWorker.run()]);
  const engine: EngineDeps = { db, temporal: client, taskQueue, sendTaskQueue, line };
  return {
    db,
    raw,
    client,
    engine,
    taskQueue,
    noopQueue,
    sendPacer,
    departures,
    /** Until no workflow runs (its last workflow task included), so no work spills into the next phase. */
    settle: async () => {
      while ((await client.workflow.count('ExecutionStatus="Running"')).count > 0) await sleep(250);
    },
    stop: async () => {
      worker.shutdown();
      sendWorker.shutdown();
      noopWorker.shutdown();
      await running;
      await native.close();
      await connection.close();
      await close();
    },
  };
}

export type BenchWorkers = Awaited<ReturnType<typeof startBenchWorkers>>;

/** Runs a command to its end (its output kept for the error), or throws. */
function command(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const keep = (b: Buffer) => (out = (out + b.toString()).slice(-4000));
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} exited ${code}:\n${out}`))));
  });
}

/**
 * The real Next.js app on this bench's services. `production` (default): `next build` into `distDir` (skipped with
 * `reuseBuild` when a build is there), then `next start`; `dev`: `next dev` (React's development build, compiled on first
 * request). It runs with KIZUNA_ENV=development, so the dev defaults the bench uses (payload key, secrets) are accepted.
 */
export async function startNextApp(opts: {
  mode: 'production' | 'dev';
  distDir: string;
  reuseBuild: boolean;
  env: Record<string, string>;
}) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const next = path.join(repoRoot, 'node_modules', '.bin', 'next');
  const nodeEnv: 'production' | 'development' = opts.mode === 'production' ? 'production' : 'development';
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: nodeEnv,
    KIZUNA_ENV: 'development',
    NEXT_DIST_DIR: opts.distDir,
    NEXT_TELEMETRY_DISABLED: '1',
    APP_BASE_URL: url,
    ...opts.env,
  };
  let buildSecs: number | null = null;
  if (opts.mode === 'production' && !(opts.reuseBuild && existsSync(path.join(repoRoot, opts.distDir, 'BUILD_ID')))) {
    const t = Date.now();
    await command(next, ['build'], env);
    buildSecs = (Date.now() - t) / 1000;
  }
  const args =
    opts.mode === 'production' ? ['start', '-p', String(port), '-H', '127.0.0.1'] : ['dev', '-p', String(port), '-H', '127.0.0.1'];
  const app = runService('next', next, args, { cwd: repoRoot, env, log: process.env.BENCH_VERBOSE ? undefined : () => {} });
  onCleanUp(() => app.stop());
  await waitForHttp(`${url}/sign-in`, 240_000);
  return { url, pgid: app.child.pid, buildSecs };
}
