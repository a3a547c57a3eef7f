// Loads what the scenario core knows of a friend (attributes, tags, link state, recent events) in one statement,
// optionally with the friend's past runs of a scenario (for the re-entry policy).
import { sql, type SQL } from 'drizzle-orm';
import { FriendSnapshotSchema, type FriendSnapshot } from '@/scenario/friend';
import { executePrepared, type DbOrTx } from '../client';

/** How far back, and how many, events a snapshot holds (the broadcast screen's count reads the same). */
export const HISTORY_DAYS = 400;
export const HISTORY_LIMIT = 500;

/** The friend's inflow route code, as a column of a statement over `friends f`. */
export const INFLOW_ROUTE_SQL = sql`(SELECT r.code FROM friend_inflow_routes fr JOIN inflow_routes r ON r.id = fr.route_id WHERE fr.friend_id = f.id) AS inflow_route`;

export interface RunHistory {
  active: boolean;
  previousRuns: number;
}

export interface SnapshotRow extends Record<string, unknown> {
  id: string;
  line_user_id: string;
  display_name: string;
  attributes: Record<string, unknown>;
  linked: boolean;
  /** The code of the friend's inflow route (流入経路), if any. */
  inflow_route?: string | null;
  friend_added_at: string | number;
  tags: string[];
  events: { name: string; at: number; properties: Record<string, unknown> }[];
  previous_runs: number | null;
  active_runs: number | null;
}

/** The snapshot's columns over `friends f` (one statement, whichever friends `where` picks). */
function snapshotSelect(now: Date, scenarioId: string | null, where: SQL): SQL {
  const since = new Date(now.getTime() - HISTORY_DAYS * 86_400_000).toISOString();
  const history = scenarioId
    ? sql`(SELECT count(*) FROM runs r WHERE r.scenario_id = ${scenarioId}::uuid AND r.friend_id = f.id AND NOT r.is_test)::int AS previous_runs,
        (SELECT count(*) FROM runs r WHERE r.scenario_id = ${scenarioId}::uuid AND r.friend_id = f.id AND NOT r.is_test AND r.status = 'active')::int AS active_runs`
    : sql`NULL::int AS previous_runs, NULL::int AS active_runs`;
  return sql`SELECT f.id, f.line_user_id, f.display_name, f.attributes, f.member_id IS NOT NULL AS linked, ${INFLOW_ROUTE_SQL},
      floor(extract(epoch FROM f.friend_added_at) * 1000)::float8 AS friend_added_at,
      coalesce((SELECT array_agg(t.tag) FROM friend_tags t WHERE t.friend_id = f.id), '{}') AS tags,
      coalesce((SELECT json_agg(json_build_object('name', e.name, 'at', floor(extract(epoch FROM e.occurred_at) * 1000)::float8, 'properties', e.properties) ORDER BY e.occurred_at)
        FROM (SELECT name, occurred_at, properties FROM events
              WHERE friend_id = f.id AND occurred_at >= ${since}::timestamptz ORDER BY occurred_at DESC LIMIT ${HISTORY_LIMIT}::int) e), '[]') AS events,
      ${history}
    FROM friends f WHERE ${where}`;
}

async function snapshotRow(db: DbOrTx, friendId: string, now: Date, scenarioId: string | null): Promise<SnapshotRow | undefined> {
  const [row] = await executePrepared<SnapshotRow>(db, snapshotSelect(now, scenarioId, sql`f.id = ${friendId}::uuid`));
  return row;
}

export function toSnapshot(row: SnapshotRow): FriendSnapshot {
  return FriendSnapshotSchema.parse({
    id: row.id,
    lineUserId: row.line_user_id,
    displayName: row.display_name,
    attributes: row.attributes,
    tags: [...row.tags].sort(),
    linked: row.linked,
    inflowRoute: row.inflow_route ?? null,
    friendAddedAt: Number(row.friend_added_at),
    events: row.events,
  });
}

export async function loadFriendSnapshot(db: DbOrTx, friendId: string, now = new Date()): Promise<FriendSnapshot | null> {
  const row = await snapshotRow(db, friendId, now, null);
  return row ? toSnapshot(row) : null;
}

/** Many friends' snapshots (as loadFriendSnapshot reads each) in one statement, by id; a missing friend is absent. */
export async function loadFriendSnapshots(
  db: DbOrTx,
  friendIds: readonly string[],
  now = new Date(),
): Promise<Map<string, FriendSnapshot>> {
  const ids = [...new Set(friendIds)];
  if (ids.length === 0) return new Map();
  const rows = await executePrepared<SnapshotRow>(
    db,
    snapshotSelect(now, null, sql`f.id = ANY(string_to_array(${ids.join(',')}, ',')::uuid[])`),
  );
  return new Map(rows.map((r) => [r.id, toSnapshot(r)]));
}

/** The friend's snapshot and past runs of the scenario, as a trigger needs them to start a run. */
export async function loadEntrySnapshot(
  db: DbOrTx,
  friendId: string,
  scenarioId: string,
  now = new Date(),
): Promise<{ friend: FriendSnapshot; history: RunHistory } | null> {
  const row = await snapshotRow(db, friendId, now, scenarioId);
  if (!row) return null;
  return { friend: toSnapshot(row), history: { active: (row.active_runs ?? 0) > 0, previousRuns: row.previous_runs ?? 0 } };
}
