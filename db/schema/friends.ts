// Friends: LINE users who added the account, joined to the business's CRM data.
import { sql } from 'drizzle-orm';
import { boolean, index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export type AttributeValue = string | number | boolean | null;

export const friends = pgTable(
  'friends',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    lineUserId: text('line_user_id').notNull().unique(),
    memberId: text('member_id').unique(),
    displayName: text('display_name').notNull().default(''),
    pictureUrl: text('picture_url'),
    language: text('language'),
    attributes: jsonb('attributes')
      .$type<Record<string, AttributeValue>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
    friendAddedAt: timestamp('friend_added_at', { withTimezone: true }).notNull().defaultNow(),
    blockedAt: timestamp('blocked_at', { withTimezone: true }),
    isTest: boolean('is_test').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('friends_display_name_idx').on(t.displayName)],
);

export const friendTags = pgTable(
  'friend_tags',
  {
    friendId: uuid('friend_id')
      .notNull()
      .references(() => friends.id, { onDelete: 'cascade' }),
    tag: text('tag').notNull(),
    taggedAt: timestamp('tagged_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.friendId, t.tag] }), index('friend_tags_tag_idx').on(t.tag)],
);

export const attributeDefinitions = pgTable('attribute_definitions', {
  key: text('key').primaryKey(),
  label: text('label').notNull(),
  type: text('type', { enum: ['string', 'number', 'boolean', 'date', 'enum'] }).notNull(),
  options: jsonb('options').$type<string[]>(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Account-link nonces and signed link parameters waiting to bind a member id to a friend. */
export const linkNonces = pgTable('link_nonces', {
  nonce: text('nonce').primaryKey(),
  friendId: uuid('friend_id')
    .notNull()
    .references(() => friends.id, { onDelete: 'cascade' }),
  memberId: text('member_id').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  usedAt: timestamp('used_at', { withTimezone: true }),
});
