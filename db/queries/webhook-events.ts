// Named queries over webhook_events: persist raw LINE events once (dedupe by webhookEventId), claim and settle them;
// an event refused on arrival is stored settled with its error and without its payload.
import { and, asc, eq, gt, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { webhookEvents } from '../schema';

export type WebhookEventRow = typeof webhookEvents.$inferSelect;

/** A received event to store: a valid one to process, or one refused on arrival (settled at once, with why). */
export interface NewWebhookEvent {
  webhookEventId: string;
  type: string;
  payload: Record<string, unknown>;
  /** Set for a refused event: it is stored already settled, so neither processing nor the backlog picks it up. */
  refused?: { at: Date; error: string };
}

/** Inserts the events not seen before and returns their ids in the order given; redeliveries are dropped here. */
export async function insertNewWebhookEvents(db: DbOrTx, events: NewWebhookEvent[]): Promise<string[]> {
  if (events.length === 0) return [];
  const rows = await db
    .insert(webhookEvents)
    .values(
      events.map((e) => ({
        webhookEventId: e.webhookEventId,
        type: e.type,
        payload: e.payload,
        processedAt: e.refused?.at ?? null,
        error: e.refused ? e.refused.error.slice(0, 2000) : null,
      })),
    )
    .onConflictDoNothing({ target: webhookEvents.webhookEventId })
    .returning({ id: webhookEvents.webhookEventId });
  const inserted = new Set(rows.map((r) => r.id));
  return events.map((e) => e.webhookEventId).filter((id) => inserted.has(id));
}

/**
 * Marks the event processed and returns it, or null when it is unknown or already processed. Run inside the
 * transaction that applies the event's effects, so a failure rolls the claim back with them.
 */
export async function claimWebhookEvent(tx: DbOrTx, id: string, at: Date): Promise<WebhookEventRow | null> {
  const [row] = await tx
    .update(webhookEvents)
    .set({ processedAt: at, error: null })
    .where(and(eq(webhookEvents.webhookEventId, id), isNull(webhookEvents.processedAt)))
    .returning();
  return row ?? null;
}

export async function recordWebhookEventError(db: DbOrTx, id: string, error: string): Promise<void> {
  await db
    .update(webhookEvents)
    .set({ error: error.slice(0, 2000) })
    .where(eq(webhookEvents.webhookEventId, id));
}

export async function getWebhookEvent(db: DbOrTx, id: string): Promise<WebhookEventRow | null> {
  const [row] = await db.select().from(webhookEvents).where(eq(webhookEvents.webhookEventId, id));
  return row ?? null;
}

/** Events received between `after` and `before` and never processed (the process died, or processing failed). */
export async function listUnprocessedWebhookEvents(db: DbOrTx, opts: { after: Date; before: Date; limit: number }): Promise<string[]> {
  const rows = await db
    .select({ id: webhookEvents.webhookEventId })
    .from(webhookEvents)
    .where(and(isNull(webhookEvents.processedAt), lt(webhookEvents.receivedAt, opts.before), gt(webhookEvents.receivedAt, opts.after)))
    .orderBy(asc(webhookEvents.receivedAt))
    .limit(opts.limit);
  return rows.map((r) => r.id);
}

export async function countWebhookEvents(db: DbOrTx, ids?: string[]): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(webhookEvents)
    .where(ids ? inArray(webhookEvents.webhookEventId, ids) : undefined);
  return row?.n ?? 0;
}
