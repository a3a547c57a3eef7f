// Friends as a viewer may see them: id, display name and the test flag, nothing else. Separate queries (not a
// projection of searchFriends) so a viewer's page never loads LINE user ids, member ids, attributes or tags at all.
import { and, asc, desc, eq, ilike, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { friends } from '../schema';
import { notErased } from './erase-friend';

export interface FriendNameRow {
  id: string;
  displayName: string;
  isTest: boolean;
}

const columns = { id: friends.id, displayName: friends.displayName, isTest: friends.isTest };

/** Matches the display name only: a search on ids would let a viewer probe LINE user ids and member ids by prefix. */
export async function searchFriendNames(
  db: DbOrTx,
  s: { q?: string; limit: number; offset: number },
): Promise<{ rows: FriendNameRow[]; total: number }> {
  const where = and(notErased(), s.q ? ilike(friends.displayName, `%${s.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) : undefined);
  const [count] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(friends)
    .where(where);
  const rows = await db
    .select(columns)
    .from(friends)
    .where(where)
    .orderBy(desc(friends.friendAddedAt), asc(friends.id))
    .limit(s.limit)
    .offset(s.offset);
  return { rows, total: count?.n ?? 0 };
}

export async function findFriendName(db: DbOrTx, id: string): Promise<FriendNameRow | null> {
  const [row] = await db.select(columns).from(friends).where(eq(friends.id, id));
  return row ?? null;
}
