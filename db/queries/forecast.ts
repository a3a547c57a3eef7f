// What the forecast reads from history: a trigger's occurrences in a window, a sample of friends as the core sees them
// (as of an instant), event rates, runs under way, and what a scenario actually sent (the backtest).
import { sql } from 'drizzle-orm';
import type { FriendSnapshot } from '@/scenario/friend';
import { executePrepared, type DbOrTx } from '../client';
import { HISTORY_LIMIT, INFLOW_ROUTE_SQL, toSnapshot, type SnapshotRow } from './friend-snapshot';

export type Window = { since: Date; until: Date };
const iso = (d: Date) => d.toISOString();

/** Friends added in the window (not test friends), optionally only those who came through a route (a code, or '' for any). */
export async function friendsAddedIn(db: DbOrTx, w: Window, route?: string): Promise<string[]> {
  const byRoute =
    route === undefined
      ? sql`TRUE`
      : sql`EXISTS (SELECT 1 FROM friend_inflow_routes fr JOIN inflow_routes r ON r.id = fr.route_id
            WHERE fr.friend_id = f.id AND (${route} = '' OR r.code = ${route}))`;
  const rows = await executePrepared<{ id: string }>(
    db,
    sql`SELECT f.id FROM friends f
      WHERE NOT f.is_test AND f.friend_added_at >= ${iso(w.since)}::timestamptz AND f.friend_added_at < ${iso(w.until)}::timestamptz AND ${byRoute}`,
  );
  return rows.map((r) => r.id);
}

/** Occurrences of an event in the window (not test events), with their friend and properties. */
export async function eventsIn(
  db: DbOrTx,
  name: string,
  w: Window,
  limit = 50_000,
): Promise<{ friendId: string; at: number; properties: Record<string, unknown> }[]> {
  const rows = await executePrepared<{ friend_id: string; at: number; properties: Record<string, unknown> }>(
    db,
    sql`SELECT friend_id, floor(extract(epoch FROM occurred_at) * 1000)::float8 AS at, properties FROM events
      WHERE name = ${name} AND NOT is_test AND occurred_at >= ${iso(w.since)}::timestamptz AND occurred_at < ${iso(w.until)}::timestamptz
      ORDER BY occurred_at LIMIT ${limit}::int`,
  );
  return rows.map((r) => ({ friendId: r.friend_id, at: Number(r.at), properties: r.properties }));
}

/** How many times the event occurred in the window (not test events): scales a capped `eventsIn` up to all of them. */
export async function eventCountIn(db: DbOrTx, name: string, w: Window): Promise<number> {
  const [row] = await executePrepared<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM events
      WHERE name = ${name} AND NOT is_test AND occurred_at >= ${iso(w.since)}::timestamptz AND occurred_at < ${iso(w.until)}::timestamptz`,
  );
  return row?.n ?? 0;
}

/** The scenario's runs (not test runs) of these friends started before `until`: who was inside when, for re-entry. */
export async function runSpans(
  db: DbOrTx,
  scenarioId: string,
  friendIds: readonly string[],
  until: Date,
): Promise<{ friendId: string; startedAt: number; endedAt: number | null }[]> {
  if (friendIds.length === 0) return [];
  const rows = await executePrepared<{ friend_id: string; started_at: number; ended_at: number | null }>(
    db,
    sql`SELECT friend_id, floor(extract(epoch FROM started_at) * 1000)::float8 AS started_at,
        floor(extract(epoch FROM ended_at) * 1000)::float8 AS ended_at
      FROM runs WHERE scenario_id = ${scenarioId}::uuid AND NOT is_test AND started_at < ${iso(until)}::timestamptz
        AND friend_id = ANY(string_to_array(${[...new Set(friendIds)].join(',')}, ',')::uuid[])`,
  );
  return rows.map((r) => ({
    friendId: r.friend_id,
    startedAt: Number(r.started_at),
    endedAt: r.ended_at === null ? null : Number(r.ended_at),
  }));
}

/** Friends tagged with `tag` in the window (the tag's current holders: a tag removed since is not seen). */
export async function taggedIn(db: DbOrTx, tag: string, w: Window): Promise<{ friendId: string; at: number }[]> {
  const rows = await executePrepared<{ friend_id: string; at: number }>(
    db,
    sql`SELECT t.friend_id, floor(extract(epoch FROM t.tagged_at) * 1000)::float8 AS at FROM friend_tags t JOIN friends f ON f.id = t.friend_id
      WHERE NOT f.is_test AND t.tag = ${tag} AND t.tagged_at >= ${iso(w.since)}::timestamptz AND t.tagged_at < ${iso(w.until)}::timestamptz`,
  );
  return rows.map((r) => ({ friendId: r.friend_id, at: Number(r.at) }));
}

/** Friends who could be messaged at `at` (added before it, not blocked by then, not test friends): the rates' denominator. */
export async function reachableCount(db: DbOrTx, at: Date): Promise<number> {
  const [row] = await executePrepared<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM friends
      WHERE NOT is_test AND friend_added_at < ${iso(at)}::timestamptz AND (blocked_at IS NULL OR blocked_at >= ${iso(at)}::timestamptz)`,
  );
  return row?.n ?? 0;
}

