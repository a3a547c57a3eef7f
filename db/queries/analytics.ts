// Per-node scenario figures in three set-based queries (steps from the trigger-kept rollups, sends, waiting now); definitions in docs/metrics.md.
import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '../client';
import { ALL_VERSIONS } from '../schema/analytics';

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

/**
 * Entered, visits, left-by-output and converted per node, from the rollups the triggers of migration 0003 keep
 * (db/schema/analytics.ts): whole buckets of days inside the range are summed from node_reach_days; the friends of a
 * bucket the range cuts through are read from node_reach (one row each), and a friend whose entries straddle an end of
 * the range is recounted from run_steps. Test friends' rows are taken out of the sums. With whole Japan-time days (as
 * the pages ask) only a few hundred rows are read whatever the history holds. A step converts when run_steps.goal_at is
 * set: the goal test of docs/metrics.md, made once when the step or the goal event is written.
 */
async function stepFigures(db: DbOrTx, scope: AnalyticsScope) {
  const version = sql`${scope.versionId ?? ALL_VERSIONS}::uuid`;
  const from = ts(scope.from);
  const to = ts(scope.to);
  const rows = await db.execute(sql`
    with tf as materialized (select id from friends where is_test),
    t as (
      select nr.node_id, nr.output, nr.first_day, nr.last_day, count(*) as friends, sum(nr.visits) as visits, count(*) filter (where nr.converted > 0) as converted
      from tf cross join lateral (
        select * from node_reach nr where nr.friend_id = tf.id and nr.scenario_id = ${scope.scenarioId}::uuid and nr.version_id = ${version} and nr.visits > 0
      ) nr
      group by 1, 2, 3, 4
    ),
    b as (
      select d.node_id, d.output, d.first_day, d.last_day, sum(d.friends) as friends, sum(d.visits) as visits, sum(d.converted) as converted,
        d.first_day::timestamp at time zone 'Asia/Tokyo' as b_from, (d.last_day + 1)::timestamp at time zone 'Asia/Tokyo' as b_to
      from node_reach_days d
      where d.scenario_id = ${scope.scenarioId}::uuid and d.version_id = ${version}
      group by 1, 2, 3, 4
    ),
    r as (
      select nr.node_id, nr.output, nr.friend_id, nr.visits, nr.converted, nr.first_at >= ${from} and nr.last_at < ${to} as inside
      from b
      join node_reach nr on nr.scenario_id = ${scope.scenarioId}::uuid and nr.version_id = ${version} and nr.node_id = b.node_id and nr.output = b.output
        and nr.first_day = b.first_day and nr.last_day = b.last_day
      where b.b_to > ${from} and b.b_from < ${to} and not (b.b_from >= ${from} and b.b_to <= ${to})
        and nr.visits > 0 and nr.last_at >= ${from} and nr.first_at < ${to} and nr.friend_id not in (select id from tf)
    ),
    parts as (
      select b.node_id, b.output, b.friends - coalesce(t.friends, 0) as friends, b.visits - coalesce(t.visits, 0) as visits, b.converted - coalesce(t.converted, 0) as converted
      from b left join t using (node_id, output, first_day, last_day)
      where b.b_from >= ${from} and b.b_to <= ${to}
      union all
      select r.node_id, r.output, 1, r.visits, (r.converted > 0)::int from r where r.inside
      union all
      select r.node_id, r.output, 1, x.visits, (x.converted > 0)::int
      from r cross join lateral (
        select count(*) as visits, count(*) filter (where rs.goal_at is not null) as converted
        from run_steps rs
        where rs.scenario_id = ${scope.scenarioId}::uuid and rs.node_id = r.node_id and rs.friend_id = r.friend_id
          and rs.entered_at >= ${from} and rs.entered_at < ${to} and not rs.is_test ${versionFilter(sql`rs.version_id`, scope.versionId)}
          and (r.output = '' or rs.output = r.output)
      ) x
      where not r.inside and x.visits > 0
    )
    select node_id, nullif(output, '') as output, sum(friends) as friends, sum(visits) as visits, sum(converted) as converted
    from parts group by node_id, output having sum(friends) > 0`);
  return rows.map((r) => StepRowSchema.parse(r));
}

/** Sends by status and reason, sent friends, tracked-link clicks and blocks after a send: two queries run side by side, each reading outbox_analytics_idx alone. */
async function sendFigures(db: DbOrTx, scope: AnalyticsScope) {
  const sends = sql`select o.node_id, o.friend_id, o.run_id, o.status, o.reason, o.sent_at
      from outbox o
      where o.scenario_id = ${scope.scenarioId}::uuid and o.created_at >= ${ts(scope.from)} and o.created_at < ${ts(scope.to)}
        and not o.is_test ${versionFilter(sql`o.version_id`, scope.versionId)} and ${notTestFriend(sql`o.friend_id`)}`;
  const [byStatus, followUps] = await Promise.all([
    db.execute(sql`
      with o as materialized (${sends})
      select 'status' as kind, node_id, status,
             case status when 'failed' then coalesce(substring(reason from '^LINE [0-9]+'), reason, 'unknown')
                         when 'skipped' then coalesce(reason, 'unknown') end as reason,
             count(*) as n, count(distinct friend_id) filter (where status = 'sent') as friends
      from o group by 1, 2, 3, 4`),
    db.execute(sql`
      with sent as materialized (select * from (${sends}) o where status = 'sent' and sent_at is not null)
      select 'clicks' as kind, s.node_id, null as status, null as reason, count(distinct e.id) as n, count(distinct s.friend_id) as friends
      from sent s join events e on e.friend_id = s.friend_id and e.name = 'link_click' and not e.is_test
        and e.properties->>'runId' = s.run_id and e.properties->>'nodeId' = s.node_id
      group by s.node_id
      union all
      select 'blocked', s.node_id, null, null, count(distinct s.friend_id), count(distinct s.friend_id)
      from sent s join friends f on f.id = s.friend_id
      where f.blocked_at > s.sent_at and f.blocked_at <= s.sent_at + interval '72 hours'
      group by s.node_id`),
  ]);
  return [...byStatus, ...followUps].map((r) => SendRowSchema.parse(r));
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
  const [steps, sends, waiting] = await Promise.all([stepFigures(db, scope), sendFigures(db, scope), waitingNow(db, scope)]);
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
