// The trigger-kept analytics rollups (migration 0001_live_functions) against the naive queries, over a random history written as the engine and the events API write it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { createTestDatabase, type TestDatabase } from '@/test/db';
import { compile } from '@/scenario/compile';
import { chainOf, end, text, trig, type StepSpec } from '@/scenario/fixtures';
import { events, friends, runSteps, runs, scenarioVersions, scenarios } from '../schema';
import { nodeFigures, scenarioGoals, type AnalyticsScope } from './analytics';
import { naiveNodeFigures } from './analytics-naive';
import { insertEventOnce } from './events';
import { recordSteps, type RunKey, type StepRecord } from './runs';

const DAY = 86_400_000;
const T0 = Date.parse('2026-11-01T00:00:00+09:00');
const wait: StepSpec = { id: 'w', kind: 'wait', data: { mode: 'duration', amount: 1, unit: 'days' } };
const g1 = chainOf([trig(), text('m1', 'a'), wait, text('m2', 'b'), end()], {
  goal: { eventName: 'purchase', windowDays: 2, exitOnGoal: false },
});
const g2 = chainOf([trig(), text('m1', 'a'), wait, text('m3', 'c'), end()], {
  goal: { eventName: 'signup', windowDays: 1, exitOnGoal: false },
});
const NODES = ['trigger', 'm1', 'w', 'm2', 'm3', 'end'];

/** A small deterministic PRNG (mulberry32), so a failure replays. */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let t: TestDatabase;
let S = '';
let V1 = '';
let V2 = '';

beforeAll(async () => {
  t = await createTestDatabase();
  const rand = rng(7);
  const [s] = await t.db.insert(scenarios).values({ name: 'rollup', draft: g2, status: 'live' }).returning();
  S = s?.id ?? '';
  const [v1, v2] = await t.db
    .insert(scenarioVersions)
    .values([
      { scenarioId: S, version: 1, graph: g1, plan: compile(g1), hash: 'r1', publishedBy: 'test' },
      { scenarioId: S, version: 2, graph: g2, plan: compile(g2), hash: 'r2', publishedBy: 'test' },
    ])
    .returning();
  V1 = v1?.id ?? '';
  V2 = v2?.id ?? '';
  const fs = await t.db
    .insert(friends)
    .values(
      Array.from({ length: 40 }, (_, i) => ({ lineUserId: `Uroll${String(i).padStart(28, '0')}`, displayName: `r${i}`, isTest: i === 39 })),
    )
    .returning({ id: friends.id });
  // 120 runs over 12 days: each friend re-enters a few times, some loop through w, some stop early; steps are written
  // as the engine does (entered in one statement, left in a later one), interleaved with goal events.
  for (let i = 0; i < 120; i++) {
    const friendId = fs[Math.floor(rand() * fs.length)]?.id ?? '';
    const v2run = rand() < 0.5;
    const key: RunKey = { runId: `run${i}`, scenarioId: S, versionId: v2run ? V2 : V1, friendId, isTest: rand() < 0.05 };
    let at = T0 + Math.floor(rand() * 12 * DAY);
    await t.db.insert(runs).values({
      id: key.runId,
      scenarioId: S,
      versionId: key.versionId,
      friendId,
      isTest: key.isTest,
      startedAt: new Date(at),
      status: 'done',
    });
    const path = ['trigger', 'm1', 'w', ...(rand() < 0.3 ? ['w'] : []), v2run ? 'm3' : 'm2', 'end'];
    const stopAt = rand() < 0.2 ? 1 + Math.floor(rand() * (path.length - 1)) : path.length;
    const visits: Record<string, number> = {};
    const records: StepRecord[] = [];
    const goals: { after: number; write: () => Promise<unknown> }[] = [];
    for (const [k, node] of path.slice(0, stopAt).entries()) {
      visits[node] = (visits[node] ?? 0) + 1;
      records.push({ kind: 'node_entered', nodeId: node, at, visit: visits[node] ?? 1 });
      if (node === 'w') at += Math.floor(rand() * 1.5 * DAY);
      if (k < stopAt - 1 && node !== 'end') records.push({ kind: 'node_left', nodeId: node, at, output: 'next', reason: '' });
      if (rand() < 0.15) {
        const name = rand() < 0.5 ? 'purchase' : 'signup';
        const event = {
          friendId,
          name,
          occurredAt: new Date(at + Math.floor((rand() - 0.2) * 3 * DAY)),
          source: 'api' as const,
          isTest: rand() < 0.1,
        };
        goals.push({ after: records.length, write: () => insertEventOnce(t.db, event) });
      }
    }
    // Written in batches as the engine writes them: a step entered and left in one batch goes in complete, one left in
    // a later batch is updated; sometimes a batch's start is written first and the whole batch again (a send retried
    // after LINE answered 5xx writes its progress, the successful attempt writes it with the continuation).
    for (let i = 0; i < records.length;) {
      const batch = records.slice(i, i + 1 + Math.floor(rand() * 3));
      if (rand() < 0.3) await recordSteps(t.db, key, batch.slice(0, 1 + Math.floor(rand() * batch.length)));
      await recordSteps(t.db, key, batch);
      const before = i;
      i += batch.length;
      for (const g of goals) if (g.after > before && g.after <= i) await g.write();
    }
  }
  // Goal events at the window's edges and before any step, then changes after the fact.
  for (const f of fs.slice(0, 10))
    await insertEventOnce(t.db, {
      friendId: f.id,
      name: 'purchase',
      occurredAt: new Date(T0 + Math.floor(rand() * 14 * DAY)),
      source: 'api',
    });
  const [e1] = await t.db.select({ id: events.id }).from(events).where(eq(events.name, 'purchase')).limit(1);
  if (e1) await t.db.update(events).set({ isTest: true }).where(eq(events.id, e1.id));
  const [e2] = await t.db.select({ id: events.id }).from(events).where(eq(events.name, 'signup')).limit(1);
  if (e2) await t.db.delete(events).where(eq(events.id, e2.id));
  await t.db.execute(
    sql`update events set occurred_at = occurred_at - interval '20 hours' where id in (select id from events where name = 'purchase' order by id limit 3)`,
  );
  await t.db.update(runSteps).set({ isTest: true }).where(eq(runSteps.runId, 'run3'));
  await t.db.delete(runSteps).where(eq(runSteps.runId, 'run4'));
  await t.db
    .update(friends)
    .set({ isTest: true })
    .where(eq(friends.id, fs[5]?.id ?? ''));
}, 120_000);

