// Retention: webhook payloads and message texts older than the cutoff are pruned, keeping what dedup and analytics
// need (ids, types, timestamps, statuses); erased friends' tombstones are swept again. Run daily by the worker's
// retention schedule (worker/activities/prune-retention.ts).
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client';
import { anonymiseFriends, scrubFriendRows } from './erase-friend';

export interface PrunedRows {
  /** webhook_events rows whose payload was cleared (id, type, times and error kept: redeliveries are still dropped). */
  webhookPayloads: number;
  /** outbox rows whose message texts were cleared (status, times, LINE's request and message ids kept). */
  outboxTexts: number;
  /** Inbound LINE messages (`line_message` events) whose text was removed (type and message id kept). */
  messageTexts: number;
  /** Rows of erased friends written after their erasure and scrubbed now (see sweepErasedFriends). */
  erasedFriendRows: number;
  /** Trigger-outbox rows done for more than DONE_DISPATCH_DAYS (dead and pending rows are kept for the operators). */
  doneDispatches: number;
}

/** How long a dispatched trigger row is kept after Temporal accepted it (the operations page shows the recent ones). */
export const DONE_DISPATCH_DAYS = 7;

export const PRUNE_BATCH = 5000;

/** Runs a `… LIMIT n` statement that answers how many rows it changed until a batch comes back short. */
async function inBatches(db: Db, batch: (limit: number) => SQL, limit: number, onBatch?: () => void): Promise<number> {
  let total = 0;
  for (;;) {
    const [row] = await db.execute<{ n: number }>(batch(limit));
    const n = row?.n ?? 0;
    total += n;
    onBatch?.();
    if (n < limit) return total;
  }
}

/**
 * Prunes everything older than `cutoff`, in batches (each its own short transaction; rows another transaction holds
 * are left for the next run). Idempotent: pruned rows are not touched again.
 */
export async function pruneOlderThan(
  db: Db,
  cutoff: Date,
  opts: { batchSize?: number; onBatch?: () => void } = {},
): Promise<Omit<PrunedRows, 'erasedFriendRows' | 'doneDispatches'>> {
  const before = sql`${cutoff.toISOString()}::timestamptz`;
  const limit = opts.batchSize ?? PRUNE_BATCH;
  const webhookPayloads = await inBatches(
    db,
    (n) => sql`WITH picked AS (
        SELECT webhook_event_id FROM webhook_events WHERE received_at < ${before} AND payload <> '{}'::jsonb
        LIMIT ${n}::int FOR UPDATE SKIP LOCKED),
      changed AS (UPDATE webhook_events w SET payload = '{}'::jsonb FROM picked p WHERE w.webhook_event_id = p.webhook_event_id RETURNING 1)
      SELECT count(*)::int AS n FROM changed`,
    limit,
    opts.onBatch,
  );
  const outboxTexts = await inBatches(
    db,
    (n) => sql`WITH picked AS (
        SELECT id FROM outbox WHERE created_at < ${before} AND messages <> '[]'::jsonb LIMIT ${n}::int FOR UPDATE SKIP LOCKED),
      changed AS (UPDATE outbox o SET messages = '[]'::jsonb FROM picked p WHERE o.id = p.id RETURNING 1)
      SELECT count(*)::int AS n FROM changed`,
    limit,
    opts.onBatch,
  );
  // What a friend typed to the account (lib/line/process-event.ts stores it as the `text` of a line_message event).
  const messageTexts = await inBatches(
    db,
    (n) => sql`WITH picked AS (
        SELECT id FROM events WHERE name = 'line_message' AND occurred_at < ${before} AND properties ? 'text'
        LIMIT ${n}::int FOR UPDATE SKIP LOCKED),
      changed AS (UPDATE events e SET properties = e.properties - 'text' FROM picked p WHERE e.id = p.id RETURNING 1)
      SELECT count(*)::int AS n FROM changed`,
    limit,
    opts.onBatch,
  );
  // The inbox's copies of the messages (received and answered): texts and unused markAsRead tokens go, the rows stay.
  const chatTexts = await inBatches(
    db,
    (n) => sql`WITH picked AS (
        SELECT id FROM chat_messages WHERE at < ${before} AND (text IS NOT NULL OR mark_as_read_token IS NOT NULL)
        LIMIT ${n}::int FOR UPDATE SKIP LOCKED),
      changed AS (UPDATE chat_messages m SET text = NULL, mark_as_read_token = NULL FROM picked p WHERE m.id = p.id RETURNING 1)
      SELECT count(*)::int AS n FROM changed`,
    limit,
    opts.onBatch,
  );
  return { webhookPayloads, outboxTexts, messageTexts: messageTexts + chatTexts };
}

/**
 * Scrubs erased friends' tombstones again. The erasure terminates the friend's workflows before it deletes, but an
 * activity already running then (a send between its claim and LINE's answer, a scenario action) finishes and may
 * write afterwards: a send is skipped (the tombstone counts as blocked) but its row keeps the rendered text, an
 * action may tag the tombstone. Those rows go here, within a day.
 */
export async function sweepErasedFriends(db: Db, at: Date): Promise<number> {
  return db.transaction(async (tx) => {
    const rows = await scrubFriendRows(tx, 'erased');
    const friends = await anonymiseFriends(tx, 'erased', at);
    return rows.tags + rows.linkNonces + rows.linkConflicts + rows.events + rows.outbox + friends;
  });
}

/** The daily job: prune what is older than `retentionDays` before `now`, then sweep the tombstones. */
export async function pruneRetention(
  db: Db,
  args: { now: Date; retentionDays: number; batchSize?: number; onBatch?: () => void },
): Promise<PrunedRows> {
  const cutoff = new Date(args.now.getTime() - args.retentionDays * 86_400_000);
  const pruned = await pruneOlderThan(db, cutoff, {
    ...(args.batchSize ? { batchSize: args.batchSize } : {}),
    ...(args.onBatch ? { onBatch: args.onBatch } : {}),
  });
  const erasedFriendRows = await sweepErasedFriends(db, args.now);
  const doneBefore = sql`${new Date(args.now.getTime() - DONE_DISPATCH_DAYS * 86_400_000).toISOString()}::timestamptz`;
  const doneDispatches = await inBatches(
    db,
    (n) => sql`WITH picked AS (
        SELECT id FROM dispatches WHERE status = 'done' AND done_at < ${doneBefore} LIMIT ${n}::int FOR UPDATE SKIP LOCKED),
      gone AS (DELETE FROM dispatches d USING picked p WHERE d.id = p.id RETURNING 1)
      SELECT count(*)::int AS n FROM gone`,
    args.batchSize ?? PRUNE_BATCH,
    args.onBatch,
  );
  return { ...pruned, erasedFriendRows, doneDispatches };
}
