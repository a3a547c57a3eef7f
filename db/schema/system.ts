// Operational tables: API keys and the wiring check that proves worker → PostgreSQL end to end.
import { integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** What a key may do: `events:write`, `friends:read`, `friends:write`, `links:write` (lib/auth/api-scopes.ts). */

export const apiKeys = pgTable('api_keys', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  /** sha-256 of the key; the key itself is shown once at creation and never stored. */
  keyHash: text('key_hash').notNull().unique(),
  prefix: text('prefix').notNull(),
  scopes: text('scopes').array().notNull().default([]),
  /** The operator who created it (null for keys made before operators existed or by the CLI). */
  createdBy: text('created_by'),
  expiresAt: timestamp('expires_at', { withTimezone: true }),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
});

export const wiringChecks = pgTable('wiring_checks', {
  id: text('id').primaryKey(),
  note: text('note').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Requests made with an `Idempotency-Key` header, per API key: the body's digest and the first response, returned
 * again to a retry (a different body under the same key is refused with 422). `status` is null while in flight.
 */
export const apiRequests = pgTable(
  'api_requests',
  {
    apiKeyId: uuid('api_key_id')
      .notNull()
      .references(() => apiKeys.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    status: integer('status'),
    response: jsonb('response').$type<unknown>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.apiKeyId, t.key] })],
);
