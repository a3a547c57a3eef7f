// The trigger outbox: every fact that can start or signal runs writes a row here in the same transaction as the fact;
// the worker's dispatcher hands it to Temporal and marks it done only after Temporal accepted (lib/engine/dispatcher.ts).
import { sql } from 'drizzle-orm';
import { bigserial, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** What a row asks the engine to do (its payload's shape per kind: lib/engine/dispatch-item.ts). */
export const dispatchKinds = [
  'friend_added',
  'friend_blocked',
  'event',
  'tag_added',
  'scenario_stopped',
  'broadcast',
  'scenario_start',
  'route_added',
] as const;
export type DispatchKind = (typeof dispatchKinds)[number];
/** `pending` until Temporal accepted; `dead` after too many failed attempts (an operator may retry it). */
export const dispatchStatuses = ['pending', 'done', 'dead'] as const;
export type DispatchStatus = (typeof dispatchStatuses)[number];

export const dispatches = pgTable(
  'dispatches',
  {
    /** Ordered: a friend's rows are dispatched one at a time in this order (a block never overtakes the follow). */
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    kind: text('kind', { enum: dispatchKinds }).notNull(),
    /** The friend the fact is about (null for scenario-wide rows: a stop, a broadcast). */
    friendId: uuid('friend_id'),
    scenarioId: uuid('scenario_id'),
    /** Ids and small values only (an event row's id, a tag, an instant); never a name or a message text. */
    payload: jsonb('payload')
      .$type<Record<string, unknown>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
    status: text('status', { enum: dispatchStatuses }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    /** Not claimed again before this instant (backoff after a failure). */
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    /** A dispatcher holds the row until then; a crashed one's rows are claimed again after it passes. */
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    lastError: text('last_error'),
    /** What the dispatch did (the workflow ids it started, runs it stopped): read by a later block of the same friend. */
    result: jsonb('result').$type<Record<string, unknown>>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    doneAt: timestamp('done_at', { withTimezone: true }),
  },
  (t) => [
    index('dispatches_pending_idx')
      .on(t.nextAttemptAt, t.id)
      .where(sql`status = 'pending'`),
    index('dispatches_friend_pending_idx')
      .on(t.friendId, t.id)
      .where(sql`status = 'pending'`),
    index('dispatches_friend_done_idx').on(t.friendId, t.doneAt),
    index('dispatches_status_created_idx').on(t.status, t.createdAt),
  ],
);

export type DispatchRow = typeof dispatches.$inferSelect;
