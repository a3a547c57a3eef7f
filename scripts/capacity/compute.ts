// What a real account needs, computed from the benches' unit costs (bench-results/) and the stated assumptions: pure.
import { TEMPORAL_CLOUD_LIST_PRICE } from '../bench/temporal-actions';
import type { UnitCosts } from './unit-costs';

/** The account and the rules of thumb the table assumes; docs/capacity.md explains each. */
export const ASSUMPTIONS = {
  /** (a) A segment broadcast with one send to the whole list, paced at the product's default LINE rate (LINE allows 2,000/s). */
  broadcastFriends: 1_000_000,
  pushesPerSecond: 1_500,
  /**
   * A broadcast child is started without the plan and friend snapshot a trigger passes, so it loads them in one
   * `beginRun` activity before its send: one action more than the one-send friend bench:engine counts
   * (workflows/friend-scenario.ts; by the code, not measured).
   */
  broadcastExtraActionsPerFriend: 1,
  /** The broadcast parent (workflows/segment-broadcast.ts): one `broadcastPage` activity per page, continue-as-new every 20 pages. */
  broadcastPageSize: 500,
  broadcastPagesPerParentRun: 20,
  /** Temporal Cloud list price per million actions (Essentials, first volume tier; plan minimum and storage left out). */
  usdPerMillionActions: TEMPORAL_CLOUD_LIST_PRICE.usdPerMillionActions,
  priceAsOf: TEMPORAL_CLOUD_LIST_PRICE.asOf,
  /** (b) Friends parked in the welcome's waits (send, wait, send, wait, send) and each wait's length. */
  parkedFriends: 300_000,
  waitDays: 1,
  /** Cores one worker process is counted to use (activities run on one JavaScript thread; conservative). */
  coresPerWorkerProcess: 1,
  /** History shards: ≥ 1 per this many open workflows (Temporal's docs: a shard is responsible for tens of thousands). */
  openWorkflowsPerShard: 10_000,
  /**
   * … and ≥ 1 per this many actions/s at peak: a shard serialises its writes (history.shardIOConcurrency 1); the engine
   * bench's profile shows ~3 mutable-state writes per action, so at ~3 ms a write a shard takes ~100 actions/s.
   */
  peakActionsPerSecondPerShard: 100,
  /** Headroom for growth (the shard count cannot change after the cluster is created), then the next power of two. */
  shardHeadroom: 4,
  /** Never below the Temporal Helm chart's default. */
  minShards: 512,
} as const;
/** The same shape with any numbers, so a test or a reader can try another account. */
export type Assumptions = { [K in keyof typeof ASSUMPTIONS]: (typeof ASSUMPTIONS)[K] extends number ? number : string };

export interface CapacityRow {
  what: string;
  figure: string;
  how: string;
}
export interface Capacity {
  broadcast: CapacityRow[];
  parked: CapacityRow[];
  /** The same figures as numbers (seconds, actions, US dollars, cores, bytes). */
  figures: {
    broadcastSeconds: number;
    broadcastActions: number;
    broadcastActionsPerSecond: number;
    broadcastUsd: number;
    temporalCores: number;
    workerCores: number;
    workerProcesses: number;
    postgresCores: number;
    temporalDiskBytes: number;
    postgresDiskBytes: number;
    wakeActionsPerDay: number;
    welcomeActionsPerDay: number;
    historyShards: number;
  };
}

const group = (s: string) => s.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
/** Fixed decimals with thousands separators, independent of the machine's locale. */
export function num(x: number, decimals = 0): string {
  const [int, frac] = Math.abs(x).toFixed(decimals).split('.');
  return `${x < 0 ? '-' : ''}${group(int!)}${frac ? `.${frac}` : ''}`;
}
const bytes = (b: number) => (b >= 1e9 ? `${num(b / 1e9, 2)} GB` : `${num(b / 1e6, 1)} MB`);
const nextPow2 = (x: number) => 2 ** Math.ceil(Math.log2(Math.max(1, x)));

