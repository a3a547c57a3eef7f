// Benchmark of the engine's write path: PostgreSQL CPU per run step written through writeRunProgress (the statement
// the engine's progress and send activities run), with the analytics rollups kept, next to the same writes with the
// rollup triggers disabled (the baseline, in the same run, on a second database of the same embedded cluster).
// PostgreSQL CPU is read from /proc: every process of the cluster (backends, WAL writer, checkpointer …), so the
// rollups' whole cost is in it. Where a run_steps_log step log exists (a batched-rollup migration, see
// BENCHMARKS.md), its fold runs here every second and once more at the end, inside the measurement.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql as dsql } from 'drizzle-orm';
import { createDb, type Db } from '../../db/client';
import { migrateDatabase } from '../../db/migrate';
import { writeRunProgress, type RunProgress } from '../../db/queries/run-progress';
import { ensureDatabase, startEmbeddedPostgres } from '../../devstack/postgres';
import { measuredNow, writeBenchResult } from './results';

const FRIENDS = Number(process.env.KIZUNA_BENCH_FRIENDS ?? 3000);
const CONCURRENCY = Number(process.env.KIZUNA_BENCH_CONCURRENCY ?? 8);
const HISTORY = Number(process.env.KIZUNA_BENCH_HISTORY ?? 20_000); // runs already in the tables (4 steps each)
const TICK = 100; // USER_HZ on Linux

function cpuTicks(pid: number): number {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const rest = f.slice(f.lastIndexOf(')') + 2).split(' ');
    // fields after the name: state(3) ppid(4) … utime(14) stime(15) cutime(16) cstime(17); rest[0] is field 3
    return Number(rest[11]) + Number(rest[12]) + Number(rest[13]) + Number(rest[14]);
  } catch {
    return 0;
  }
}

/** CPU ms of the cluster: the postmaster (with its reaped children) and every live child. */
function clusterCpuMs(postmaster: number): number {
  let ticks = cpuTicks(postmaster);
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const f = readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(f.slice(f.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === postmaster) ticks += cpuTicks(Number(d));
    } catch {
      /* gone */
    }
  }
  return (ticks * 1000) / TICK;
}

/** Folds the step log of a batched-rollup migration (kizuna_fold_step_log), where there is one. */
async function foldRollups(db: Db): Promise<void> {
  await db.execute(dsql`select kizuna_fold_step_log()`);
}

async function setup(db: Db, sql: ReturnType<typeof createDb>['sql']) {
  const [s] = await sql`insert into scenarios (name, status, draft) values ('bench', 'live', '{}'::jsonb) returning id`;
  const scenarioId = String(s?.id);
  const [v] = await sql`insert into scenario_versions (scenario_id, version, graph, plan, hash, published_by)
    values (${scenarioId}, 1, '{}'::jsonb, '{}'::jsonb, 'v1', 'bench') returning id`;
  const versionId = String(v?.id);
  await sql`insert into friends (id, line_user_id, display_name, is_test, friend_added_at)
    select md5('f' || i)::uuid, 'U' || md5('f' || i), 'f' || i, i % 100 = 0, now() - interval '30 days'
    from generate_series(0, ${FRIENDS + HISTORY - 1}) i`;
  // A history: earlier runs of other friends through the same four steps, spread over 20 days.
  await sql`insert into runs (id, scenario_id, version_id, friend_id, status, started_at)
    select 'h' || i, ${scenarioId}, ${versionId}, md5('f' || (${FRIENDS} + i))::uuid, 'done', now() - interval '20 days' + i * (interval '20 days' / ${HISTORY})
    from generate_series(0, ${HISTORY - 1}) i`;
  await sql`insert into run_steps (run_id, scenario_id, version_id, friend_id, node_id, visit, entered_at, left_at, output)
    select r.id, r.scenario_id, r.version_id, r.friend_id, p.node, 1, r.started_at + p.o * interval '1 hour', r.started_at + p.o * interval '1 hour', p.out
    from runs r cross join (values ('trigger', 0, 'next'), ('m1', 0, 'next'), ('w1', 1, 'next'), ('end', 1, null)) p(node, o, out)`;
  // The history goes into the rollups before the measurement (folded from the step log where there is one).
  const [log] = await sql`select to_regclass('run_steps_log') is not null as has`;
  if (log?.has) await foldRollups(db);
  await sql`vacuum analyze`;
  return { scenarioId, versionId };
}

