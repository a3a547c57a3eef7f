// Analytics rollups kept up to date by PostgreSQL triggers on run_steps and events (migration 0003; docs/metrics.md).
import { sql } from 'drizzle-orm';
import { date, index, integer, pgTable, primaryKey, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** `node_reach.version_id` of the rows that add up every version of the scenario. */
export const ALL_VERSIONS = '00000000-0000-0000-0000-000000000000';

/**
 * One row per (scenario, version or ALL_VERSIONS, node, output or '' for "reached", friend) over non-test run steps:
 * how many steps, how many of them converted (run_steps.goal_at set), and bounds of their entered_at. The bounds only
 * ever widen (a step that stops counting leaves them as they were), so a row whose bounds lie inside a date range has
 * every step inside it, and only rows straddling an end of the range are recounted from run_steps.
 */
export const nodeReach = pgTable(
  'node_reach',
  {
    scenarioId: uuid('scenario_id').notNull(),
    versionId: uuid('version_id').notNull(),
    nodeId: text('node_id').notNull(),
    output: text('output').notNull(),
    friendId: uuid('friend_id').notNull(),
    firstAt: timestamp('first_at', { withTimezone: true }).notNull(),
    lastAt: timestamp('last_at', { withTimezone: true }).notNull(),
    visits: integer('visits').notNull(),
    converted: integer('converted').notNull(),
    /** The Japan-time days of the bounds: the row's bucket in node_reach_days. */
    firstDay: date('first_day').generatedAlwaysAs(sql`(first_at at time zone 'Asia/Tokyo')::date`),
    lastDay: date('last_day').generatedAlwaysAs(sql`(last_at at time zone 'Asia/Tokyo')::date`),
  },
  (t) => [
    primaryKey({ name: 'node_reach_pk', columns: [t.scenarioId, t.versionId, t.nodeId, t.output, t.friendId] }),
    // The rows of one bucket, read when a date range cuts through the bucket's days.
    index('node_reach_bucket_idx').on(t.scenarioId, t.versionId, t.nodeId, t.output, t.firstDay, t.lastDay),
    // A test friend's rows, taken out of the bucket sums at read time (friends.is_test can change after the fact).
    index('node_reach_friend_idx').on(t.friendId, t.scenarioId, t.versionId),
  ],
);

/**
 * node_reach summed per bucket (Japan-time days of first and last entry) and shard (a byte of the friend id, so friends
 * reaching the same node on the same day seldom wait on the same row): friends with visits, their visits, and friends
 * with a converted visit. A date range made of whole days reads only these rows, except for the buckets it cuts.
 */
export const nodeReachDays = pgTable(
  'node_reach_days',
  {
    scenarioId: uuid('scenario_id').notNull(),
    versionId: uuid('version_id').notNull(),
    nodeId: text('node_id').notNull(),
    output: text('output').notNull(),
    firstDay: date('first_day').notNull(),
    lastDay: date('last_day').notNull(),
    shard: smallint('shard').notNull(),
    friends: integer('friends').notNull(),
    visits: integer('visits').notNull(),
    converted: integer('converted').notNull(),
  },
  (t) => [primaryKey({ name: 'node_reach_days_pk', columns: [t.scenarioId, t.versionId, t.nodeId, t.output, t.firstDay, t.lastDay, t.shard] })],
);