/** A seeded random sample of reachable friends' ids (all of them when fewer), for a broadcast's audience. */
export async function sampleReachable(db: DbOrTx, at: Date, limit: number, seed: string): Promise<string[]> {
  const rows = await executePrepared<{ id: string }>(
    db,
    sql`SELECT id FROM friends
      WHERE NOT is_test AND friend_added_at < ${iso(at)}::timestamptz AND (blocked_at IS NULL OR blocked_at >= ${iso(at)}::timestamptz)
      ORDER BY md5(id::text || ${seed}) LIMIT ${limit}::int`,
  );
  return rows.map((r) => r.id);
}

/** The friends' snapshots as they were at `asOf` as far as history goes (events before it; attributes are today's). */
export async function snapshotsAsOf(db: DbOrTx, ids: readonly string[], asOf: Date): Promise<FriendSnapshot[]> {
  if (ids.length === 0) return [];
  const rows = await executePrepared<SnapshotRow>(
    db,
    sql`SELECT f.id, f.line_user_id, f.display_name, f.attributes, f.member_id IS NOT NULL AS linked, ${INFLOW_ROUTE_SQL},
      floor(extract(epoch FROM f.friend_added_at) * 1000)::float8 AS friend_added_at,
      coalesce((SELECT array_agg(t.tag) FROM friend_tags t WHERE t.friend_id = f.id AND t.tagged_at < ${iso(asOf)}::timestamptz), '{}') AS tags,
      coalesce((SELECT json_agg(json_build_object('name', e.name, 'at', floor(extract(epoch FROM e.occurred_at) * 1000)::float8, 'properties', e.properties) ORDER BY e.occurred_at)
        FROM (SELECT name, occurred_at, properties FROM events
              WHERE friend_id = f.id AND NOT is_test AND occurred_at < ${iso(asOf)}::timestamptz ORDER BY occurred_at DESC LIMIT ${HISTORY_LIMIT}::int) e), '[]') AS events,
      NULL::int AS previous_runs, NULL::int AS active_runs
    FROM friends f WHERE f.id = ANY(string_to_array(${ids.join(',')}, ',')::uuid[])`,
  );
  return rows.map(toSnapshot);
}

/** A seeded sample of the scenario's runs under way at `at` (started before, not ended by then), and how many there are. */
export async function runsUnderWay(
  db: DbOrTx,
  scenarioId: string,
  at: Date,
  limit: number,
): Promise<{ total: number; runs: { friendId: string; versionId: string; startedAt: number }[] }> {
  const where = sql`scenario_id = ${scenarioId}::uuid AND NOT is_test AND started_at < ${iso(at)}::timestamptz
    AND (ended_at >= ${iso(at)}::timestamptz OR (ended_at IS NULL AND status = 'active'))`;
  const [count] = await executePrepared<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM runs WHERE ${where}`);
  const rows = await executePrepared<{ friend_id: string; version_id: string; started_at: number }>(
    db,
    sql`SELECT friend_id, version_id, floor(extract(epoch FROM started_at) * 1000)::float8 AS started_at FROM runs
      WHERE ${where} ORDER BY md5(id) LIMIT ${limit}::int`,
  );
  return {
    total: count?.n ?? 0,
    runs: rows.map((r) => ({ friendId: r.friend_id, versionId: r.version_id, startedAt: Number(r.started_at) })),
  };
}

/** The plan of each version asked for, by version id. */
export async function versionPlans(db: DbOrTx, versionIds: readonly string[]): Promise<Map<string, unknown>> {
  if (versionIds.length === 0) return new Map();
  const rows = await executePrepared<{ id: string; plan: unknown }>(
    db,
    sql`SELECT id, plan FROM scenario_versions WHERE id = ANY(string_to_array(${versionIds.join(',')}, ',')::uuid[])`,
  );
  return new Map(rows.map((r) => [r.id, r.plan]));
}

/** The scenario's version that was live at `at` (the latest published by then). */
export async function versionLiveAt(db: DbOrTx, scenarioId: string, at: Date): Promise<{ id: string; plan: unknown } | null> {
  const [row] = await executePrepared<{ id: string; plan: unknown }>(
    db,
    sql`SELECT id, plan FROM scenario_versions WHERE scenario_id = ${scenarioId}::uuid AND published_at <= ${iso(at)}::timestamptz
      ORDER BY published_at DESC LIMIT 1`,
  );
  return row ?? null;
}

/** Messages the scenario actually sent in the window (not test sends), per node and per day (offset from `since`). */
export async function sentPerNodeDay(db: DbOrTx, scenarioId: string, w: Window): Promise<{ nodeId: string; day: number; n: number }[]> {
  const rows = await executePrepared<{ node_id: string; day: number; n: number }>(
    db,
    sql`SELECT node_id, floor(extract(epoch FROM (sent_at - ${iso(w.since)}::timestamptz)) / 86400)::int AS day, count(*)::int AS n
      FROM outbox WHERE scenario_id = ${scenarioId}::uuid AND NOT is_test AND status = 'sent'
        AND sent_at >= ${iso(w.since)}::timestamptz AND sent_at < ${iso(w.until)}::timestamptz
      GROUP BY 1, 2`,
  );
  return rows.map((r) => ({ nodeId: r.node_id, day: r.day, n: r.n }));
}

/** Messages the scenario sent (pushed, not test sends) from `since` to `until`: its share of LINE's monthly count. */
export async function sentCount(db: DbOrTx, scenarioId: string, w: Window): Promise<number> {
  const [row] = await executePrepared<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM outbox WHERE scenario_id = ${scenarioId}::uuid AND NOT is_test AND status = 'sent'
      AND sent_at >= ${iso(w.since)}::timestamptz AND sent_at < ${iso(w.until)}::timestamptz`,
  );
  return row?.n ?? 0;
}