export function computeCapacity(u: UnitCosts, a: Assumptions = ASSUMPTIONS): Capacity {
  const { engine, broadcast, writePath, welcome } = u;
  const b = broadcast.run;

  // (a) The broadcast.
  const secs = a.broadcastFriends / a.pushesPerSecond;
  const childActions = engine.actions.oneSendPerFriend + a.broadcastExtraActionsPerFriend;
  const pages = Math.ceil(a.broadcastFriends / a.broadcastPageSize);
  const parentRuns = Math.ceil(pages / a.broadcastPagesPerParentRun);
  const parentActions = 1 + 1 + pages + (parentRuns - 1); // start, the timer to the send time, pages, continue-as-new
  const actions = a.broadcastFriends * childActions + parentActions;
  const usd = (n: number) => (n / 1e6) * a.usdPerMillionActions;
  const cores = (msPerFriend: number, perSecond: number) => (msPerFriend * perSecond) / 1000;
  const workerCores = cores(b.workerMsPerFriend, a.pushesPerSecond);
  const pgMsPerFriend = b.postgresMsPerFriendStep * b.runStepsPerFriend;
  const broadcastRows: CapacityRow[] = [
    {
      what: 'duration',
      figure: `${num(secs)} s (${num(secs / 60, 1)} min)`,
      how: `${num(a.broadcastFriends)} friends ÷ ${num(a.pushesPerSecond)} pushes/s`,
    },
    {
      what: 'Temporal actions, total',
      figure: num(actions),
      how: `${num(childActions)} per friend (one-send ${num(engine.actions.oneSendPerFriend)} + ${a.broadcastExtraActionsPerFriend} beginRun) + parent ${num(parentActions)} (start, timer, ${num(pages)} pages, ${num(parentRuns - 1)} continue-as-new)`,
    },
    { what: 'Temporal actions/s', figure: num(actions / secs), how: 'total ÷ duration' },
    {
      what: 'Temporal Cloud',
      figure: `$${num(usd(actions), 2)}`,
      how: `$${a.usdPerMillionActions} per million actions (Essentials list price as stated ${a.priceAsOf})`,
    },
    {
      what: 'Temporal server CPU',
      figure: `${num(cores(b.temporalMsPerFriend, a.pushesPerSecond), 1)} cores`,
      how: `${num(b.temporalMsPerFriend, 1)} ms per friend (bench:broadcast, dev server) × ${num(a.pushesPerSecond)}/s`,
    },
    {
      what: 'worker CPU',
      figure: `${num(workerCores, 1)} cores = ${num(Math.ceil(workerCores / a.coresPerWorkerProcess))} worker processes`,
      how: `${num(b.workerMsPerFriend, 1)} ms per friend (bench:broadcast) × ${num(a.pushesPerSecond)}/s; ${a.coresPerWorkerProcess} core per process`,
    },
    {
      what: 'PostgreSQL CPU',
      figure: `${num(cores(pgMsPerFriend, a.pushesPerSecond), 1)} cores`,
      how: `${num(b.postgresMsPerFriendStep, 2)} ms per friend-step × ${num(b.runStepsPerFriend, 1)} steps per friend (bench:broadcast) × ${num(a.pushesPerSecond)}/s`,
    },
    {
      what: '… of which run-step writes',
      figure: `${num(cores(writePath.run.postgresMsPerStep * b.runStepsPerFriend, a.pushesPerSecond), 1)} cores`,
      how: `${num(writePath.run.postgresMsPerStep, 2)} ms per step, rollups included (bench:write-path) × ${num(b.runStepsPerFriend, 1)} × ${num(a.pushesPerSecond)}/s`,
    },
  ];

  // (b) Friends parked in the welcome's waits.
  const act = engine.actions;
  const parkedTotal = a.parkedFriends;
  const temporalDisk = parkedTotal * engine.parked.temporalBytesPerFriend;
  const pgDisk = parkedTotal * engine.parked.postgresBytesPerFriend;
  // A friend parks after its start, first send and first timer; each wake then sends (and starts the next timer).
  const beforeFirstPark = 1 + 1 + 1;
  const actionsPerWake = (act.welcomePerFriend - beforeFirstPark) / act.welcomeWaits;
  const wakesPerDay = parkedTotal / a.waitDays;
  const parkedDays = act.welcomeWaits * a.waitDays;
  const followsPerDay = parkedTotal / parkedDays; // Little's law: parked = arrivals × time parked
  const actionsPerDay = followsPerDay * act.welcomePerFriend;
  const kneeRate = welcome.run.kneeFollowsPerSecond ?? Math.min(...Object.keys(welcome.run.rates).map(Number));
  const atKnee = welcome.run.rates[String(kneeRate)];
  const followMs = atKnee
    ? atKnee.temporalMsPerFollow + atKnee.postgresMsPerFollow + atKnee.nextMsPerFollow + atKnee.workerMsPerFollow
    : NaN;
  const followsPerSecond = followsPerDay / 86_400;
  const burstSecs = wakesPerDay / a.pushesPerSecond;
  const peakActionsPerSecond = Math.max(actions / secs, actionsPerWake * a.pushesPerSecond);
  const shardsNeeded = Math.max(parkedTotal / a.openWorkflowsPerShard, peakActionsPerSecond / a.peakActionsPerSecondPerShard);
  const shards = Math.max(a.minShards, nextPow2(shardsNeeded * a.shardHeadroom));
  const parkedRows: CapacityRow[] = [
    {
      what: 'Temporal disk',
      figure: bytes(temporalDisk),
      how: `${num(engine.parked.temporalBytesPerFriend)} B per parked friend (bench:engine, dev server's SQLite) × ${num(parkedTotal)}`,
    },
    {
      what: 'PostgreSQL disk',
      figure: bytes(pgDisk),
      how: `${num(engine.parked.postgresBytesPerFriend)} B per parked friend (bench:engine) × ${num(parkedTotal)}`,
    },
    {
      what: 'Temporal actions/day from the wakes',
      figure: `${num(wakesPerDay * actionsPerWake)} ($${num(usd(wakesPerDay * actionsPerWake), 2)})`,
      how: `${num(wakesPerDay)} wakes/day (every parked friend wakes once per ${a.waitDays}-day wait) × ${num(actionsPerWake, 1)} actions per wake (welcome ${num(act.welcomePerFriend)} − 3 before parking, over ${act.welcomeWaits} waits)`,
    },
    {
      what: 'Temporal actions/day, whole welcome',
      figure: `${num(actionsPerDay)} ($${num(usd(actionsPerDay), 2)}; $${num(usd(actionsPerDay) * 30, 0)} per 30 days)`,
      how: `${num(followsPerDay)} follows/day to keep ${num(parkedTotal)} parked for ${parkedDays} days (Little's law) × ${num(act.welcomePerFriend)} actions`,
    },
    {
      what: 'follows: CPU and headroom',
      figure: `${num(followsPerSecond, 2)} follows/s ≈ ${num((followsPerSecond * followMs) / 1000, 2)} cores`,
      how: `${num(followMs, 1)} ms per follow at the welcome knee (${num(kneeRate)}/s with p95 < 2 s on 2 shared cores; bench:welcome: Temporal, PostgreSQL, Next.js, worker)`,
    },
    {
      what: 'wake burst, all at one clock time',
      figure: `${num(burstSecs)} s`,
      how: `${num(wakesPerDay)} sends ÷ ${num(a.pushesPerSecond)} pushes/s; meanwhile ≈ ${num(cores(engine.cpu.temporalMsPerFriend, a.pushesPerSecond), 1)} Temporal + ${num(cores(engine.cpu.workerMsPerFriend, a.pushesPerSecond), 1)} worker cores (bench:engine one-send CPU per friend; a wake has no start: upper bound)`,
    },
    {
      what: 'history shards (self-hosting)',
      figure: num(shards),
      how: `max(${num(parkedTotal)} open ÷ ${num(a.openWorkflowsPerShard)}, ${num(peakActionsPerSecond)} peak actions/s ÷ ${a.peakActionsPerSecondPerShard}) = ${num(shardsNeeded)} × ${a.shardHeadroom} headroom → next power of two, at least ${a.minShards}`,
    },
  ];
  return {
    broadcast: broadcastRows,
    parked: parkedRows,
    figures: {
      broadcastSeconds: secs,
      broadcastActions: actions,
      broadcastActionsPerSecond: actions / secs,
      broadcastUsd: usd(actions),
      temporalCores: cores(b.temporalMsPerFriend, a.pushesPerSecond),
      workerCores,
      workerProcesses: Math.ceil(workerCores / a.coresPerWorkerProcess),
      postgresCores: cores(pgMsPerFriend, a.pushesPerSecond),
      temporalDiskBytes: temporalDisk,
      postgresDiskBytes: pgDisk,
      wakeActionsPerDay: wakesPerDay * actionsPerWake,
      welcomeActionsPerDay: actionsPerDay,
      historyShards: shards,
    },
  };
}