afterAll(async () => {
  await t?.drop();
});

describe('analytics rollups', () => {
  it('keep run_steps.goal_at equal to the goal test made from scratch', async () => {
    const wrong = await t.db.execute(sql`
      select count(*)::int as n from run_steps rs
      where rs.goal_at is distinct from (
        select min(e.occurred_at) from scenario_versions v join events e on e.friend_id = rs.friend_id and not e.is_test
          and e.name = v.plan->'settings'->'goal'->>'eventName' and e.occurred_at >= rs.entered_at
          and e.occurred_at <= rs.entered_at + ((v.plan->'settings'->'goal'->>'windowDays')::int * interval '24 hours')
        where v.id = rs.version_id)`);
    expect(wrong[0]?.n).toBe(0);
  });

  it('keep node_days (with its chains of days) and node_days_sum equal to a regrouping of run_steps', async () => {
    const diff = await t.db.execute(sql`
      with g as (
        select rs.scenario_id, k.version_id, rs.node_id, k.output, rs.friend_id, (rs.entered_at at time zone 'Asia/Tokyo')::date as day,
          count(*)::int as visits, count(*) filter (where rs.goal_at is not null)::int as converted
        from run_steps rs cross join lateral (values (rs.version_id, ''), ('00000000-0000-0000-0000-000000000000'::uuid, ''), (rs.version_id, rs.output), ('00000000-0000-0000-0000-000000000000'::uuid, rs.output)) k(version_id, output)
        where not rs.is_test and k.output is not null group by 1, 2, 3, 4, 5, 6
      ),
      fresh as (
        select g.*, coalesce(lag(day) over w, '-infinity') as prev_day,
          coalesce(max(day) filter (where converted > 0) over (w rows between unbounded preceding and 1 preceding), '-infinity') as prev_conv_day
        from g window w as (partition by scenario_id, version_id, node_id, output, friend_id order by day)
      )
      select
        (select count(*)::int from fresh f full join node_days nd using (scenario_id, version_id, node_id, output, friend_id, day)
          where f.visits is distinct from nd.visits or f.converted is distinct from nd.converted or f.prev_day is distinct from nd.prev_day
            or f.prev_conv_day is distinct from nd.prev_conv_day) as days,
        (select count(*)::int from (
          select scenario_id, version_id, node_id, output, day, prev_day, case when converted > 0 then prev_conv_day else '-infinity' end as prev_conv_day,
            count(*) as friends, sum(visits) as visits, count(*) filter (where converted > 0) as converted
          from node_days group by 1, 2, 3, 4, 5, 6, 7
        ) a full join (
          select scenario_id, version_id, node_id, output, day, prev_day, prev_conv_day, sum(friends) as friends, sum(visits) as visits, sum(converted) as converted
          from node_days_sum group by 1, 2, 3, 4, 5, 6, 7 having sum(friends) <> 0 or sum(visits) <> 0 or sum(converted) <> 0
        ) s using (scenario_id, version_id, node_id, output, day, prev_day, prev_conv_day)
        where a.friends is distinct from s.friends or a.visits is distinct from s.visits or a.converted is distinct from s.converted) as sums`);
    expect(diff[0]).toEqual({ days: 0, sums: 0 });
  });

  it('give the naive figures for whole days, ranges cutting through days and one version', async () => {
    const goals = await scenarioGoals(t.db, S);
    const ranges: [number, number][] = [
      [T0 - DAY, T0 + 20 * DAY],
      [T0 + 2 * DAY, T0 + 9 * DAY],
      [T0 + 2.3 * DAY, T0 + 6.71 * DAY],
      [T0 + 5 * DAY + 3_600_000, T0 + 5 * DAY + 7_200_000],
      [T0 + 11.5 * DAY, T0 + 30 * DAY],
      [T0 + 3 * DAY, T0 + 8.4 * DAY],
      [T0 + 3.6 * DAY, T0 + 8 * DAY],
      [T0 + 4.1 * DAY, T0 + 4.9 * DAY],
      [T0 + 4.9 * DAY, T0 + 5.2 * DAY],
    ];
    for (const [from, to] of ranges) {
      for (const versionId of [null, V1, V2]) {
        const scope: AnalyticsScope = { scenarioId: S, versionId, from: new Date(from), to: new Date(to) };
        const fast = Object.fromEntries(await nodeFigures(t.db, scope, goals, NODES));
        const naive = Object.fromEntries(await naiveNodeFigures(t.db, scope, goals, NODES));
        expect(fast, `${new Date(from).toISOString()}–${new Date(to).toISOString()} ${versionId ?? 'all'}`).toEqual(naive);
      }
    }
  });
});
