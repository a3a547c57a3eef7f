// Scenarios (editable drafts) and their immutable published versions.
import { sql } from 'drizzle-orm';
import { integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

export const scenarioStatuses = ['draft', 'live', 'paused', 'stopped'] as const;
export type ScenarioStatus = (typeof scenarioStatuses)[number];

export const scenarios = pgTable('scenarios', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  status: text('status', { enum: scenarioStatuses }).notNull().default('draft'),
  /** The draft graph (scenario/schema.ts); parsed with ScenarioGraphSchema on read and write. */
  draft: jsonb('draft').$type<unknown>().notNull(),
  /** Optimistic concurrency: every saved draft bumps this; a save naming an older revision is refused. */
  draftRevision: integer('draft_revision').notNull().default(1),
  liveVersionId: uuid('live_version_id'),
  /**
   * Set while the scenario is archived: hidden from the default list, stopped (it was stopped before archiving), its
   * draft read-only. Unarchiving clears it and the scenario comes back as it was (stopped, or a draft).
   */
  archivedAt: timestamp('archived_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const scenarioVersions = pgTable(
  'scenario_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    scenarioId: uuid('scenario_id')
      .notNull()
      .references(() => scenarios.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    graph: jsonb('graph').$type<unknown>().notNull(),
    plan: jsonb('plan').$type<unknown>().notNull(),
    hash: text('hash').notNull(),
    publishedBy: text('published_by').notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
    /**
     * plan.settings.goal, kept as columns so the analytics triggers (migration 0001_live_functions) find a goal's versions
     * without reading plans.
     */
    goalEventName: text('goal_event_name').generatedAlwaysAs(sql`plan #>> '{settings,goal,eventName}'`),
    goalWindowDays: integer('goal_window_days').generatedAlwaysAs(sql`(plan #>> '{settings,goal,windowDays}')::integer`),
  },
  (t) => [unique('scenario_versions_scenario_version_uq').on(t.scenarioId, t.version)],
);