const table = (rows: CapacityRow[]) =>
  ['| | figure | how |', '|---|---|---|', ...rows.map((r) => `| ${r.what} | **${r.figure}** | ${r.how} |`)].join('\n');

/** Where each figure group was measured, for the table's footer. */
function sources(u: UnitCosts): string[] {
  const m = [
    ['bench:engine actions', u.engine.actions.measured],
    ['bench:engine CPU', u.engine.cpu.measured],
    ['bench:engine parked', u.engine.parked.measured],
    ['bench:broadcast', u.broadcast.run.measured],
    ['bench:write-path', u.writePath.run.measured],
    ['bench:welcome', u.welcome.run.measured],
  ] as const;
  return m.map(([name, x]) => `- ${name}: ${x.date}, \`${x.command}\`, ${x.machine}`);
}

/** The markdown `npm run capacity` prints and docs/capacity.md holds between its markers. */
export function renderCapacity(u: UnitCosts, a: Assumptions = ASSUMPTIONS): string {
  const c = computeCapacity(u, a);
  return [
    `### (a) A broadcast to ${num(a.broadcastFriends)} friends at ${num(a.pushesPerSecond)} pushes/s`,
    '',
    table(c.broadcast),
    '',
    `### (b) ${num(a.parkedFriends)} friends parked in the welcome (send, wait, send, wait, send; waits of ${a.waitDays} day)`,
    '',
    table(c.parked),
    '',
    'Unit costs from bench-results/:',
    '',
    ...sources(u),
    '',
  ].join('\n');
}
