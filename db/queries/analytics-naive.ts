// The naive per-node figures the set-based queries replace: one round of queries per node and per output (kept for the benchmark and as a cross-check in tests).
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '../client';
import type { AnalyticsScope, NodeFigures, VersionGoal } from './analytics';

const int = z.coerce.number().int();
const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;

async function one(db: DbOrTx, q: ReturnType<typeof sql>): Promise<number> {
  const rows = await db.execute(q);
  return int.parse(Object.values(rows[0] ?? { n: 0 })[0]);
}

/** Same figures as nodeFigures(), computed node by node with correlated subqueries, as an ORM-shaped first version would. */
export async function naiveNodeFigures(
  db: DbOrTx,
  scope: AnalyticsScope,
  goals: readonly VersionGoal[],
  nodeIds: readonly string[],
): Promise<Map<string, NodeFigures>> {
  const inScope = scope.versionId ? goals.filter((g) => g.versionId === scope.versionId) : goals;
  const version = (col: ReturnType<typeof sql>) => (scope.versionId ? sql`and ${col} = ${scope.versionId}::uuid` : sql``);
  const stepWhere = (nodeId: string) =>
    sql`rs.scenario_id = ${scope.scenarioId}::uuid and rs.node_id = ${nodeId} and rs.entered_at >= ${ts(scope.from)} and rs.entered_at < ${ts(scope.to)}
      and not rs.is_test ${version(sql`rs.version_id`)} and not (select is_test from friends f where f.id = rs.friend_id)`;
  const converts = sql`exists (select 1 from scenario_versions v, events e where v.id = rs.version_id and v.plan->'settings'->'goal' is not null and e.friend_id = rs.friend_id and e.name = v.plan->'settings'->'goal'->>'eventName' and not e.is_test
      and e.occurred_at >= rs.entered_at and e.occurred_at <= rs.entered_at + ((v.plan->'settings'->'goal'->>'windowDays')::int * interval '1 day'))`;
  const sendWhere = (nodeId: string) =>
    sql`o.scenario_id = ${scope.scenarioId}::uuid and o.node_id = ${nodeId} and o.created_at >= ${ts(scope.from)} and o.created_at < ${ts(scope.to)}
      and not o.is_test ${version(sql`o.version_id`)} and not (select is_test from friends f where f.id = o.friend_id)`;
  const out = new Map<string, NodeFigures>();
  for (const nodeId of nodeIds) {
    const entered = await one(db, sql`select count(distinct rs.friend_id) from run_steps rs where ${stepWhere(nodeId)}`);
    const visits = await one(db, sql`select count(*) from run_steps rs where ${stepWhere(nodeId)}`);
    const converted =
      inScope.length > 0
        ? await one(db, sql`select count(distinct rs.friend_id) from run_steps rs where ${stepWhere(nodeId)} and ${converts}`)
        : null;
    const waitingNow = await one(
      db,
      sql`select count(distinct r.friend_id) from runs r where r.scenario_id = ${scope.scenarioId}::uuid and r.status = 'active' and r.current_node_id = ${nodeId}
        and not r.is_test ${version(sql`r.version_id`)} and not (select is_test from friends f where f.id = r.friend_id)`,
    );
    const heldNow = await one(
      db,
      sql`select count(distinct r.friend_id) from runs r where r.scenario_id = ${scope.scenarioId}::uuid and r.status = 'active' and r.current_node_id = ${nodeId}
        and r.waiting_for->>'kind' = 'timer' and r.waiting_for->'output' = 'null'::jsonb
        and not r.is_test ${version(sql`r.version_id`)} and not (select is_test from friends f where f.id = r.friend_id)`,
    );
    const outputRows = await db.execute(
      sql`select distinct rs.output from run_steps rs where ${stepWhere(nodeId)} and rs.output is not null`,
    );
    const outputs: NodeFigures['outputs'] = {};
    for (const o of outputRows) {
      const output = z.string().parse(o.output);
      outputs[output] = {
        friends: await one(
          db,
          sql`select count(distinct rs.friend_id) from run_steps rs where ${stepWhere(nodeId)} and rs.output = ${output}`,
        ),
        converted: await one(
          db,
          sql`select count(distinct rs.friend_id) from run_steps rs where ${stepWhere(nodeId)} and rs.output = ${output} and ${converts}`,
        ),
      };
    }
    const sendCount = await one(db, sql`select count(*) from outbox o where ${sendWhere(nodeId)}`);
    let sends: NodeFigures['sends'] = null;
    if (sendCount > 0) {
      const count = (status: string) => one(db, sql`select count(*) from outbox o where ${sendWhere(nodeId)} and o.status = ${status}`);
      const byReason = async (status: string, expr: ReturnType<typeof sql>) => {
        const rows = await db.execute(
          sql`select ${expr} as reason, count(*) as n from outbox o where ${sendWhere(nodeId)} and o.status = ${status} group by 1`,
        );
        return Object.fromEntries(rows.map((r) => [z.string().parse(r.reason), int.parse(r.n)]));
      };
      const sentFilter = sql`${sendWhere(nodeId)} and o.status = 'sent' and o.sent_at is not null`;
      sends = {
        sent: await count('sent'),
        failed: await count('failed'),
        skipped: await count('skipped'),
        pending: await count('pending'),
        sentFriends: await one(db, sql`select count(distinct o.friend_id) from outbox o where ${sentFilter}`),
        failedByReason: await byReason('failed', sql`coalesce(substring(o.reason from '^LINE [0-9]+'), o.reason, 'unknown')`),
        skippedByReason: await byReason('skipped', sql`coalesce(o.reason, 'unknown')`),
        uniqueClicks: await one(
          db,
          sql`select count(distinct e.friend_id) from events e where e.name = 'link_click' and not e.is_test and e.properties->>'nodeId' = ${nodeId}
            and exists (select 1 from outbox o where ${sentFilter} and o.run_id = e.properties->>'runId' and o.friend_id = e.friend_id)`,
        ),
        clicks: await one(
          db,
          sql`select count(*) from events e where e.name = 'link_click' and not e.is_test and e.properties->>'nodeId' = ${nodeId}
            and exists (select 1 from outbox o where ${sentFilter} and o.run_id = e.properties->>'runId' and o.friend_id = e.friend_id)`,
        ),
        blockedAfter: await one(
          db,
          sql`select count(distinct o.friend_id) from outbox o where ${sentFilter}
            and exists (select 1 from friends f where f.id = o.friend_id and f.blocked_at > o.sent_at and f.blocked_at <= o.sent_at + interval '72 hours')`,
        ),
      };
    }
    out.set(nodeId, { nodeId, entered, visits, waitingNow, heldNow, converted, outputs, sends });
  }
  return out;
}
