// Migrations of waiting friends to a newer scenario version: the batch (mapping, dry-run summary, progress) and its runs.
import { index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { scenarioVersions, scenarios } from './scenarios';

export const runMigrations = pgTable(
  'run_migrations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    scenarioId: uuid('scenario_id')
      .notNull()
      .references(() => scenarios.id, { onDelete: 'cascade' }),
    fromVersionId: uuid('from_version_id')
      .notNull()
      .references(() => scenarioVersions.id),
    toVersionId: uuid('to_version_id')
      .notNull()
      .references(() => scenarioVersions.id),
    /** Source node id → target node id or null (scenario/migrate.ts Mapping); parsed with MigrationMappingSchema on read. */
    mapping: jsonb('mapping').$type<unknown>().notNull(),
    policy: text('policy', { enum: ['keep_instant', 'from_entry'] }).notNull(),
    /** The dry run's fingerprint the apply was confirmed against, and its per-node summary (also in the audit entry). */
    fingerprint: text('fingerprint').notNull(),
    summary: jsonb('summary').$type<unknown>().notNull(),
    status: text('status', { enum: ['running', 'done'] })
      .notNull()
      .default('running'),
    total: integer('total').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('run_migrations_scenario_idx').on(t.scenarioId, t.createdAt)],
);

export const migrationItemStatuses = ['pending', 'signalled', 'moved', 'skipped'] as const;

/** One run of a migration. Unique per (run, target version): a friend is never moved to the same version twice. */
export const runMigrationItems = pgTable(
  'run_migration_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    migrationId: uuid('migration_id')
      .notNull()
      .references(() => runMigrations.id, { onDelete: 'cascade' }),
    runId: text('run_id').notNull(),
    toVersionId: uuid('to_version_id').notNull(),
    fromNodeId: text('from_node_id').notNull(),
    toNodeId: text('to_node_id').notNull(),
    /** When the moved wait is due, as the dry run computed it. */
    dueAt: timestamp('due_at', { withTimezone: true }),
    status: text('status', { enum: migrationItemStatuses }).notNull().default('pending'),
    reason: text('reason'),
    movedAt: timestamp('moved_at', { withTimezone: true }),
  },
  (t) => [
    unique('run_migration_items_run_version_uq').on(t.runId, t.toVersionId),
    index('run_migration_items_migration_idx').on(t.migrationId, t.status),
  ],
);
