// Benchmark of the per-node analytics: seeds 1,000,000 run steps, ~200,000 sends and 100,000 conversions over four scenarios on a fresh embedded PostgreSQL, then times nodeFigures() of one next to the naive per-node queries.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { createDb } from '../../db/client';
import { migrateDatabase } from '../../db/migrate';
import { nodeFigures, scenarioGoals, type AnalyticsScope } from '../../db/queries/analytics';
import { naiveNodeFigures } from '../../db/queries/analytics-naive';
import { dailySeries, scenarioFunnel } from '../../db/queries/analytics-series';
import { startEmbeddedPostgres } from '../../devstack/postgres';
import { compile } from '../../scenario/compile';
import { graphOf, end, text, trig, type StepSpec } from '../../scenario/fixtures';

const SCENARIOS = 4;
const FRIENDS = 25_000;
const RUNS = 126_250; // the last 5,000 still wait at w2 (6 steps); the others took all 8: 1,000,000 steps
const ACTIVE = 5_000;
const CONVERSIONS = 100_000;

const wait = (id: string, days: number): StepSpec => ({ id, kind: 'wait', data: { mode: 'duration', amount: days, unit: 'days' } });
const graph = graphOf(
  [
    trig({ reEntry: 'after_exit' }),
    text('m1', 'ようこそ'),
    wait('w1', 1),
    {
      id: 'sp',
      kind: 'split',
      data: {
        variants: [
          { id: 'a', label: 'A', weight: 30 },
          { id: 'b', label: 'B', weight: 30 },
          { id: 'c', label: 'C', weight: 40 },
        ],
      },
    },
    text('ma', 'A案'),
    text('mb', 'B案'),
    wait('w3', 1),
    wait('w2', 1),
    { id: 'act', kind: 'action', data: { action: { type: 'add_tag', tag: 'nurtured' } } },
    end(),
  ],
  [
    ['trigger', 'next', 'm1'],
    ['m1', 'next', 'w1'],
    ['w1', 'next', 'sp'],
    ['sp', 'variant:a', 'ma'],
    ['sp', 'variant:b', 'mb'],
    ['sp', 'variant:c', 'w3'],
    ['ma', 'next', 'w2'],
    ['mb', 'next', 'w2'],
    ['w3', 'next', 'w2'],
    ['w2', 'next', 'act'],
    ['act', 'next', 'end'],
  ],
  { goal: { eventName: 'purchase', windowDays: 3, exitOnGoal: false } },
);

