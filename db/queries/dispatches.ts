// The trigger outbox's queries: enqueue in the fact's transaction, claim under a lease in per-friend order, settle,
// back off, dead-letter, and the figures the operations page and the health endpoint show.
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { executePrepared, type DbOrTx } from '../client';
import { dispatches, type DispatchRow } from '../schema';

/** The channel the dispatcher LISTENs on; a commit that wrote rows wakes it at once (the sweep catches the rest). */
export const DISPATCH_CHANNEL = 'kizuna_dispatch';

const instant = z.iso.datetime({ offset: true });

/** What each kind carries: ids and small values; the dispatcher reads everything else from the database. */
export const DispatchItemSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('friend_added'), friendId: z.uuid(), isUnblocked: z.boolean(), at: instant }),
  z.object({ kind: z.literal('friend_blocked'), friendId: z.uuid(), at: instant }),
  z.object({ kind: z.literal('event'), friendId: z.uuid(), eventId: z.uuid() }),
  z.object({ kind: z.literal('tag_added'), friendId: z.uuid(), tag: z.string().min(1), at: instant }),
  z.object({ kind: z.literal('scenario_stopped'), scenarioId: z.uuid() }),
  z.object({ kind: z.literal('broadcast'), scenarioId: z.uuid(), versionId: z.uuid() }),
  /** An operator started a live scenario for this friend (the friends list's bulk action). */
  z.object({ kind: z.literal('scenario_start'), friendId: z.uuid(), scenarioId: z.uuid(), at: instant }),
  /** A friend came through an inflow route (LINE Login): the route's scenario and route_added triggers start. */
  z.object({ kind: z.literal('route_added'), friendId: z.uuid(), routeId: z.uuid(), at: instant }),
]);
export type DispatchItem = z.infer<typeof DispatchItemSchema>;

function columns(item: DispatchItem) {
  const { kind, ...payload } = DispatchItemSchema.parse(item);
  return {
    kind,
    friendId: 'friendId' in payload ? payload.friendId : null,
    scenarioId: 'scenarioId' in payload ? payload.scenarioId : null,
    payload,
  };
}

/** Writes dispatch rows with the caller's transaction (or as one statement); the dispatcher hears of them at commit. */
export async function enqueueDispatches(db: DbOrTx, items: DispatchItem[]): Promise<void> {
  if (items.length === 0) return;
  await db.insert(dispatches).values(items.map(columns));
  await db.execute(sql`SELECT pg_notify(${DISPATCH_CHANNEL}, '')`);
}

/** The SQL fragment that inserts `tag_added` rows for the tags a statement's CTE `added_tags(tag)` returned. */
export function tagDispatchCte(friendId: string, at: Date) {
  return sql`tag_dispatch AS (
    INSERT INTO dispatches (kind, friend_id, payload)
    SELECT 'tag_added', ${friendId}::uuid, jsonb_build_object('friendId', ${friendId}::text, 'tag', tag, 'at', ${at.toISOString()}::text)
    FROM added_tags)`;
}

/** The same rows for a statement tagging many friends at once: its CTE `added_tags(friend_id, tag)` says who got what. */
export function bulkTagDispatchCte(at: Date) {
  return sql`tag_dispatch AS (
    INSERT INTO dispatches (kind, friend_id, payload)
    SELECT 'tag_added', friend_id, jsonb_build_object('friendId', friend_id::text, 'tag', tag, 'at', ${at.toISOString()}::text)
    FROM added_tags)`;
}

export interface ClaimedDispatch {
  id: number;
  attempts: number;
  item: DispatchItem;
}

/**
 * Claims up to `limit` due rows under a lease. A friend's row waits while an earlier row of the same friend is pending
 * (in flight elsewhere or backing off), so a block is never dispatched before the follow that came first.
 */
export async function claimDispatches(db: DbOrTx, opts: { limit: number; leaseSeconds: number }): Promise<ClaimedDispatch[]> {
  const rows = await executePrepared<{ id: string | number; kind: string; attempts: number; payload: Record<string, unknown> }>(
    db,
    sql`UPDATE dispatches SET lease_until = now() + make_interval(secs => ${opts.leaseSeconds}::int), attempts = attempts + 1
    WHERE id IN (
      SELECT d.id FROM dispatches d
      WHERE d.status = 'pending' AND d.next_attempt_at <= now() AND (d.lease_until IS NULL OR d.lease_until < now())
        AND (d.friend_id IS NULL OR NOT EXISTS (
          SELECT 1 FROM dispatches e WHERE e.status = 'pending' AND e.friend_id = d.friend_id AND e.id < d.id))
      ORDER BY d.next_attempt_at, d.id
      LIMIT ${opts.limit}::int
      FOR UPDATE SKIP LOCKED)
    RETURNING id, kind, attempts, payload`,
  );
  return rows
    .map((r) => ({ id: Number(r.id), attempts: r.attempts, item: DispatchItemSchema.parse({ ...r.payload, kind: r.kind }) }))
    .sort((a, b) => a.id - b.id);
}

