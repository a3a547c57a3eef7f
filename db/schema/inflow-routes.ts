// Inflow routes (流入経路): each route's settings, every completed visit through LINE Login, and the route each friend
// is attributed to.
import { sql } from 'drizzle-orm';
import { boolean, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { AttributeValue } from './friends';
import { friends } from './friends';
import { scenarios } from './scenarios';

export const inflowRoutes = pgTable('inflow_routes', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** The random part of /in/{code}; unique. */
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  /** Tags added to a friend who comes through the route. */
  tags: jsonb('tags')
    .$type<string[]>()
    .notNull()
    .default(sql`'[]'::jsonb`),
  /** Attribute values set on the friend (checked against the definitions when saved). */
  attributes: jsonb('attributes')
    .$type<Record<string, AttributeValue>>()
    .notNull()
    .default(sql`'{}'::jsonb`),
  /** The scenario the route starts (its live version), through a route_added dispatch. */
  scenarioId: uuid('scenario_id').references(() => scenarios.id, { onDelete: 'set null' }),
  /** A friend already attributed to another route moves to this one (otherwise the first route is kept). */
  reattribute: boolean('reattribute').notNull().default(false),
  /** Where the friend lands after LINE Login; null: Kizuna's own thank-you page. */
  redirectUrl: text('redirect_url'),
  createdBy: text('created_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** What a completed visit found: a new friend, a friend who unblocked, one who already was a friend, or none. */
export const inflowOutcomes = ['added', 'refollow', 'existing', 'not_friend'] as const;
export type InflowOutcome = (typeof inflowOutcomes)[number];

export const inflowVisits = pgTable(
  'inflow_visits',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    routeId: uuid('route_id')
      .notNull()
      .references(() => inflowRoutes.id, { onDelete: 'cascade' }),
    /** Null when the visitor did not become a friend (or was erased since). */
    friendId: uuid('friend_id').references(() => friends.id, { onDelete: 'set null' }),
    outcome: text('outcome', { enum: inflowOutcomes }).notNull(),
    /** The LINE Login nonce, spent once: a replayed callback records nothing. */
    nonce: text('nonce').notNull().unique(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('inflow_visits_route_at_idx').on(t.routeId, t.at), index('inflow_visits_friend_idx').on(t.friendId)],
);

/** The route a friend came through: the first one, or the latest when that route re-attributes. */
export const friendInflowRoutes = pgTable('friend_inflow_routes', {
  friendId: uuid('friend_id')
    .primaryKey()
    .references(() => friends.id, { onDelete: 'cascade' }),
  routeId: uuid('route_id')
    .notNull()
    .references(() => inflowRoutes.id, { onDelete: 'cascade' }),
  attributedAt: timestamp('attributed_at', { withTimezone: true }).notNull(),
});

export type InflowRouteRow = typeof inflowRoutes.$inferSelect;
export type InflowVisitRow = typeof inflowVisits.$inferSelect;
