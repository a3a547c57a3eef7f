// Reusable messages (テンプレート) shared by every scenario: a name and 1–5 LINE messages as a send node holds them.
import { jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const messageTemplates = pgTable('message_templates', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull().unique(),
  /** LineMessage[] (scenario/messages.ts), placeholders kept; parsed with the same schema on read and write. */
  messages: jsonb('messages').$type<unknown>().notNull(),
  /** The operator's email. */
  createdBy: text('created_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
