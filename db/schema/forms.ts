// Answer forms (回答フォーム): each form's definition, and the responses friends submitted through their signed links.
import { boolean, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { events } from './events';
import { friends } from './friends';

export const forms = pgTable('forms', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** What {{form:<slug>}} names in a message; unique. */
  slug: text('slug').notNull().unique(),
  title: text('title').notNull(),
  /** FormDefinition (scenario/forms.ts); parsed with the same schema on read and write. */
  definition: jsonb('definition').$type<unknown>().notNull(),
  /** The operator's email. */
  createdBy: text('created_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const formResponses = pgTable(
  'form_responses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    formId: uuid('form_id')
      .notNull()
      .references(() => forms.id, { onDelete: 'cascade' }),
    friendId: uuid('friend_id')
      .notNull()
      .references(() => friends.id, { onDelete: 'cascade' }),
    /** Field id → answer (text, number, or the chosen texts). */
    answers: jsonb('answers').$type<Record<string, unknown>>().notNull(),
    /** One per page load (a nonce in the page): a double submit stores one response. */
    submissionKey: text('submission_key').notNull().unique(),
    /** The form_submitted event written with it. */
    eventId: uuid('event_id').references(() => events.id, { onDelete: 'set null' }),
    isTest: boolean('is_test').notNull().default(false),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('form_responses_form_at_idx').on(t.formId, t.submittedAt), index('form_responses_friend_idx').on(t.friendId)],
);
