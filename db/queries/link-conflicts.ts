// Named queries over link_conflicts: recording a refused member-id bind, listing open ones, and an operator's decision.
import { and, asc, eq, isNull, ne, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db, DbOrTx } from '../client';
import { friends, linkConflicts, type LinkConflictResolution, type LinkConflictRow, type LinkConflictSource } from '../schema';

export interface NewLinkConflict {
  memberId: string;
  holderFriendId: string;
  claimantFriendId: string;
  source: LinkConflictSource;
}

/** Records the conflict, or finds the open one for the same member id and claimant; answers its id. */
export async function recordLinkConflict(db: DbOrTx, c: NewLinkConflict): Promise<string> {
  const [row] = await db.insert(linkConflicts).values(c).onConflictDoNothing().returning({ id: linkConflicts.id });
  if (row) return row.id;
  const [open] = await db
    .select({ id: linkConflicts.id })
    .from(linkConflicts)
    .where(
      and(eq(linkConflicts.memberId, c.memberId), eq(linkConflicts.claimantFriendId, c.claimantFriendId), isNull(linkConflicts.resolvedAt)),
    );
  if (!open) throw new Error('link conflict neither inserted nor found');
  return open.id;
}

export interface OpenLinkConflict {
  id: string;
  memberId: string;
  source: LinkConflictSource;
  createdAt: Date;
  holder: { id: string; displayName: string };
  claimant: { id: string; displayName: string };
  /** Who holds the member id now (the recorded holder, someone else since, or nobody: null). */
  currentHolder: { id: string; displayName: string } | null;
}

const holder = alias(friends, 'holder');
const claimant = alias(friends, 'claimant');
const current = alias(friends, 'current_holder');

/** Open conflicts, oldest first, with display names (never LINE user ids). */
export async function listOpenLinkConflicts(db: DbOrTx, limit = 200): Promise<OpenLinkConflict[]> {
  const rows = await db
    .select({
      id: linkConflicts.id,
      memberId: linkConflicts.memberId,
      source: linkConflicts.source,
      createdAt: linkConflicts.createdAt,
      holderId: holder.id,
      holderName: holder.displayName,
      claimantId: claimant.id,
      claimantName: claimant.displayName,
      currentId: current.id,
      currentName: current.displayName,
    })
    .from(linkConflicts)
    .innerJoin(holder, eq(holder.id, linkConflicts.holderFriendId))
    .innerJoin(claimant, eq(claimant.id, linkConflicts.claimantFriendId))
    .leftJoin(current, eq(current.memberId, linkConflicts.memberId))
    .where(isNull(linkConflicts.resolvedAt))
    .orderBy(asc(linkConflicts.createdAt), asc(linkConflicts.id))
    .limit(limit);
  return rows.map((r) => ({
    id: r.id,
    memberId: r.memberId,
    source: r.source,
    createdAt: r.createdAt,
    holder: { id: r.holderId, displayName: r.holderName },
    claimant: { id: r.claimantId, displayName: r.claimantName },
    currentHolder: r.currentId ? { id: r.currentId, displayName: r.currentName ?? '' } : null,
  }));
}

export async function countOpenLinkConflicts(db: DbOrTx): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(linkConflicts)
    .where(isNull(linkConflicts.resolvedAt));
  return row?.n ?? 0;
}

export type ResolveOutcome =
  | { status: 'resolved'; conflict: LinkConflictRow; movedFromFriendId: string | null }
  | { status: 'not_found' }
  | { status: 'already_resolved' };

/**
 * An operator's decision on an open conflict: keep the member id where it is, or move it to the claimant (taking it
 * from whoever holds it now). The move and the decision commit together; a second decision finds it resolved.
 */
export async function resolveLinkConflict(
  db: Db,
  d: { id: string; resolution: LinkConflictResolution; operatorId: string; at: Date },
): Promise<ResolveOutcome> {
  return db.transaction(async (tx) => {
    const [conflict] = await tx.select().from(linkConflicts).where(eq(linkConflicts.id, d.id)).for('update');
    if (!conflict) return { status: 'not_found' } as const;
    if (conflict.resolvedAt) return { status: 'already_resolved' } as const;
    const movedFromFriendId =
      d.resolution === 'moved_to_claimant' ? await moveMemberId(tx, conflict.memberId, conflict.claimantFriendId) : null;
    const [resolved] = await tx
      .update(linkConflicts)
      .set({ resolvedAt: d.at, resolvedBy: d.operatorId, resolution: d.resolution })
      .where(eq(linkConflicts.id, d.id))
      .returning();
    if (!resolved) throw new Error('link conflict vanished while locked');
    return { status: 'resolved', conflict: resolved, movedFromFriendId };
  });
}

/** Takes the member id from whoever holds it and gives it to `toFriendId`; answers the previous holder. */
async function moveMemberId(tx: DbOrTx, memberId: string, toFriendId: string): Promise<string | null> {
  const released = await tx
    .update(friends)
    .set({ memberId: null, updatedAt: new Date() })
    .where(and(eq(friends.memberId, memberId), ne(friends.id, toFriendId)))
    .returning({ id: friends.id });
  const moved = await tx
    .update(friends)
    .set({ memberId, updatedAt: new Date() })
    .where(eq(friends.id, toFriendId))
    .returning({ id: friends.id });
  if (moved.length === 0) throw new Error('the claimant of a link conflict no longer exists');
  return released[0]?.id ?? null;
}

/** Deletes every conflict naming the friend (an erasure: the rows hold a member id). */
export async function deleteLinkConflictsOfFriend(tx: DbOrTx, friendId: string): Promise<number> {
  const rows = await tx
    .delete(linkConflicts)
    .where(or(eq(linkConflicts.holderFriendId, friendId), eq(linkConflicts.claimantFriendId, friendId)))
    .returning({ id: linkConflicts.id });
  return rows.length;
}
