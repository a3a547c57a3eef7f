// Rich menus (the menu under the LINE chat): the operator's menus with their image and tap areas, the rules that pick
// a menu per segment, and which menu each friend has been linked to on LINE.
import { bigserial, boolean, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
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

/**
 * Taps on a menu's URI areas, through Kizuna's tracked link (/r/{token}). Anonymous: a rich menu is the same object for
 * every friend and LINE says nothing of who opened a URI, so only the count per area is known (lib/rich-menus/link-token.ts).
 */
export const richMenuLinkTaps = pgTable(
  'rich_menu_link_taps',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    richMenuId: uuid('rich_menu_id')
      .notNull()
      .references(() => richMenus.id, { onDelete: 'cascade' }),
    /** The area's index in the menu as published. */
    area: integer('area').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('rich_menu_link_taps_menu_area_idx').on(t.richMenuId, t.area)],
);
