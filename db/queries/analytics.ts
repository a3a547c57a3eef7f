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
  /** Of `waitingNow`, friends whose send quiet hours hold right now (a timer that runs the step again, not a wait). */
  heldNow: number;
  /** Unique friends who reached the node and then had the goal event within the window; null with no goal in scope. */
  converted: number | null;
  /** Unique friends who left through each named output (e.g. next, variant:a, timeout). */
  outputs: Record<string, { friends: number; converted: number }>;
  sends: SendFigures | null;
}

const int = z.coerce.number().int();
const StepRowSchema = z.object({ node_id: z.string(), output: z.string().nullable(), friends: int, visits: int, converted: int });
const SendRowSchema = z.object({
  kind: z.enum(['status', 'sent', 'clicks', 'blocked']),
  node_id: z.string(),
  status: z.string().nullable(),
  reason: z.string().nullable(),
  n: int,
  friends: int,
});
const WaitingRowSchema = z.object({ node_id: z.string(), n: int, held: int });
const GoalRowSchema = z.object({
  id: z.string(),
  goal: z.object({ eventName: z.string().min(1), windowDays: z.number().int().positive() }).nullable(),
});

const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;
export const goalsTable = (goals: readonly VersionGoal[]) =>
  sql`(select * from jsonb_to_recordset(${JSON.stringify(goals)}::jsonb) as g("versionId" uuid, "eventName" text, "windowDays" int))`;
/** Friends flagged as test accounts: every figure leaves them out (a small set, hashed once per query). */
export const notTestFriend = (col: SQL) => sql`${col} not in (select id from friends where is_test)`;
const versionFilter = (col: SQL, versionId: string | null) => (versionId ? sql`and ${col} = ${versionId}::uuid` : sql``);

