// Friend events: purchases, carts, clicks, postbacks — from the events API, the webhook and tracked links.
import { sql } from 'drizzle-orm';
import { boolean, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { friends } from './friends';

export const events = pgTable(
  'events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    friendId: uuid('friend_id')
      .notNull()
      .references(() => friends.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    properties: jsonb('properties')
      .$type<Record<string, unknown>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
    source: text('source', { enum: ['api', 'webhook', 'click', 'system'] }).notNull(),
    idempotencyKey: text('idempotency_key').unique(),
    /** Digest of what the API sent with the key: the same key with a different event is refused, not taken for a retry. */
    idempotencyHash: text('idempotency_hash'),
    isTest: boolean('is_test').notNull().default(false),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('events_friend_name_at_idx').on(t.friendId, t.name, t.occurredAt), index('events_name_at_idx').on(t.name, t.occurredAt)],
);

/** Raw LINE webhook events, persisted before processing; the primary key deduplicates redeliveries. */
export const webhookEvents = pgTable('webhook_events', {
  webhookEventId: text('webhook_event_id').primaryKey(),
  type: text('type').notNull(),
  payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  processedAt: timestamp('processed_at', { withTimezone: true }),
  error: text('error'),
});