/** The seeded friend i's id: md5('f' || i)::uuid, as the seed computes it. */
function friendUuid(i: number): string {
  const h = createHash('md5').update(`f${i}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** One friend through a welcome: the run's begin (trigger left, m1 entered), the send (m1 left, w1 entered), after the wait (w1 left, end). */
async function oneFriend(db: Db, ids: { scenarioId: string; versionId: string }, i: number) {
  const key = { runId: `r${i}`, scenarioId: ids.scenarioId, versionId: ids.versionId, friendId: friendUuid(i), isTest: false };
  const t = Date.now();
  const writes: RunProgress[] = [
    {
      begin: { startedAt: t },
      position: { status: 'waiting', nodeId: 'm1', waiting: { kind: 'send', nodeId: 'm1', visit: 1 }, done: null },
      steps: [
        { kind: 'node_entered', nodeId: 'trigger', at: t, visit: 1 },
        { kind: 'node_left', nodeId: 'trigger', at: t, output: 'next', reason: 'trigger' },
        { kind: 'node_entered', nodeId: 'm1', at: t, visit: 1 },
      ],
    },
    {
      position: {
        status: 'waiting',
        nodeId: 'w1',
        waiting: { kind: 'timer', nodeId: 'w1', until: t + 60_000, output: 'next', reason: 'wait' },
        done: null,
      },
      steps: [
        { kind: 'node_left', nodeId: 'm1', at: t + 1, output: 'next', reason: 'sent' },
        { kind: 'node_entered', nodeId: 'w1', at: t + 1, visit: 1 },
      ],
    },
    {
      position: { status: 'done', nodeId: 'end', waiting: null, done: { reason: 'end', at: t + 2 } },
      steps: [
        { kind: 'node_left', nodeId: 'w1', at: t + 2, output: 'next', reason: 'waited' },
        { kind: 'node_entered', nodeId: 'end', at: t + 2, visit: 1 },
      ],
    },
  ];
  for (const w of writes) await writeRunProgress(db, key, w);
}

async function measure(label: string, url: string, postmaster: number, rollups: boolean) {
  const { db, sql, close } = createDb(url, { max: CONCURRENCY + 2 });
  try {
    const ids = await setup(db, sql);
    // Rollups folded in batches from the step log (migration 0006) are folded here as the worker does.
    const [log] = await sql`select to_regclass('run_steps_log') is not null as has`;
    const withFold = rollups && Boolean(log?.has);
    let next = 0;
    let maxLag = 0;
    let stop = false;
    const fold = () => foldRollups(db);
    const folder = (async () => {
      while (withFold && !stop) {
        await new Promise((r) => setTimeout(r, 1000));
        const [row] = await sql`select coalesce(extract(epoch from now() - min(logged_at)), 0)::float8 as lag from run_steps_log`;
        maxLag = Math.max(maxLag, Number(row?.lag ?? 0));
        await fold();
      }
    })();
    const cpu0 = clusterCpuMs(postmaster);
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let i = next++; i < FRIENDS; i = next++) await oneFriend(db, ids, i);
      }),
    );
    stop = true;
    await folder;
    if (withFold) await fold();
    const ms = performance.now() - t0;
    const cpu = clusterCpuMs(postmaster) - cpu0;
    const [c] = await sql`select count(*)::int as n from run_steps where run_id like 'r%'`;
    const steps = Number(c?.n);
    const writes = FRIENDS * 3;
    console.log(
      `  ${label.padEnd(34)} ${(cpu / steps).toFixed(2)} ms PostgreSQL CPU per step, ${(cpu / writes).toFixed(2)} per write` +
        `  (${steps} steps in ${writes} writes, ${(steps / (ms / 1000)).toFixed(0)} steps/s${withFold ? `, rollups at most ${maxLag.toFixed(1)} s behind` : ''})`,
    );
    return { perStep: cpu / steps, perWrite: cpu / writes };
  } finally {
    await close();
  }
}

async function main() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kizuna-bench-write-'));
  const pg = await startEmbeddedPostgres({ dir, database: 'rollups' });
  const postmaster = Number(readFileSync(path.join(dir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  try {
    await ensureDatabase(`${pg.serverUrl}/postgres`, 'baseline');
    const baseUrl = `${pg.serverUrl}/baseline`;
    await migrateDatabase(pg.url);
    await migrateDatabase(baseUrl);
    {
      const { sql, close } = createDb(baseUrl, { max: 1 });
      await sql`alter table run_steps disable trigger user`;
      await sql`alter table events disable trigger user`;
      await sql`alter table node_days disable trigger user`;
      await close();
    }
    console.log(
      `write path: ${FRIENDS} friends through a welcome (3 progress writes, 4 steps each), ${CONCURRENCY} writers, ${HISTORY * 4} steps of history`,
    );
    const base = await measure('baseline (rollup triggers disabled)', baseUrl, postmaster, false);
    const roll = await measure('with the rollups', pg.url, postmaster, true);
    const extra = roll.perStep - base.perStep;
    console.log(
      `  the rollups add ${extra.toFixed(2)} ms per step; goal ≤ 1 ms of PostgreSQL per step, rollups included: ${roll.perStep <= 1 ? 'met' : 'NOT met'}`,
    );
    // The unit costs `npm run capacity` reads.
    writeBenchResult('write-path', {
      run: {
        measured: measuredNow('bench:write-path', ['KIZUNA_BENCH_FRIENDS', 'KIZUNA_BENCH_CONCURRENCY', 'KIZUNA_BENCH_HISTORY']),
        friends: FRIENDS,
        postgresMsPerStep: Number(roll.perStep.toFixed(2)),
        postgresMsPerWrite: Number(roll.perWrite.toFixed(2)),
        baselinePostgresMsPerStep: Number(base.perStep.toFixed(2)),
      },
    });
  } finally {
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
