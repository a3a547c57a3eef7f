// The friends a broadcast may reach (neither blocked nor test friends), a page at a time as the core sees them, so the
// broadcast screen counts its audience with the same snapshots and the same evaluate() as the broadcast itself.
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { FriendSnapshot } from '@/scenario/friend';
import { executePrepared, type DbOrTx } from '../client';
import { friends } from '../schema';
import { HISTORY_DAYS, HISTORY_LIMIT, INFLOW_ROUTE_SQL, toSnapshot, type SnapshotRow } from './friend-snapshot';

export interface SnapshotPage {
  snapshots: FriendSnapshot[];
  nextCursor: string | null;
}

/** One page in id order after `afterId`; events only when the condition counts them (`withEvents`). */
export async function reachableSnapshots(
  db: DbOrTx,
  page: { afterId: string | null; limit: number; now: Date; withEvents: boolean },
): Promise<SnapshotPage> {
  const since = new Date(page.now.getTime() - HISTORY_DAYS * 86_400_000).toISOString();
  const events = page.withEvents
    ? sql`coalesce((SELECT json_agg(json_build_object('name', e.name, 'at', floor(extract(epoch FROM e.occurred_at) * 1000)::float8, 'properties', e.properties) ORDER BY e.occurred_at)
        FROM (SELECT name, occurred_at, properties FROM events
              WHERE friend_id = f.id AND occurred_at >= ${since}::timestamptz ORDER BY occurred_at DESC LIMIT ${HISTORY_LIMIT}::int) e), '[]')`
    : sql`'[]'::json`;
  const rows = await executePrepared<SnapshotRow>(
    db,
    sql`SELECT f.id, f.line_user_id, f.display_name, f.attributes, f.member_id IS NOT NULL AS linked, ${INFLOW_ROUTE_SQL},
      floor(extract(epoch FROM f.friend_added_at) * 1000)::float8 AS friend_added_at,
      coalesce((SELECT array_agg(t.tag) FROM friend_tags t WHERE t.friend_id = f.id), '{}') AS tags,
      ${events} AS events, NULL::int AS previous_runs, NULL::int AS active_runs
    FROM friends f
    WHERE f.blocked_at IS NULL AND NOT f.is_test AND (${page.afterId}::uuid IS NULL OR f.id > ${page.afterId}::uuid)
    ORDER BY f.id LIMIT ${page.limit}::int`,
  );
  return {
    snapshots: rows.map(toSnapshot),
    nextCursor: rows.length === page.limit ? (rows.at(-1)?.id ?? null) : null,
  };
}

/** Test friends who can receive a test send (not blocked), by name. */
export async function reachableTestFriends(db: DbOrTx): Promise<{ id: string; displayName: string }[]> {
  return db
    .select({ id: friends.id, displayName: friends.displayName })
    .from(friends)
    .where(and(eq(friends.isTest, true), isNull(friends.blockedAt)))
    .orderBy(asc(friends.displayName));
}
