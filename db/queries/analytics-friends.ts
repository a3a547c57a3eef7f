// The friends behind a node's figures: waiting there now, converted after reaching it, or blocked after its send.
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '../client';
import { goalsTable, notTestFriend, stepsWithConversion, type AnalyticsScope, type VersionGoal } from './analytics';

export const nodeFriendKinds = ['waiting', 'converted', 'blocked'] as const;
export type NodeFriendKind = (typeof nodeFriendKinds)[number];

export interface NodeFriend {
  friendId: string;
  displayName: string;
  /** waiting: when the friend reached the node; converted: first goal event after reaching it; blocked: when they blocked. */
  at: Date;
  /** waiting: when the wait ends (if timed); converted: when they reached the node; blocked: the send before the block. */
  since: Date | null;
}

const RowSchema = z.object({ friend_id: z.string(), display_name: z.string(), at: z.coerce.date(), since: z.coerce.date().nullable() });
const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;

export async function nodeFriends(
  db: DbOrTx,
  scope: AnalyticsScope,
  goals: readonly VersionGoal[],
  nodeId: string,
  kind: NodeFriendKind,
  limit = 100,
): Promise<NodeFriend[]> {
  const version = (col: ReturnType<typeof sql>) => (scope.versionId ? sql`and ${col} = ${scope.versionId}::uuid` : sql``);
  const inScope = scope.versionId ? goals.filter((g) => g.versionId === scope.versionId) : goals;
  let query;
  switch (kind) {
    case 'waiting':
      query = sql`
        select f.id as friend_id, f.display_name, coalesce(st.entered_at, r.started_at) as at, r.waiting_until as since
        from runs r join friends f on f.id = r.friend_id
        left join lateral (select max(entered_at) as entered_at from run_steps where run_id = r.id and node_id = r.current_node_id) st on true
        where r.scenario_id = ${scope.scenarioId}::uuid and r.status = 'active' and r.current_node_id = ${nodeId}
          and not r.is_test and not f.is_test ${version(sql`r.version_id`)}
        order by at desc limit ${limit}`;
      break;
    case 'converted':
      query = sql`
        with ${stepsWithConversion(scope, inScope, nodeId)}
        select f.id as friend_id, f.display_name, min(goal.at) as at, min(s.entered_at) as since
        from s join hit on hit.id = s.id join friends f on f.id = s.friend_id
        join ${goalsTable(inScope)} g on g."versionId" = s.version_id
        cross join lateral (select min(e.occurred_at) as at from events e where e.friend_id = s.friend_id and e.name = g."eventName" and not e.is_test
          and e.occurred_at >= s.entered_at and e.occurred_at <= s.entered_at + make_interval(days => g."windowDays")) goal
        where s.node_id = ${nodeId}
        group by f.id, f.display_name order by at desc limit ${limit}`;
      break;
    case 'blocked':
      query = sql`
        select f.id as friend_id, f.display_name, f.blocked_at as at, max(o.sent_at) as since
        from outbox o join friends f on f.id = o.friend_id
        where o.scenario_id = ${scope.scenarioId}::uuid and o.node_id = ${nodeId} and o.status = 'sent' and not o.is_test
          and o.created_at >= ${ts(scope.from)} and o.created_at < ${ts(scope.to)} ${version(sql`o.version_id`)} and ${notTestFriend(sql`o.friend_id`)}
          and f.blocked_at > o.sent_at and f.blocked_at <= o.sent_at + interval '72 hours'
        group by f.id, f.display_name, f.blocked_at order by at desc limit ${limit}`;
      break;
  }
  const rows = await db.execute(query);
  return rows.map((r) => {
    const row = RowSchema.parse(r);
    return { friendId: row.friend_id, displayName: row.display_name, at: row.at, since: row.since };
  });
}
