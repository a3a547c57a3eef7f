// The operator inbox (1:1 チャット): one thread row per friend (read position, 対応中, assignee) and the messages the
// friend sent and operators answered. Message texts are personal data: pruned with the retention period, never logged.
import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { friends } from './friends';
import { operators } from './operators';

export const chatThreads = pgTable(
  'chat_threads',
  {
    friendId: uuid('friend_id')
      .primaryKey()
      .references(() => friends.id, { onDelete: 'cascade' }),
    lastMessageAt: timestamp('last_message_at', { withTimezone: true }).notNull(),
    /** Inbound messages after this instant are unread (an operator opened the thread then). */
    readAt: timestamp('read_at', { withTimezone: true }),
    /** 対応中: set while an operator handles the friend; automated scenario sends wait (when the setting is on). */
    handlingSince: timestamp('handling_since', { withTimezone: true }),
    handlingBy: text('handling_by').references(() => operators.id, { onDelete: 'set null' }),
    assigneeId: text('assignee_id').references(() => operators.id, { onDelete: 'set null' }),
  },
  (t) => [index('chat_threads_last_message_idx').on(t.lastMessageAt)],
);

export const chatDirections = ['in', 'out'] as const;
export type ChatDirection = (typeof chatDirections)[number];

export const chatMessages = pgTable(
  'chat_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    friendId: uuid('friend_id')
      .notNull()
      .references(() => friends.id, { onDelete: 'cascade' }),
    direction: text('direction', { enum: chatDirections }).notNull(),
    /** LINE's message type (text, sticker, image…); only text keeps a body. */
    messageType: text('message_type').notNull(),
    /** Personal data: nulled by retention, never logged. */
    text: text('text'),
    /** Inbound: `line:<webhookEventId>`; outbound: `out:<retry key>` (a repeated submit writes nothing twice). */
    idempotencyKey: text('idempotency_key').notNull().unique(),
    /** Inbound: LINE's token for POST /v2/bot/chat/markAsRead; cleared once used. */
    markAsReadToken: text('mark_as_read_token'),
    /** Outbound: the X-Line-Retry-Key of the push, the operator who wrote it, and how the push went. */
    retryKey: uuid('retry_key'),
    operatorId: text('operator_id').references(() => operators.id, { onDelete: 'set null' }),
    status: text('status', { enum: ['received', 'pending', 'sent', 'failed'] }).notNull(),
    failure: text('failure'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('chat_messages_friend_at_idx').on(t.friendId, t.at)],
);