async function seed(sql: ReturnType<typeof createDb>['sql']): Promise<{ scenarioId: string }> {
  const plan = compile(graph);
  // Four scenarios of the same shape share the history; the first is measured (a large scenario: a quarter of all steps).
  const ids: string[] = [];
  const v1s: string[] = [];
  const v2s: string[] = [];
  for (let k = 0; k < SCENARIOS; k++) {
    const [s] =
      await sql`insert into scenarios (name, status, draft) values (${k === 0 ? 'bench' : `bench-${k}`}, 'live', ${JSON.stringify(graph)}::jsonb) returning id`;
    const scenarioId = String(s?.id);
    const versions = await sql`insert into scenario_versions (scenario_id, version, graph, plan, hash, published_by)
      values (${scenarioId}, 1, ${JSON.stringify(graph)}::jsonb, ${JSON.stringify(plan)}::jsonb, 'v1', 'bench'),
             (${scenarioId}, 2, ${JSON.stringify(graph)}::jsonb, ${JSON.stringify(plan)}::jsonb, 'v2', 'bench') returning id`;
    ids.push(scenarioId);
    v1s.push(String(versions[0]?.id));
    v2s.push(String(versions[1]?.id));
    await sql`update scenarios set live_version_id = ${String(versions[1]?.id)} where id = ${scenarioId}`;
  }
  // 1 % test friends; 3 % blocked at some point in the month.
  await sql`insert into friends (id, line_user_id, display_name, is_test, friend_added_at, blocked_at)
    select md5('f' || i)::uuid, 'U' || md5('f' || i), '友だち' || i, i % 100 = 0, now() - interval '60 days',
      case when i % 33 = 1 then now() - interval '33 days' + (i % 1000) * interval '43 minutes' end
    from generate_series(0, ${FRIENDS - 1}) i`;
  // Runs start evenly over 33..2 days ago, scenario i % 4; friend (i / 4) % FRIENDS, so about a quarter of a scenario's friends re-enter;
  // version 1 for the first 40 %, version 2 after; 1 run in 500 is a test run.
  await sql`insert into runs (id, scenario_id, version_id, friend_id, status, current_node_id, is_test, started_at, ended_at)
    select 'b' || i, (${ids}::uuid[])[i % ${SCENARIOS} + 1],
      case when i < ${RUNS * 0.4} then (${v1s}::uuid[])[i % ${SCENARIOS} + 1] else (${v2s}::uuid[])[i % ${SCENARIOS} + 1] end,
      md5('f' || ((i / ${SCENARIOS}) % ${FRIENDS}))::uuid,
      case when i >= ${RUNS - ACTIVE} then 'active' else 'done' end, case when i >= ${RUNS - ACTIVE} then 'w2' end, i % 500 = 7,
      now() - interval '33 days' + i * (interval '31 days' / ${RUNS}),
      case when i < ${RUNS - ACTIVE} then now() - interval '30 days' + i * (interval '31 days' / ${RUNS}) end
    from generate_series(0, ${RUNS - 1}) i`;
  // The path: trigger, m1, w1 (1 day), sp → ma | mb | w3 (1 day), w2 (1 day), act, end; the active runs stop at w2.
  await sql`insert into run_steps (run_id, scenario_id, version_id, friend_id, node_id, visit, entered_at, left_at, output, is_test)
    select r.id, r.scenario_id, r.version_id, r.friend_id, p.node, 1, r.started_at + p.enter * interval '1 day',
      case when p.leave is not null and not (r.status = 'active' and p.node = 'w2') then r.started_at + p.leave * interval '1 day' end,
      case when r.status = 'active' and p.node = 'w2' then null else p.output end, r.is_test
    from (select *, case when (substr(id, 2)::int / ${SCENARIOS}) % 10 < 3 then 'a' when (substr(id, 2)::int / ${SCENARIOS}) % 10 < 6 then 'b' else 'c' end as v from runs) r
    cross join lateral (values
      (1, 'trigger', 0, 0, 'next'), (2, 'm1', 0, 0, 'next'), (3, 'w1', 0, 1, 'next'), (4, 'sp', 1, 1, 'variant:' || r.v),
      (5, case r.v when 'a' then 'ma' when 'b' then 'mb' else 'w3' end, 1, case r.v when 'c' then 2 else 1 end, 'next'),
      (6, 'w2', case r.v when 'c' then 2 else 1 end, 3, 'next'), (7, 'act', 3, 3, 'next'), (8, 'end', 3, null, null)
    ) as p(ord, node, enter, leave, output)
    where r.status = 'done' or p.ord <= 6`;
  // One outbox row per send step: 95 % sent, 3 % skipped (blocked, frequency_cap), 2 % failed.
  await sql`insert into outbox (run_id, scenario_id, version_id, friend_id, node_id, visit, retry_key, status, reason, messages, is_test, created_at, sent_at)
    select s.run_id, s.scenario_id, s.version_id, s.friend_id, s.node_id, 1, md5(s.run_id || s.node_id)::uuid,
      case when h < 95 then 'sent' when h < 98 then 'skipped' else 'failed' end,
      case when h < 95 then null when h < 97 then 'frequency_cap' when h < 98 then 'blocked' else 'LINE 400: {"message":"bad request"}' end,
      '[]'::jsonb, s.is_test, s.entered_at, case when h < 95 then s.entered_at + interval '2 seconds' end
    from (select *, abs(hashtext(run_id || node_id)) % 100 as h from run_steps where node_id in ('m1', 'ma', 'mb')) s`;
  // Tracked-link taps on 15 % of the sent messages; other events as background.
  await sql`insert into events (friend_id, name, occurred_at, properties, source, is_test)
    select friend_id, 'link_click', sent_at + interval '40 minutes', jsonb_build_object('runId', run_id, 'nodeId', node_id, 'url', 'https://shop.example.jp'), 'click', is_test
    from outbox where status = 'sent' and abs(hashtext(retry_key::text)) % 100 < 15`;
  // 100,000 goal events: friend i % FRIENDS buys at a time spread so some fall inside a 3-day window after a step and some before or after it.
  await sql`insert into events (friend_id, name, occurred_at, properties, source)
    select md5('f' || ((i * 7) % ${FRIENDS}))::uuid, 'purchase', now() - interval '34 days' + (i * 37 % 1000) * interval '48 minutes' + i * (interval '1 second'), '{"total": 4980}', 'api'
    from generate_series(0, ${CONVERSIONS - 1}) i`;
  await sql`insert into events (friend_id, name, occurred_at, source)
    select md5('f' || (i % ${FRIENDS}))::uuid, 'view_item', now() - interval '30 days' + i * interval '13 seconds', 'api' from generate_series(0, 199999) i`;
  await sql`vacuum analyze`;
  return { scenarioId: ids[0] ?? '' };
}

