// Rich menus (the menu under the LINE chat): the operator's menus with their image and tap areas, the rules that pick
// a menu per segment, and which menu each friend has been linked to on LINE.
import { boolean, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { friends } from './friends';
import { media } from './media';

export const richMenus = pgTable('rich_menus', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  chatBarText: text('chat_bar_text').notNull(),
  selected: boolean('selected').notNull().default(true),
  width: integer('width').notNull(),
  height: integer('height').notNull(),
  /** RichMenuArea[] (scenario/rich-menu.ts), parsed with its schema on read. */
  areas: jsonb('areas').$type<unknown>().notNull(),
  /** The uploaded image (a media row: public URL, original bytes kept as uploaded). */
  imageMediaId: uuid('image_media_id').references(() => media.id),
  /** LINE's id of the last published version (`richmenu-…`); a republish creates a new one. */
  lineRichMenuId: text('line_rich_menu_id'),
  /** Whether the menu is the account's default (LINE's default rich menu). At most one. */
  isDefault: boolean('is_default').notNull().default(false),
  publishedAt: timestamp('published_at', { withTimezone: true }),
  /** The operator's email. */
  updatedBy: text('updated_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Tag or attribute condition → menu; tried by `position`, the first that matches wins (else the default menu). */
export const richMenuRules = pgTable('rich_menu_rules', {
  id: uuid('id').primaryKey().defaultRandom(),
  position: integer('position').notNull(),
  /** A Condition (scenario/conditions.ts). */
  condition: jsonb('condition').$type<unknown>().notNull(),
  richMenuId: uuid('rich_menu_id')
    .notNull()
    .references(() => richMenus.id, { onDelete: 'cascade' }),
});

/** The LINE rich menu last linked to a friend (so an unchanged outcome makes no call). */
export const friendRichMenus = pgTable('friend_rich_menus', {
  friendId: uuid('friend_id')
    .primaryKey()
    .references(() => friends.id, { onDelete: 'cascade' }),
  richMenuId: uuid('rich_menu_id').references(() => richMenus.id, { onDelete: 'set null' }),
  /** The LINE id linked, or null when the friend's own link was removed (they see the default). */
  lineRichMenuId: text('line_rich_menu_id'),
  /** `rule` (rules or default) or `scenario` (a switch step). */
  source: text('source', { enum: ['rule', 'scenario', 'switch'] }).notNull(),
  linkedAt: timestamp('linked_at', { withTimezone: true }).notNull(),
});
