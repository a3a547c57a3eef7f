// Per-node scenario figures in three set-based queries (steps with conversions, sends, waiting now); definitions in docs/metrics.md.
import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '../client';

/** Which history to read: one scenario, all its versions (joined by node id) or one, and a half-open range [from, to). */
export interface AnalyticsScope {
  scenarioId: string;
  versionId: string | null;
  from: Date;
  to: Date;
}

/** The goal of one published version (plan.settings.goal); a step is judged by the goal of the version it ran in. */
export interface VersionGoal {
  versionId: string;
  eventName: string;
  windowDays: number;
}

export interface SendFigures {
  /** Outbox rows (one per send step) created in range, by status. */
  sent: number;
  failed: number;
  skipped: number;
  pending: number;
  /** Unique friends with a sent row. */
  sentFriends: number;
  failedByReason: Record<string, number>;
  skippedByReason: Record<string, number>;
  /** Unique friends who tapped a tracked link of a send counted in `sent`, and all such taps. */
  uniqueClicks: number;
  clicks: number;
  /** Unique friends whose block came within 72 h after a send counted in `sent`. */
  blockedAfter: number;
}

export interface NodeFigures {
  nodeId: string;
  /** Unique friends who reached the node in range, and their visits (re-entries count again). */
  entered: number;
  visits: number;
  waitingNow: number;
  /** Unique friends who reached the node and then had the goal event within the window; null with no goal in scope. */
  converted: number | null;
  /** Unique friends who left through each named output (e.g. next, variant:a, timeout). */
  outputs: Record<string, { friends: number; converted: number }>;
  sends: SendFigures | null;
}

const int = z.coerce.number().int();
const StepRowSchema = z.object({ node_id: z.string(), output: z.string().nullable(), friends: int, visits: int, converted: int });
const SendRowSchema = z.object({ kind: z.enum(['status', 'clicks', 'blocked']), node_id: z.string(), status: z.string().nullable(), reason: z.string().nullable(), n: int, friends: int });
const WaitingRowSchema = z.object({ node_id: z.string(), n: int });
const GoalRowSchema = z.object({ id: z.string(), goal: z.object({ eventName: z.string().min(1), windowDays: z.number().int().positive() }).nullable() });

const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;
export const goalsTable = (goals: readonly VersionGoal[]) =>
  sql`(select * from jsonb_to_recordset(${JSON.stringify(goals)}::jsonb) as g("versionId" uuid, "eventName" text, "windowDays" int))`;
/** Friends flagged as test accounts: every figure leaves them out (a small set, hashed once per query). */
export const notTestFriend = (col: SQL) => sql`${col} not in (select id from friends where is_test)`;
const versionFilter = (col: SQL, versionId: string | null) => (versionId ? sql`and ${col} = ${versionId}::uuid` : sql``);

/** The goal of every version of the scenario (versions without one are left out). */
export async function scenarioGoals(db: DbOrTx, scenarioId: string): Promise<VersionGoal[]> {
  const rows = await db.execute(sql`select id::text, plan->'settings'->'goal' as goal from scenario_versions where scenario_id = ${scenarioId}::uuid`);
  return rows.flatMap((r) => {
    const row = GoalRowSchema.parse(r);
    return row.goal ? [{ versionId: row.id, eventName: row.goal.eventName, windowDays: row.goal.windowDays }] : [];
  });
}

/** Run steps in scope, with whether each was followed by its version's goal within the window. */
export function stepsWithConversion(scope: AnalyticsScope, goals: readonly VersionGoal[], nodeId?: string): SQL {
  return sql`s as materialized (
      select rs.id, rs.node_id, rs.output, rs.friend_id, rs.version_id, rs.entered_at
      from run_steps rs
      where rs.scenario_id = ${scope.scenarioId}::uuid ${nodeId === undefined ? sql`` : sql`and rs.node_id = ${nodeId}`}
        and rs.entered_at >= ${ts(scope.from)} and rs.entered_at < ${ts(scope.to)}
        and not rs.is_test ${versionFilter(sql`rs.version_id`, scope.versionId)} and ${notTestFriend(sql`rs.friend_id`)}
    ),
    hit as (
      select s.id from s join ${goalsTable(goals)} g on g."versionId" = s.version_id
      where exists (
        select 1 from events e
        where e.friend_id = s.friend_id and e.name = g."eventName" and not e.is_test
          and e.occurred_at >= s.entered_at and e.occurred_at <= s.entered_at + make_interval(days => g."windowDays")
      )
    )`;
}

