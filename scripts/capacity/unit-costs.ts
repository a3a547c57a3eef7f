// The unit costs the benches measured (bench-results/*.json): one zod schema per file, and their loader.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/** Where a group of figures comes from: when, on what, by which command (and where BENCHMARKS.md records it). */
export const MeasuredSchema = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  machine: z.string().min(1),
  command: z.string().min(1),
  source: z.string().optional(),
});
export type Measured = z.infer<typeof MeasuredSchema>;

const ms = z.number().nonnegative();

/** bench:engine. Three groups, each with its own run: ACTIONS_ONLY=1 refreshes `actions`, PARKED=0 leaves `parked`. */
export const EngineResultSchema = z.object({
  actions: z.object({
    measured: MeasuredSchema,
    friendsPerScenario: z.number().int().positive(),
    /** Billable Temporal actions per friend through a one-send scenario (start + one send activity). */
    oneSendPerFriend: z.number().positive(),
    /** The same for the three-step welcome: send, wait, send, wait, send. */
    welcomePerFriend: z.number().positive(),
    welcomeSends: z.number().int().positive(),
    welcomeWaits: z.number().int().nonnegative(),
  }),
  cpu: z.object({
    measured: MeasuredSchema,
    friends: z.number().int().positive(),
    friendsPerSecond: z.number().positive(),
    /** CPU per friend through the one-send scenario, by process (Linux /proc). */
    temporalMsPerFriend: ms,
    workerMsPerFriend: ms,
    postgresMsPerFriend: ms,
    sandboxMsPerFriend: ms,
  }),
  parked: z.object({
    measured: MeasuredSchema,
    friends: z.number().int().positive(),
    /** Storage growth per friend parked in a 7-day wait: the Temporal dev server's SQLite file, PostgreSQL's database. */
    temporalBytesPerFriend: z.number().nonnegative(),
    postgresBytesPerFriend: z.number().nonnegative(),
    processRssMiB: z.number().positive(),
  }),
});
export type EngineResult = z.infer<typeof EngineResultSchema>;

/** bench:broadcast: one segment broadcast with one send to `friends`. */
export const BroadcastResultSchema = z.object({
  run: z.object({
    measured: MeasuredSchema,
    friends: z.number().int().positive(),
    configuredPushesPerSecond: z.number().positive(),
    pushesPerSecond: z.number().positive(),
    baselineWorkflowsPerSecond: z.number().positive(),
    busiestSecondPushes: z.number().int().nonnegative(),
    status429: z.number().int().nonnegative(),
    temporalMsPerFriend: ms,
    workerMsPerFriend: ms,
    postgresMsPerFriend: ms,
    sandboxMsPerFriend: ms,
    /** PostgreSQL CPU per run step written (rollup triggers included) and the steps each friend wrote. */
    postgresMsPerFriendStep: ms,
    runStepsPerFriend: z.number().positive(),
  }),
});
export type BroadcastResult = z.infer<typeof BroadcastResultSchema>;

/** bench:write-path: PostgreSQL CPU per run step written through writeRunProgress, rollups included, and without them. */
export const WritePathResultSchema = z.object({
  run: z.object({
    measured: MeasuredSchema,
    friends: z.number().int().positive(),
    postgresMsPerStep: ms,
    postgresMsPerWrite: ms,
    baselinePostgresMsPerStep: ms,
  }),
});
export type WritePathResult = z.infer<typeof WritePathResultSchema>;

/** One rate of bench:welcome: latency and CPU per follow by process. */
export const WelcomeRateSchema = z.object({
  follows: z.number().int().nonnegative(),
  p95Ms: z.number().nonnegative(),
  baselineP95Ms: z.number().nonnegative(),
  temporalMsPerFollow: ms,
  postgresMsPerFollow: ms,
  nextMsPerFollow: ms,
  workerMsPerFollow: ms,
  sandboxMsPerFollow: ms,
});

/** bench:welcome: follows per second through the real app; the knee is the highest rate with p95 < 2 s. */
export const WelcomeResultSchema = z.object({
  run: z.object({
    measured: MeasuredSchema,
    /** Follows per second ("5", "10" …) → figures at that rate. */
    rates: z.record(z.string().regex(/^\d+(\.\d+)?$/), WelcomeRateSchema),
    kneeFollowsPerSecond: z.number().positive().nullable(),
    baselineKneeFollowsPerSecond: z.number().positive().nullable(),
  }),
});
export type WelcomeResult = z.infer<typeof WelcomeResultSchema>;

export const BENCH_RESULT_SCHEMAS = {
  engine: EngineResultSchema,
  broadcast: BroadcastResultSchema,
  'write-path': WritePathResultSchema,
  welcome: WelcomeResultSchema,
} as const;
export type BenchName = keyof typeof BENCH_RESULT_SCHEMAS;

export interface UnitCosts {
  engine: EngineResult;
  broadcast: BroadcastResult;
  writePath: WritePathResult;
  welcome: WelcomeResult;
}

/** The committed folder the benches write to and the capacity script reads. */
export const BENCH_RESULTS_DIR = path.resolve(import.meta.dirname, '../../bench-results');

export const unitCostsFile = (name: BenchName, dir = BENCH_RESULTS_DIR) => path.join(dir, `${name}.json`);

function read<S extends z.ZodType>(schema: S, file: string): z.infer<S> {
  const parsed = schema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file} does not match its schema: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** Reads and checks the four files. */
export function loadUnitCosts(dir = BENCH_RESULTS_DIR): UnitCosts {
  return {
    engine: read(EngineResultSchema, unitCostsFile('engine', dir)),
    broadcast: read(BroadcastResultSchema, unitCostsFile('broadcast', dir)),
    writePath: read(WritePathResultSchema, unitCostsFile('write-path', dir)),
    welcome: read(WelcomeResultSchema, unitCostsFile('welcome', dir)),
  };
}
