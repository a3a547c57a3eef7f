// Runs (one friend in one scenario version), their step history and the send outbox.
import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { friends } from './friends';
import { scenarioVersions, scenarios } from './scenarios';

export const runs = pgTable(
  'runs',
  {
    /** The Temporal workflow id: a business key derived from (scenario, friend[, entry key]). */
    id: text('id').primaryKey(),
    scenarioId: uuid('scenario_id')
      .notNull()
      .references(() => scenarios.id, { onDelete: 'cascade' }),
    versionId: uuid('version_id')
      .notNull()
      .references(() => scenarioVersions.id),
    friendId: uuid('friend_id')
      .notNull()
      .references(() => friends.id, { onDelete: 'cascade' }),
    status: text('status', { enum: ['active', 'done', 'stopped'] })
      .notNull()
      .default('active'),
    currentNodeId: text('current_node_id'),
    waitingFor: jsonb('waiting_for').$type<Record<string, unknown> | null>(),
    waitingUntil: timestamp('waiting_until', { withTimezone: true }),
    endReason: text('end_reason'),
    isTest: boolean('is_test').notNull().default(false),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [index('runs_scenario_status_idx').on(t.scenarioId, t.status, t.currentNodeId), index('runs_friend_idx').on(t.friendId, t.status)],
);

export const runSteps = pgTable(
  'run_steps',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    runId: text('run_id').notNull(),
    scenarioId: uuid('scenario_id').notNull(),
    versionId: uuid('version_id').notNull(),
    friendId: uuid('friend_id').notNull(),
    nodeId: text('node_id').notNull(),
    visit: integer('visit').notNull(),
    enteredAt: timestamp('entered_at', { withTimezone: true }).notNull(),
    leftAt: timestamp('left_at', { withTimezone: true }),
    output: text('output'),
    reason: text('reason'),
    isTest: boolean('is_test').notNull().default(false),
    /**
     * The first non-test goal event of the step's version within its window after entered_at; kept by the triggers of
     * migration 0001_live_functions.
     */
    goalAt: timestamp('goal_at', { withTimezone: true }),
  },
  (t) => [
    unique('run_steps_run_node_visit_uq').on(t.runId, t.nodeId, t.visit),
    index('run_steps_scenario_node_idx').on(t.scenarioId, t.nodeId, t.enteredAt),
    // Analytics: per-node figures read (node, friend) groups in this order with an index-only scan (docs/metrics.md, BENCHMARKS.md).
    index('run_steps_analytics_idx').on(t.scenarioId, t.nodeId, t.friendId, t.enteredAt, t.output, t.versionId, t.isTest),
    // A goal event finds the steps it converts: the friend's steps entered within the window before it.
    index('run_steps_friend_entered_idx').on(t.friendId, t.enteredAt),
  ],
);

/**
 * A send's status. `pending` with reason `held:credentials` or `held:quota` is a send the paused channel holds (it goes
 * out once LINE answers again; analytics count it as pending); `failed` with reason `expired` is one that could not go
 * out inside its retry key's window (worker/activities/channel-hold.ts).
 */
export const sendStatuses = ['pending', 'sent', 'failed', 'skipped'] as const;
export type SendStatus = (typeof sendStatuses)[number];

export const outbox = pgTable(
  'outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    runId: text('run_id').notNull(),
    scenarioId: uuid('scenario_id').notNull(),
    versionId: uuid('version_id').notNull(),
    friendId: uuid('friend_id').notNull(),
    nodeId: text('node_id').notNull(),
    visit: integer('visit').notNull(),
    /** Deterministic X-Line-Retry-Key (a UUID derived from run, node and visit): a retry reuses it. */
    retryKey: uuid('retry_key').notNull().unique(),
    status: text('status', { enum: sendStatuses }).notNull().default('pending'),
    reason: text('reason'),
    messages: jsonb('messages').$type<unknown[]>().notNull(),
    requestId: text('request_id'),
    sentMessageIds: jsonb('sent_message_ids')
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    attempts: integer('attempts').notNull().default(0),
    isTest: boolean('is_test').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    /** How LINE took it: `reply` (the webhook's reply token, free) or `push`; null until sent (lib/line/reply-or-push.ts). */
    sentVia: text('sent_via', { enum: ['reply', 'push'] }),
  },
  (t) => [
    unique('outbox_run_node_visit_uq').on(t.runId, t.nodeId, t.visit),
    index('outbox_friend_sent_idx').on(t.friendId, t.sentAt),
    index('outbox_scenario_node_idx').on(t.scenarioId, t.nodeId),
    // Analytics: a node's sends in a date range read from the index alone (every column the send figures use).
    index('outbox_analytics_idx').on(
      t.scenarioId,
      t.createdAt,
      t.nodeId,
      t.status,
      t.friendId,
      t.sentAt,
      t.runId,
      t.versionId,
      t.isTest,
      t.reason,
    ),
  ],
);