async function time<T>(f: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t = performance.now();
  const value = await f();
  return { ms: performance.now() - t, value };
}

async function main() {
  // KIZUNA_BENCH_DIR keeps the seeded cluster between runs (for profiling); by default a temp dir is seeded and removed.
  const keep = process.env.KIZUNA_BENCH_DIR;
  const dir = keep ?? mkdtempSync(path.join(os.tmpdir(), 'kizuna-bench-analytics-'));
  console.log(`starting an embedded PostgreSQL in ${dir}`);
  const pg = await startEmbeddedPostgres({ dir, database: 'bench' });
  const { db, sql, close } = createDb(pg.url);
  try {
    await migrateDatabase(pg.url);
    const t0 = performance.now();
    const [existing] = await sql`select id from scenarios where name = 'bench'`;
    const { scenarioId } = existing ? { scenarioId: String(existing.id) } : await seed(sql);
    const [mine] = await sql`select count(*)::int as steps from run_steps where scenario_id = ${scenarioId}`;
    if (keep) console.log(`kept cluster: ${pg.url}`);
    const counts = await sql`select (select count(*) from run_steps)::int as steps, (select count(*) from outbox)::int as sends,
      (select count(*) from events where name = 'purchase')::int as conversions, (select count(*) from events)::int as events,
      (select count(*) from runs)::int as runs, (select count(*) from friends)::int as friends`;
    console.log(
      `seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s:`,
      counts[0],
      `; the measured scenario holds ${mine?.steps} steps`,
    );

    const scope: AnalyticsScope = { scenarioId, versionId: null, from: new Date(Date.now() - 40 * 86_400_000), to: new Date() };
    const goals = await scenarioGoals(db, scenarioId);
    const ids = graph.nodes.map((n) => n.id);
    await nodeFigures(db, scope, goals); // warm-up
    const samples: number[] = [];
    let fast = new Map();
    for (let i = 0; i < Number(process.env.KIZUNA_BENCH_RUNS ?? 7); i++) {
      const r = await time(() => nodeFigures(db, scope, goals, ids));
      samples.push(r.ms);
      fast = r.value;
    }
    samples.sort((a, b) => a - b);
    const median = samples[Math.floor(samples.length / 2)] ?? 0;
    const oneVersion = await time(() => nodeFigures(db, { ...scope, versionId: goals[1]?.versionId ?? null }, goals, ids));
    const funnel = await time(() => scenarioFunnel(db, scope, goals));
    const series = await time(() => dailySeries(db, scope, goals));
    console.log('computing the naive per-node figures (one round of queries per node and output)…');
    const naive = process.env.KIZUNA_BENCH_SKIP_NAIVE
      ? { ms: NaN, value: fast }
      : await time(() => naiveNodeFigures(db, scope, goals, ids));
    const same = isDeepStrictEqual(Object.fromEntries(naive.value), Object.fromEntries(fast));

    console.log('');
    console.log(`per-node figures of one scenario (${ids.length} nodes, all versions, 40 days):`);
    console.log(
      `  nodeFigures()       median ${median.toFixed(0)} ms  (min ${samples[0]?.toFixed(0)}, max ${samples.at(-1)?.toFixed(0)} over ${samples.length} runs)  goal < 300 ms: ${median < 300 ? 'met' : 'NOT met'}`,
    );
    console.log(
      `  naiveNodeFigures()  ${naive.ms.toFixed(0)} ms  (${(naive.ms / median).toFixed(0)}× slower; same figures: ${same ? 'yes' : 'NO'})`,
    );
    console.log(`  one version only    ${oneVersion.ms.toFixed(0)} ms`);
    console.log(`  scenarioFunnel()    ${funnel.ms.toFixed(0)} ms`);
    console.log(`  dailySeries()       ${series.ms.toFixed(0)} ms`);
    const m1 = fast.get('m1');
    console.log('  sample (m1):', JSON.stringify(m1));
    if (!same) process.exitCode = 1;
  } finally {
    await close();
    await pg.stop();
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}

await main();
