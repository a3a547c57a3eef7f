// Analytics rollups kept up to date by PostgreSQL triggers on run_steps and events (migration 0001_live_functions; docs/metrics.md).
import { date, index, integer, pgTable, primaryKey, smallint, text, uuid } from 'drizzle-orm/pg-core';

/** `node_days.version_id` of the rows that add up every version of the scenario. */
export const ALL_VERSIONS = '00000000-0000-0000-0000-000000000000';

/**
 * One row per (scenario, version or ALL_VERSIONS, node, output or '' for "reached", friend, Japan-time day) with a
 * non-test run step: the steps (visits), how many converted (run_steps.goal_at set), and the friend's previous days
 * here: `prev_day` (the last earlier day with a step) and `prev_conv_day` (the last earlier day with a converted step),
 * '-infinity' when there is none. A friend counts once in a range of days [d1, d2]: on the row whose prev_day < d1.
 */
export const nodeDays = pgTable(
  'node_days',
  {
    scenarioId: uuid('scenario_id').notNull(),
    versionId: uuid('version_id').notNull(),
    nodeId: text('node_id').notNull(),
    output: text('output').notNull(),
    friendId: uuid('friend_id').notNull(),
    day: date('day').notNull(),
    visits: integer('visits').notNull(),
    converted: integer('converted').notNull(),
    prevDay: date('prev_day').notNull(),
    prevConvDay: date('prev_conv_day').notNull(),
  },
  (t) => [
    primaryKey({ name: 'node_days_pk', columns: [t.scenarioId, t.versionId, t.nodeId, t.output, t.friendId, t.day] }),
    // The rows of the last, partial day of a range (e.g. "until now").
    index('node_days_day_idx').on(t.scenarioId, t.versionId, t.day),
    // A test friend's rows, taken out of the sums at read time (friends.is_test can change after the fact).
    index('node_days_friend_idx').on(t.friendId, t.scenarioId, t.versionId),
  ],
);

/**
 * node_days summed per (day, prev_day, prev_conv_day of converted rows) and shard (a byte of the friend id, so friends
 * reaching a node on the same day seldom wait on the same row): a range of whole days reads these rows only.
 */
export const nodeDaysSum = pgTable(
  'node_days_sum',
  {
    scenarioId: uuid('scenario_id').notNull(),
    versionId: uuid('version_id').notNull(),
    nodeId: text('node_id').notNull(),
    output: text('output').notNull(),
    day: date('day').notNull(),
    prevDay: date('prev_day').notNull(),
    prevConvDay: date('prev_conv_day').notNull(),
    shard: smallint('shard').notNull(),
    friends: integer('friends').notNull(),
    visits: integer('visits').notNull(),
    converted: integer('converted').notNull(),
  },
  (t) => [
    primaryKey({
      name: 'node_days_sum_pk',
      columns: [t.scenarioId, t.versionId, t.nodeId, t.output, t.day, t.prevDay, t.prevConvDay, t.shard],
    }),
  ],
);