export async function markDispatchDone(db: DbOrTx, id: number, result: Record<string, unknown> = {}): Promise<void> {
  await db
    .update(dispatches)
    .set({ status: 'done', doneAt: sql`now()`, leaseUntil: null, lastError: null, result })
    .where(and(eq(dispatches.id, id), eq(dispatches.status, 'pending')));
}

/** After a failed attempt: back off (1 s, 2 s, 4 s … capped at 5 min), or dead-letter after `maxAttempts`. */
export async function markDispatchFailed(db: DbOrTx, id: number, error: string, maxAttempts: number): Promise<'retry' | 'dead'> {
  const [row] = await executePrepared<{ status: string }>(
    db,
    sql`UPDATE dispatches SET
      status = CASE WHEN attempts >= ${maxAttempts}::int THEN 'dead' ELSE 'pending' END,
      next_attempt_at = now() + make_interval(secs => least(300, power(2, greatest(attempts - 1, 0)))::int),
      lease_until = NULL, last_error = ${error.slice(0, 1000)}::text
    WHERE id = ${id}::bigint AND status = 'pending' RETURNING status`,
  );
  return row?.status === 'dead' ? 'dead' : 'retry';
}

/** Temporal answers again: rows backing off after failures are due now (recovery does not wait out their backoff). */
export async function expediteRetries(db: DbOrTx): Promise<number> {
  const rows = await db
    .update(dispatches)
    .set({ nextAttemptAt: sql`now()` })
    .where(sql`${dispatches.status} = 'pending' AND ${dispatches.lastError} IS NOT NULL AND ${dispatches.nextAttemptAt} > now()`)
    .returning({ id: dispatches.id });
  return rows.length;
}

/** An operator's retry of dead rows (all, or one): pending again, due now, with a fresh count of attempts. */
export async function retryDeadDispatches(db: DbOrTx, id?: number): Promise<number> {
  const rows = await db
    .update(dispatches)
    .set({ status: 'pending', attempts: 0, nextAttemptAt: sql`now()`, leaseUntil: null })
    .where(and(eq(dispatches.status, 'dead'), id === undefined ? undefined : eq(dispatches.id, id)))
    .returning({ id: dispatches.id });
  if (rows.length > 0) await db.execute(sql`SELECT pg_notify(${DISPATCH_CHANNEL}, '')`);
  return rows.length;
}

/** Workflow ids started by this friend's dispatches done since `since` (a block stops them even before they wrote a run row). */
export async function recentlyStartedWorkflows(db: DbOrTx, friendId: string, since: Date): Promise<string[]> {
  const rows = await executePrepared<{ id: string }>(
    db,
    sql`SELECT DISTINCT jsonb_array_elements_text(result->'workflowIds') AS id FROM dispatches
    WHERE friend_id = ${friendId}::uuid AND status = 'done' AND done_at >= ${since.toISOString()}::timestamptz
      AND jsonb_typeof(result->'workflowIds') = 'array'`,
  );
  return rows.map((r) => r.id);
}

export interface DispatchBacklog {
  pending: number;
  /** Pending rows that failed at least once (Temporal was down, say). */
  retrying: number;
  dead: number;
  /** Age of the oldest pending row, in seconds (0 when none). */
  oldestPendingSeconds: number;
}

export async function dispatchBacklog(db: DbOrTx): Promise<DispatchBacklog> {
  const [row] = await executePrepared<{ pending: number; retrying: number; dead: number; oldest: number | null }>(
    db,
    sql`SELECT
      (SELECT count(*) FROM dispatches WHERE status = 'pending')::int AS pending,
      (SELECT count(*) FROM dispatches WHERE status = 'pending' AND last_error IS NOT NULL)::int AS retrying,
      (SELECT count(*) FROM dispatches WHERE status = 'dead')::int AS dead,
      (SELECT extract(epoch FROM now() - min(created_at))::float8 FROM dispatches WHERE status = 'pending') AS oldest`,
  );
  return {
    pending: row?.pending ?? 0,
    retrying: row?.retrying ?? 0,
    dead: row?.dead ?? 0,
    oldestPendingSeconds: Math.max(0, Math.floor(row?.oldest ?? 0)),
  };
}

/** Rows an operator should see: dead letters and pending rows that failed, newest first. */
export async function troubledDispatches(db: DbOrTx, limit = 50): Promise<DispatchRow[]> {
  return db
    .select()
    .from(dispatches)
    .where(sql`${dispatches.status} = 'dead' OR (${dispatches.status} = 'pending' AND ${dispatches.lastError} IS NOT NULL)`)
    .orderBy(sql`${dispatches.id} DESC`)
    .limit(limit);
}