async function stepFigures(db: DbOrTx, scope: AnalyticsScope, goals: readonly VersionGoal[]) {
  const names = [...new Set(goals.map((g) => g.eventName))];
  const maxWindow = Math.max(0, ...goals.map((g) => g.windowDays));
  const steps = sql`rs.scenario_id = ${scope.scenarioId}::uuid and rs.entered_at >= ${ts(scope.from)} and rs.entered_at < ${ts(scope.to)}
    and not rs.is_test ${versionFilter(sql`rs.version_id`, scope.versionId)} and ${notTestFriend(sql`rs.friend_id`)}`;
  // Aggregates over a few hundred thousand friends need more than the default 4 MB of work memory to stay off disk;
  // and right after a bulk load (no statistics yet) the planner can pick a nested loop that repeats the goal join per
  // friend (minutes instead of milliseconds), so hash and merge joins are preferred here whatever the estimates say.
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local work_mem = '64MB'`);
    await tx.execute(sql`set local enable_nestloop = off`);
    const rows = await tx.execute(sql`
      with hit as materialized (
        -- (node, friend, output) of every step followed by its version's goal within the window.
        select distinct rs.node_id, rs.friend_id, rs.output
        from run_steps rs
        join ${goalsTable(goals)} g on g."versionId" = rs.version_id
        join events e on e.friend_id = rs.friend_id and e.name = g."eventName" and not e.is_test
          and e.occurred_at >= rs.entered_at and e.occurred_at <= rs.entered_at + make_interval(days => g."windowDays")
        where ${steps}
          and e.name = any(array(select jsonb_array_elements_text(${JSON.stringify(names)}::jsonb)))
          and e.occurred_at >= ${ts(scope.from)} and e.occurred_at <= ${ts(scope.to)} + make_interval(days => ${maxWindow}::int)
      ),
      hit_friend as materialized (select node_id, friend_id, array_agg(coalesce(output, '')) as outs from hit group by node_id, friend_id),
      -- One row per (node, friend), read in index order (run_steps_analytics_idx), with the outputs the friend left by.
      per as (
        select rs.node_id, rs.friend_id, count(*) as visits, array_agg(distinct rs.output) filter (where rs.output is not null) as outs
        from run_steps rs where ${steps}
        group by rs.node_id, rs.friend_id
      )
      select per.node_id, o.output, count(*) as friends, coalesce(sum(per.visits) filter (where o.output is null), 0) as visits,
        count(*) filter (where h.friend_id is not null and (o.output is null or o.output = any(h.outs))) as converted
      from per
      left join hit_friend h on h.node_id = per.node_id and h.friend_id = per.friend_id
      cross join lateral (select null::text as output union all select unnest(per.outs)) o
      group by per.node_id, o.output`);
    return rows.map((r) => StepRowSchema.parse(r));
  });
}

async function sendFigures(db: DbOrTx, scope: AnalyticsScope) {
  const rows = await db.execute(sql`
    with o as (
      select o.node_id, o.friend_id, o.run_id, o.status, o.reason, o.sent_at
      from outbox o
      where o.scenario_id = ${scope.scenarioId}::uuid and o.created_at >= ${ts(scope.from)} and o.created_at < ${ts(scope.to)}
        and not o.is_test ${versionFilter(sql`o.version_id`, scope.versionId)} and ${notTestFriend(sql`o.friend_id`)}
    ),
    sent as (select * from o where status = 'sent' and sent_at is not null)
    select 'status' as kind, node_id, status,
           case status when 'failed' then coalesce(substring(reason from '^LINE [0-9]+'), reason, 'unknown')
                       when 'skipped' then coalesce(reason, 'unknown') end as reason,
           count(*) as n, count(distinct friend_id) as friends
    from o group by 1, 2, 3, 4
    union all
    select 'clicks', s.node_id, null, null, count(distinct e.id), count(distinct s.friend_id)
    from sent s join events e on e.friend_id = s.friend_id and e.name = 'link_click' and not e.is_test
      and e.properties->>'runId' = s.run_id and e.properties->>'nodeId' = s.node_id
    group by s.node_id
    union all
    select 'blocked', s.node_id, null, null, count(distinct s.friend_id), count(distinct s.friend_id)
    from sent s join friends f on f.id = s.friend_id
    where f.blocked_at > s.sent_at and f.blocked_at <= s.sent_at + interval '72 hours'
    group by s.node_id`);
  return rows.map((r) => SendRowSchema.parse(r));
}

async function waitingNow(db: DbOrTx, scope: Pick<AnalyticsScope, 'scenarioId' | 'versionId'>) {
  const rows = await db.execute(sql`
    select current_node_id as node_id, count(distinct friend_id) as n
    from runs
    where scenario_id = ${scope.scenarioId}::uuid and status = 'active' and not is_test and current_node_id is not null
      ${versionFilter(sql`version_id`, scope.versionId)} and ${notTestFriend(sql`friend_id`)}
    group by current_node_id`);
  return rows.map((r) => WaitingRowSchema.parse(r));
}

function emptySends(): SendFigures {
  return { sent: 0, failed: 0, skipped: 0, pending: 0, sentFriends: 0, failedByReason: {}, skippedByReason: {}, uniqueClicks: 0, clicks: 0, blockedAfter: 0 };
}

/** Figures for every node seen in the history (or named in `nodeIds`), keyed by node id. */
export async function nodeFigures(db: DbOrTx, scope: AnalyticsScope, goals: readonly VersionGoal[], nodeIds: readonly string[] = []): Promise<Map<string, NodeFigures>> {
  const inScope = scope.versionId ? goals.filter((g) => g.versionId === scope.versionId) : goals;
  const [steps, sends, waiting] = await Promise.all([stepFigures(db, scope, inScope), sendFigures(db, scope), waitingNow(db, scope)]);
  const out = new Map<string, NodeFigures>();
  const get = (nodeId: string): NodeFigures => {
    let f = out.get(nodeId);
    if (!f) {
      f = { nodeId, entered: 0, visits: 0, waitingNow: 0, converted: inScope.length > 0 ? 0 : null, outputs: {}, sends: null };
      out.set(nodeId, f);
    }
    return f;
  };
  for (const id of nodeIds) get(id);
  for (const r of steps) {
    const f = get(r.node_id);
    if (r.output === null) {
      f.entered = r.friends;
      f.visits = r.visits;
      if (f.converted !== null) f.converted = r.converted;
    } else {
      f.outputs[r.output] = { friends: r.friends, converted: r.converted };
    }
  }
  for (const r of waiting) get(r.node_id).waitingNow = r.n;
  for (const r of sends) {
    const f = get(r.node_id);
    const s = (f.sends ??= emptySends());
    if (r.kind === 'clicks') {
      s.clicks = r.n;
      s.uniqueClicks = r.friends;
    } else if (r.kind === 'blocked') {
      s.blockedAfter = r.friends;
    } else if (r.status === 'sent') {
      s.sent += r.n;
      s.sentFriends += r.friends;
    } else if (r.status === 'failed') {
      s.failed += r.n;
      s.failedByReason[r.reason ?? 'unknown'] = (s.failedByReason[r.reason ?? 'unknown'] ?? 0) + r.n;
    } else if (r.status === 'skipped') {
      s.skipped += r.n;
      s.skippedByReason[r.reason ?? 'unknown'] = (s.skippedByReason[r.reason ?? 'unknown'] ?? 0) + r.n;
    } else if (r.status === 'pending') {
      s.pending += r.n;
    }
  }
  return out;
}
