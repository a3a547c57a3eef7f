// Keyword auto-replies (自動応答): the rules operators save, and one hit per text message a rule fired on.
import { index, integer, boolean, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { events } from './events';
import { friends } from './friends';

export const keywordRules = pgTable('keyword_rules', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  /** Lower fires first (scenario/keyword-rules.ts orderRules). */
  priority: integer('priority').notNull(),
  active: boolean('active').notNull().default(true),
  /** KeywordMatch, ActiveWindow[] and KeywordActions (scenario/keyword-rules.ts), parsed with those schemas on read. */
  match: jsonb('match').$type<unknown>().notNull(),
  windows: jsonb('windows').$type<unknown>().notNull(),
  timeZone: text('time_zone').notNull().default('Asia/Tokyo'),
  actions: jsonb('actions').$type<unknown>().notNull(),
  /** The operator's email. */
  updatedBy: text('updated_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Reply progress of a hit: `pending` until LINE accepted it (the dispatch retries), `none` for a rule without reply. */
export const keywordReplyStatuses = ['none', 'pending', 'sent', 'failed'] as const;

export const keywordRuleHits = pgTable(
  'keyword_rule_hits',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ruleId: uuid('rule_id')
      .notNull()
      .references(() => keywordRules.id, { onDelete: 'cascade' }),
    /** The line_message event: unique, so a message fires at most one rule, once, however often it is dispatched. */
    eventId: uuid('event_id')
      .notNull()
      .unique()
      .references(() => events.id, { onDelete: 'cascade' }),
    friendId: uuid('friend_id')
      .notNull()
      .references(() => friends.id, { onDelete: 'cascade' }),
    firedAt: timestamp('fired_at', { withTimezone: true }).notNull(),
    replyStatus: text('reply_status', { enum: keywordReplyStatuses }).notNull(),
    /** How the reply went out: the free reply token, or a push when it had expired. */
    replyVia: text('reply_via', { enum: ['reply', 'push'] }),
    replyError: text('reply_error'),
  },
  (t) => [index('keyword_rule_hits_rule_idx').on(t.ruleId, t.firedAt)],
);

export type KeywordRuleRow = typeof keywordRules.$inferSelect;
export type KeywordRuleHitRow = typeof keywordRuleHits.$inferSelect;
