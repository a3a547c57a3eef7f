// Books push slots on the shared send schedule in one statement (the arithmetic of `book` in worker/send-slots.ts).
import { sql } from 'drizzle-orm';
import { executePrepared, type DbOrTx } from '../client';

export interface SlotBooking {
  /** The block's first slot, on PostgreSQL's clock (epoch ms, microsecond precision). */
  startMs: number;
  /** PostgreSQL's clock when it booked, so the caller can relate the slot to its own clock. */
  dbNowMs: number;
}

/**
 * Books `count` slots `intervalMs` apart from the schedule's next free slot, or from now when it is idle. The row lock
 * of the one statement orders concurrent workers. Null (nothing booked) when the schedule is already booked more than
 * `horizonMs` ahead.
 */
export async function bookSendSlots(
  db: DbOrTx,
  args: { key: string; count: number; intervalMs: number; horizonMs: number },
): Promise<SlotBooking | null> {
  const span = args.count * args.intervalMs;
  const rows = await executePrepared<{ start_ms: number; db_now_ms: number }>(
    db,
    sql`INSERT INTO send_pacer AS p (key, next_slot_at)
      VALUES (${args.key}::text, clock_timestamp() + ${span}::float8 * interval '1 millisecond')
      ON CONFLICT (key) DO UPDATE
        SET next_slot_at = greatest(p.next_slot_at, clock_timestamp()) + ${span}::float8 * interval '1 millisecond'
        WHERE p.next_slot_at <= clock_timestamp() + ${args.horizonMs}::float8 * interval '1 millisecond'
      RETURNING extract(epoch from p.next_slot_at)::float8 * 1000 - ${span}::float8 AS start_ms,
        extract(epoch from clock_timestamp())::float8 * 1000 AS db_now_ms`,
  );
  const r = rows[0];
  return r ? { startMs: Number(r.start_ms), dbNowMs: Number(r.db_now_ms) } : null;
}