/** The goal of every version of the scenario (versions without one are left out). */
export async function scenarioGoals(db: DbOrTx, scenarioId: string): Promise<VersionGoal[]> {
  const rows = await db.execute(
    sql`select id::text, plan->'settings'->'goal' as goal from scenario_versions where scenario_id = ${scenarioId}::uuid`,
  );
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

const DAY_MS = 86_400_000;
const JST_MS = 9 * 3_600_000;
const jstDate = (day: number) => sql`${new Date(day * DAY_MS).toISOString().slice(0, 10)}::date`;
const jstStart = (day: number) => new Date(day * DAY_MS - JST_MS);

/**
 * Entered, visits, left-by-output and converted per node, from the rollups the triggers of 0001_live_functions keep
 * (db/schema/analytics.ts). The whole Japan-time days [d1, d2] inside the range are summed from node_days_sum: a friend
 * counts on the day row whose previous day (prev_day) is before d1, so each friend counts once without grouping
 * friends. A partial first or last day (a range that does not start or end at JST midnight, e.g. "until now") is
 * counted from its run steps, adding friends not already counted inside. Test friends' rows are taken out of the sums.
 * A step converts when run_steps.goal_at is set: the goal test of docs/metrics.md, made when the step or event is written.
 */
async function stepFigures(db: DbOrTx, scope: AnalyticsScope) {
  const version = sql`${scope.versionId ?? ALL_VERSIONS}::uuid`;
  const slice = (t: string) => sql`${sql.raw(t)}.scenario_id = ${scope.scenarioId}::uuid and ${sql.raw(t)}.version_id = ${version}`;
  const fromMs = scope.from.getTime() + JST_MS;
  const toMs = scope.to.getTime() + JST_MS;
  const df = Math.floor(fromMs / DAY_MS);
  const dt = Math.floor(toMs / DAY_MS);
  const fromPartial = fromMs - df * DAY_MS !== 0;
  const toPartial = toMs - dt * DAY_MS !== 0;
  const d1 = df + (fromPartial ? 1 : 0);
  const d2 = dt - 1;
  // Instants of the partial days inside the range: [start, end) pairs.
  const windows: [Date, Date][] = [];
  if (fromPartial) windows.push([scope.from, new Date(Math.min(scope.to.getTime(), jstStart(df + 1).getTime()))]);
  if (toPartial && !(fromPartial && dt === df)) windows.push([new Date(Math.max(scope.from.getTime(), jstStart(dt).getTime())), scope.to]);
  const parts: SQL[] = [];
  if (d1 <= d2) {
    parts.push(sql`
      select s.node_id, s.output, sum(s.friends) filter (where s.prev_day < ${jstDate(d1)}) as friends, sum(s.visits) as visits,
        sum(s.converted) filter (where s.prev_conv_day < ${jstDate(d1)}) as converted
      from node_days_sum s where ${slice('s')} and s.day between ${jstDate(d1)} and ${jstDate(d2)}
      group by 1, 2`);
    parts.push(sql`
      select nd.node_id, nd.output, -count(*) filter (where nd.prev_day < ${jstDate(d1)}), -sum(nd.visits),
        -count(*) filter (where nd.converted > 0 and nd.prev_conv_day < ${jstDate(d1)})
      from tf cross join lateral (
        select * from node_days nd where nd.friend_id = tf.id and ${slice('nd')} and nd.day between ${jstDate(d1)} and ${jstDate(d2)}
      ) nd
      group by 1, 2`);
  }
  if (windows.length > 0) {
    const inInterior = (extra: SQL) =>
      d1 <= d2
        ? sql`exists (select 1 from node_days n2 where ${slice('n2')} and n2.node_id = b.node_id and n2.output = b.output and n2.friend_id = b.friend_id
            and n2.day between ${jstDate(d1)} and ${jstDate(d2)} ${extra})`
        : sql`false`;
    parts.push(sql`
      select node_id, output, count(*) filter (where not in_int), sum(visits), count(*) filter (where conv > 0 and not conv_int)
      from (
        select b.node_id, b.output, b.friend_id, sum(b.visits) as visits, sum(b.conv) as conv,
          -- Counted inside already? On the last day, the day row's chain tells; on the first, look for a day inside.
          bool_or(case when b.day = ${jstDate(dt)} and ${toPartial} then coalesce(nd.prev_day >= ${jstDate(d1)}, false) else ${inInterior(sql``)} end) as in_int,
          bool_or(case when b.day = ${jstDate(dt)} and ${toPartial} then coalesce(nd.prev_conv_day >= ${jstDate(d1)}, false) else ${inInterior(sql`and n2.converted > 0`)} end) as conv_int
        from (
          select rs.node_id, k.output, rs.friend_id, (rs.entered_at at time zone 'Asia/Tokyo')::date as day,
            count(*) as visits, count(*) filter (where rs.goal_at is not null) as conv
          from run_steps rs cross join lateral (values (''), (rs.output)) k(output)
          where rs.scenario_id = ${scope.scenarioId}::uuid and not rs.is_test ${versionFilter(sql`rs.version_id`, scope.versionId)}
            and rs.friend_id not in (select id from tf) and k.output is not null
            and (${sql.join(
              windows.map(([a, b]) => sql`(rs.entered_at >= ${ts(a)} and rs.entered_at < ${ts(b)})`),
              sql` or `,
            )})
          group by 1, 2, 3, 4
        ) b
        left join node_days nd on ${slice('nd')} and nd.node_id = b.node_id and nd.output = b.output and nd.friend_id = b.friend_id and nd.day = b.day
        group by 1, 2, 3
      ) f
      group by 1, 2`);
  }
  if (parts.length === 0) return [];
  const rows = await db.execute(sql`
    with tf as materialized (select id from friends where is_test),
    parts (node_id, output, friends, visits, converted) as (${sql.join(parts, sql` union all `)})
    select node_id, nullif(output, '') as output, coalesce(sum(friends), 0) as friends, coalesce(sum(visits), 0) as visits, coalesce(sum(converted), 0) as converted
    from parts group by node_id, output having coalesce(sum(friends), 0) > 0`);
  return rows.map((r) => StepRowSchema.parse(r));
}

/** Sends by status and reason, sent friends, tracked-link clicks and blocks after a send: one query reading outbox_analytics_idx alone. */
async function sendFigures(db: DbOrTx, scope: AnalyticsScope) {
  const sends = sql`select o.node_id, o.friend_id, o.run_id, o.status, o.reason, o.sent_at
      from outbox o
      where o.scenario_id = ${scope.scenarioId}::uuid and o.created_at >= ${ts(scope.from)} and o.created_at < ${ts(scope.to)}
        and not o.is_test ${versionFilter(sql`o.version_id`, scope.versionId)} and ${notTestFriend(sql`o.friend_id`)}`;
  // One read of the index for all of them: on a busy machine, less work beats queries side by side.
  const rows = await db.execute(sql`
    with o as materialized (${sends}),
    sent as materialized (select node_id, friend_id, run_id, sent_at from o where status = 'sent' and sent_at is not null)
    select 'status' as kind, node_id, status,
           case status when 'failed' then coalesce(substring(reason from '^LINE [0-9]+'), reason, 'unknown')
                       when 'skipped' then coalesce(reason, 'unknown') end as reason,
           count(*) as n, 0 as friends
    from o group by 1, 2, 3, 4
    union all
    select 'sent', node_id, null, null, count(*), count(*)
    from (select distinct node_id, friend_id from o where status = 'sent') f group by node_id
    union all
    select 'clicks', s.node_id, null, null, count(distinct e.id), count(distinct s.friend_id)
    from sent s
    join (select id, friend_id, properties->>'runId' as run_id, properties->>'nodeId' as node_id from events where name = 'link_click' and not is_test) e
      on e.friend_id = s.friend_id and e.run_id = s.run_id and e.node_id = s.node_id
    group by s.node_id
    union all
    select 'blocked', s.node_id, null, null, count(distinct s.friend_id), count(distinct s.friend_id)
    from sent s join friends f on f.id = s.friend_id and f.blocked_at is not null
    where f.blocked_at > s.sent_at and f.blocked_at <= s.sent_at + interval '72 hours'
    group by s.node_id`);
  return rows.map((r) => SendRowSchema.parse(r));
}

/** A run row held by quiet hours: its position waits on a timer with no output (scenario/quiet-hours.ts isQuietHold). */
export const QUIET_HOLD_SQL = sql`waiting_for->>'kind' = 'timer' and waiting_for->'output' = 'null'::jsonb`;

async function waitingNow(db: DbOrTx, scope: Pick<AnalyticsScope, 'scenarioId' | 'versionId'>) {
  const rows = await db.execute(sql`
    select current_node_id as node_id, count(distinct friend_id) as n,
      count(distinct friend_id) filter (where ${QUIET_HOLD_SQL}) as held
    from runs
    where scenario_id = ${scope.scenarioId}::uuid and status = 'active' and not is_test and current_node_id is not null
      ${versionFilter(sql`version_id`, scope.versionId)} and ${notTestFriend(sql`friend_id`)}
    group by current_node_id`);
  return rows.map((r) => WaitingRowSchema.parse(r));
}

function emptySends(): SendFigures {
  return {
    sent: 0,
    failed: 0,
    skipped: 0,
    pending: 0,
    sentFriends: 0,
    failedByReason: {},
    skippedByReason: {},
    uniqueClicks: 0,
    clicks: 0,
    blockedAfter: 0,
  };
}

/** Figures for every node seen in the history (or named in `nodeIds`), keyed by node id. */
export async function nodeFigures(
  db: DbOrTx,
  scope: AnalyticsScope,
  goals: readonly VersionGoal[],
  nodeIds: readonly string[] = [],
): Promise<Map<string, NodeFigures>> {
  const inScope = scope.versionId ? goals.filter((g) => g.versionId === scope.versionId) : goals;
  const [steps, sends, waiting] = await Promise.all([stepFigures(db, scope), sendFigures(db, scope), waitingNow(db, scope)]);
  const out = new Map<string, NodeFigures>();
  const get = (nodeId: string): NodeFigures => {
    let f = out.get(nodeId);
    if (!f) {
      f = { nodeId, entered: 0, visits: 0, waitingNow: 0, heldNow: 0, converted: inScope.length > 0 ? 0 : null, outputs: {}, sends: null };
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
  for (const r of waiting) {
    const f = get(r.node_id);
    f.waitingNow = r.n;
    f.heldNow = r.held;
  }
  for (const r of sends) {
    const f = get(r.node_id);
    const s = (f.sends ??= emptySends());
    if (r.kind === 'sent') {
      s.sentFriends = r.friends;
    } else if (r.kind === 'clicks') {
      s.clicks = r.n;
      s.uniqueClicks = r.friends;
    } else if (r.kind === 'blocked') {
      s.blockedAfter = r.friends;
    } else if (r.status === 'sent') {
      s.sent += r.n;
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
