// Named queries over events: idempotent inserts (by idempotencyKey) and per-friend history.
import { desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { events } from '../schema';

export type EventRow = typeof events.$inferSelect;
export type NewEvent = typeof events.$inferInsert;

/** Inserts the event unless one with the same idempotency key exists; returns the new row, or null for a duplicate. */
export async function insertEventOnce(db: DbOrTx, event: NewEvent): Promise<EventRow | null> {
  const [row] = await db.insert(events).values(event).onConflictDoNothing({ target: events.idempotencyKey }).returning();
  return row ?? null;
}

export async function listFriendEvents(db: DbOrTx, friendId: string, limit = 50): Promise<EventRow[]> {
  return db.select().from(events).where(eq(events.friendId, friendId)).orderBy(desc(events.occurredAt)).limit(limit);
}
