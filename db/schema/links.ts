// Member-id link conflicts: a friend tried to bind a member id another friend holds; an operator decides who keeps it.
import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { friends } from './friends';
import { operators } from './operators';

/** Where the refused bind came from: LINE's account-link flow (/link, accountLink webhook) or POST /api/link/bind. */
export const linkConflictSources = ['account_link', 'api'] as const;
export type LinkConflictSource = (typeof linkConflictSources)[number];
export const linkConflictResolutions = ['kept_holder', 'moved_to_claimant'] as const;
export type LinkConflictResolution = (typeof linkConflictResolutions)[number];

export const linkConflicts = pgTable(
  'link_conflicts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    memberId: text('member_id').notNull(),
    /** The friend who held the member id when the bind was refused. */
    holderFriendId: uuid('holder_friend_id')
      .notNull()
      .references(() => friends.id, { onDelete: 'cascade' }),
    /** The friend the bind was for. */
    claimantFriendId: uuid('claimant_friend_id')
      .notNull()
      .references(() => friends.id, { onDelete: 'cascade' }),
    source: text('source', { enum: linkConflictSources }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    resolvedBy: text('resolved_by').references(() => operators.id, { onDelete: 'set null' }),
    resolution: text('resolution', { enum: linkConflictResolutions }),
  },
  (t) => [
    // One open conflict per member id and claimant: a customer retrying the link does not pile up rows.
    uniqueIndex('link_conflicts_open_idx')
      .on(t.memberId, t.claimantFriendId)
      .where(sql`${t.resolvedAt} is null`),
    index('link_conflicts_created_idx').on(t.createdAt),
    check('link_conflicts_two_friends', sql`${t.holderFriendId} <> ${t.claimantFriendId}`),
    check('link_conflicts_resolved', sql`(${t.resolvedAt} is null) = (${t.resolution} is null)`),
  ],
);

export type LinkConflictRow = typeof linkConflicts.$inferSelect;
