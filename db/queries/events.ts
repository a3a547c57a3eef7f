// Named queries over events: idempotent inserts (by idempotencyKey) and per-friend history.
import { desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { enqueueDispatches } from './dispatches';
import { events } from '../schema';

export type EventRow = typeof events.$inferSelect;
export type NewEvent = typeof events.$inferInsert;

/**
 * Inserts the event unless one with the same idempotency key exists; returns the new row, or null for a duplicate. A
 * new event writes its dispatch row in the same transaction (the caller's, or one of its own): the engine hears of
 * every stored event, and of nothing that was rolled back.
 */
export async function insertEventOnce(db: DbOrTx, event: NewEvent): Promise<EventRow | null> {
  const write = async (tx: DbOrTx) => {
    const [row] = await tx.insert(events).values(event).onConflictDoNothing({ target: events.idempotencyKey }).returning();
    if (row) await enqueueDispatches(tx, [{ kind: 'event', friendId: row.friendId, eventId: row.id }]);
    return row ?? null;
  };
  return '$client' in db ? db.transaction(write) : write(db);
}

export async function listFriendEvents(db: DbOrTx, friendId: string, limit = 50): Promise<EventRow[]> {
  return db.select().from(events).where(eq(events.friendId, friendId)).orderBy(desc(events.occurredAt)).limit(limit);
}

export async function findEventById(db: DbOrTx, id: string): Promise<EventRow | null> {
  const [row] = await db.select().from(events).where(eq(events.id, id));
  return row ?? null;
}

export async function findEventByIdempotencyKey(db: DbOrTx, key: string): Promise<EventRow | null> {
  const [row] = await db.select().from(events).where(eq(events.idempotencyKey, key));
  return row ?? null;
}
