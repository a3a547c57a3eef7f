// The friends list's bulk actions, each one statement over the list's own filter: count, tag (with the tag's dispatch
// rows, as addFriendTags writes them), untag, and start a scenario (one scenario_start dispatch row per friend).
import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { friendTags, friends } from '../schema';
import { DISPATCH_CHANNEL, bulkTagDispatchCte } from './dispatches';

/** The ids the filter selects, as a subquery. */
const matching = (where: SQL | undefined) => sql`SELECT ${friends.id} FROM ${friends}${where ? sql` WHERE ${where}` : sql``}`;

export async function countMatching(db: DbOrTx, where: SQL | undefined): Promise<number> {
  const [row] = await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM (${matching(where)}) m`);
  return Number(row?.n ?? 0);
}

/** Tags every friend the filter selects; answers the friends who did not have the tag (each gets a tag_added row). */
export async function tagMatching(db: DbOrTx, where: SQL | undefined, tag: string, at: Date): Promise<string[]> {
  // Not a prepared statement: its text changes with the filter.
  const rows = await db.execute<{ friend_id: string }>(
    sql`WITH added_tags AS (
      INSERT INTO ${friendTags} (friend_id, tag, tagged_at)
      SELECT m.id, ${tag}::text, ${at.toISOString()}::timestamptz FROM (${matching(where)}) m
      ON CONFLICT DO NOTHING RETURNING friend_id, tag),
    ${bulkTagDispatchCte(at)}
    SELECT friend_id::text AS friend_id FROM added_tags`,
  );
  if (rows.length > 0) await db.execute(sql`SELECT pg_notify(${DISPATCH_CHANNEL}, '')`);
  return rows.map((r) => r.friend_id);
}

/** Removes the tag from every friend the filter selects; answers the friends who had it. */
export async function untagMatching(db: DbOrTx, where: SQL | undefined, tag: string): Promise<string[]> {
  const rows = await db.execute<{ friend_id: string }>(
    sql`DELETE FROM ${friendTags} WHERE tag = ${tag} AND friend_id IN (${matching(where)}) RETURNING friend_id::text AS friend_id`,
  );
  return rows.map((r) => r.friend_id);
}

/**
 * A scenario_start row for every friend the filter selects who has not blocked the account; the dispatcher starts each
 * run (the scenario's re-entry rule decides who may enter). Answers how many rows were written.
 */
export async function enqueueScenarioStarts(db: DbOrTx, where: SQL | undefined, scenarioId: string, at: Date): Promise<number> {
  const rows = await db.execute<{ id: string }>(
    sql`INSERT INTO dispatches (kind, friend_id, scenario_id, payload)
    SELECT 'scenario_start', f.id, ${scenarioId}::uuid,
      jsonb_build_object('friendId', f.id::text, 'scenarioId', ${scenarioId}::text, 'at', ${at.toISOString()}::text)
    FROM ${friends} f WHERE f.blocked_at IS NULL AND f.id IN (${matching(where)})
    RETURNING id`,
  );
  if (rows.length > 0) await db.execute(sql`SELECT pg_notify(${DISPATCH_CHANNEL}, '')`);
  return rows.length;
}
