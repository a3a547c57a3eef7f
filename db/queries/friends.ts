// Named queries over friends and friend_tags: lookups, follow/block state, member binding, search and detail.
import { and, asc, desc, eq, gt, ilike, inArray, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm';
import { executePrepared, type DbOrTx } from '../client';
import { friendTags, friends, linkNonces, outbox, runs, scenarios, type AttributeValue, type LinkConflictSource } from '../schema';
import { DISPATCH_CHANNEL, tagDispatchCte } from './dispatches';
import { recordLinkConflict } from './link-conflicts';
import { notErased } from './erase-friend';

export type FriendRow = typeof friends.$inferSelect;

export async function findFriendById(db: DbOrTx, id: string): Promise<FriendRow | null> {
  const [row] = await db.select().from(friends).where(eq(friends.id, id));
  return row ?? null;
}

export async function findFriendByLineUserId(db: DbOrTx, lineUserId: string): Promise<FriendRow | null> {
  const [row] = await db.select().from(friends).where(eq(friends.lineUserId, lineUserId));
  return row ?? null;
}

export async function findFriendByMemberId(db: DbOrTx, memberId: string): Promise<FriendRow | null> {
  const [row] = await db.select().from(friends).where(eq(friends.memberId, memberId));
  return row ?? null;
}

/** Friends by LINE user id and by member id, for resolving a batch in two queries. */
export async function findFriendsByKeys(db: DbOrTx, keys: { lineUserIds: string[]; memberIds: string[] }): Promise<FriendRow[]> {
  const conds: SQL[] = [];
  if (keys.lineUserIds.length > 0) conds.push(inArray(friends.lineUserId, keys.lineUserIds));
  if (keys.memberIds.length > 0) conds.push(inArray(friends.memberId, keys.memberIds));
  if (conds.length === 0) return [];
  return db
    .select()
    .from(friends)
    .where(or(...conds));
}

export type ProfilePatch = { displayName?: string; pictureUrl?: string | null; language?: string | null };

export type NewFriend = {
  lineUserId: string;
  memberId?: string | null;
  friendAddedAt: Date;
  blockedAt?: Date | null;
  attributes?: Record<string, AttributeValue>;
  isTest?: boolean;
} & ProfilePatch;

/** Inserts the friend, or returns null when that LINE user id exists already (a concurrent webhook made it). */
export async function insertFriendIfAbsent(db: DbOrTx, f: NewFriend): Promise<FriendRow | null> {
  const [row] = await db.insert(friends).values(f).onConflictDoNothing({ target: friends.lineUserId }).returning();
  return row ?? null;
}

export async function updateFriend(
  db: DbOrTx,
  id: string,
  patch: ProfilePatch & {
    memberId?: string | null;
    attributes?: Record<string, AttributeValue>;
    friendAddedAt?: Date;
    blockedAt?: Date | null;
    isTest?: boolean;
  },
): Promise<FriendRow> {
  const [row] = await db
    .update(friends)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(friends.id, id))
    .returning();
  if (!row) throw new Error(`friend ${id} vanished`);
  return row;
}

/** Sets blockedAt unless already blocked; returns the friend when this call blocked it. */
export async function markFriendBlocked(db: DbOrTx, id: string, at: Date): Promise<FriendRow | null> {
  const [row] = await db
    .update(friends)
    .set({ blockedAt: at, updatedAt: new Date() })
    .where(and(eq(friends.id, id), isNull(friends.blockedAt)))
    .returning();
  return row ?? null;
}

export type BindMemberResult = { bound: true } | { bound: false; holderFriendId: string; conflictId: string };

/**
 * Binds a member id to a friend, unless another friend holds it: then nothing moves (that would hand one person's CRM
 * identity to another LINE account) and a conflict is recorded for an operator to resolve (db/queries/link-conflicts.ts).
 * A concurrent bind of the same id loses on the unique index and is answered as a conflict too.
 */
export async function bindMemberId(
  db: DbOrTx,
  friendId: string,
  memberId: string,
  source: LinkConflictSource = 'account_link',
): Promise<BindMemberResult> {
  const refuse = async (holderFriendId: string): Promise<BindMemberResult> => ({
    bound: false,
    holderFriendId,
    conflictId: await recordLinkConflict(db, { memberId, holderFriendId, claimantFriendId: friendId, source }),
  });
  const holder = await findFriendByMemberId(db, memberId);
  if (holder) return holder.id === friendId ? { bound: true } : refuse(holder.id);
  try {
    // A savepoint inside a caller's transaction, so a unique violation leaves that transaction usable.
    await db.transaction((sp) => sp.update(friends).set({ memberId, updatedAt: new Date() }).where(eq(friends.id, friendId)));
  } catch (err) {
    const raced = isUniqueViolation(err) ? await findFriendByMemberId(db, memberId) : null;
    if (!raced || raced.id === friendId) throw err;
    return refuse(raced.id);
  }
  return { bound: true };
}

function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err; e instanceof Error; e = e.cause) if ((e as { code?: unknown }).code === '23505') return true;
  return false;
}

/** Adds tags; returns the ones that were new to the friend. */
/**
 * Adds tags; returns those the friend did not have. Each new tag writes its `tag_added` dispatch row in the same
 * statement, so a tag trigger is never lost whoever added the tag (API, CSV, the friend page, a run's action).
 */
export async function addFriendTags(db: DbOrTx, friendId: string, tags: string[], at: Date): Promise<string[]> {
  if (tags.length === 0) return [];
  const rows = await executePrepared<{ tag: string }>(
    db,
    sql`WITH added_tags AS (
      INSERT INTO friend_tags (friend_id, tag, tagged_at)
      SELECT ${friendId}::uuid, t, ${at.toISOString()}::timestamptz FROM jsonb_array_elements_text(${JSON.stringify([...new Set(tags)])}::jsonb) AS t
      ON CONFLICT DO NOTHING RETURNING tag),
    ${tagDispatchCte(friendId, at)}
    SELECT tag FROM added_tags`,
  );
  if (rows.length > 0) await db.execute(sql`SELECT pg_notify(${DISPATCH_CHANNEL}, '')`);
  return rows.map((r) => r.tag);
}

export async function removeFriendTags(db: DbOrTx, friendId: string, tags: string[]): Promise<void> {
  if (tags.length === 0) return;
  await db.delete(friendTags).where(and(eq(friendTags.friendId, friendId), inArray(friendTags.tag, tags)));
}

export async function listFriendTags(db: DbOrTx, friendId: string): Promise<string[]> {
  const rows = await db
    .select({ tag: friendTags.tag })
    .from(friendTags)
    .where(eq(friendTags.friendId, friendId))
    .orderBy(asc(friendTags.tag));
  return rows.map((r) => r.tag);
}

/** Every tag in use with how many friends carry it. */
export async function listAllTags(db: DbOrTx): Promise<{ tag: string; count: number }[]> {
  return db
    .select({ tag: friendTags.tag, count: sql<number>`count(*)::int` })
    .from(friendTags)
    .groupBy(friendTags.tag)
    .orderBy(asc(friendTags.tag));
}

export interface FriendSearch {
  /** Matches display name (partial), LINE user id or member id (prefix). */
  q?: string;
  tag?: string;
  attribute?: { key: string; value: string };
  status?: 'active' | 'blocked';
  limit: number;
  offset: number;
}

export type FriendListRow = FriendRow & { tags: string[] };

/** The friends list's filter as a WHERE over `friends` (the bulk actions act on exactly what the list shows). */
export function friendSearchWhere(s: Omit<FriendSearch, 'limit' | 'offset'>): SQL | undefined {
  const conds: SQL[] = [notErased()];
  if (s.q) {
    const like = `%${s.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const prefix = `${s.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conds.push(or(ilike(friends.displayName, like), ilike(friends.lineUserId, prefix), ilike(friends.memberId, prefix)) as SQL);
  }
  if (s.tag) {
    conds.push(sql`exists (select 1 from ${friendTags} where ${friendTags.friendId} = ${friends.id} and ${friendTags.tag} = ${s.tag})`);
  }
  // Attribute values are compared as text, so "3", 3 and true/"true" all match what a person types.
  if (s.attribute) conds.push(sql`${friends.attributes} ->> ${s.attribute.key} = ${s.attribute.value}`);
  if (s.status === 'blocked') conds.push(isNotNull(friends.blockedAt));
  if (s.status === 'active') conds.push(isNull(friends.blockedAt));
  return and(...conds);
}

export async function searchFriends(db: DbOrTx, s: FriendSearch): Promise<{ rows: FriendListRow[]; total: number }> {
  const where = friendSearchWhere(s);
  const [count] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(friends)
    .where(where);
  const rows = await db
    .select({
      friend: friends,
      tags: sql<
        string[]
      >`coalesce((select array_agg(${friendTags.tag} order by ${friendTags.tag}) from ${friendTags} where ${friendTags.friendId} = ${friends.id}), '{}')`,
    })
    .from(friends)
    .where(where)
    .orderBy(desc(friends.friendAddedAt), asc(friends.id))
    .limit(s.limit)
    .offset(s.offset);
  return { rows: rows.map((r) => ({ ...r.friend, tags: r.tags })), total: count?.n ?? 0 };
}

/** Every friend with tags, in a stable order, for CSV export. */
export async function listFriendsForExport(db: DbOrTx): Promise<FriendListRow[]> {
  return (await searchFriends(db, { limit: 1_000_000, offset: 0 })).rows;
}

/** One page of the friends a broadcast may reach (neither blocked nor test friends), in id order after `afterId`. */
export async function reachableFriendIds(db: DbOrTx, page: { afterId: string | null; limit: number }): Promise<string[]> {
  const rows = await db
    .select({ id: friends.id })
    .from(friends)
    .where(and(isNull(friends.blockedAt), eq(friends.isTest, false), page.afterId ? gt(friends.id, page.afterId) : undefined))
    .orderBy(asc(friends.id))
    .limit(page.limit);
  return rows.map((r) => r.id);
}

export async function listFriendRuns(db: DbOrTx, friendId: string) {
  return db
    .select({
      id: runs.id,
      scenarioId: runs.scenarioId,
      scenarioName: scenarios.name,
      versionId: runs.versionId,
      status: runs.status,
      currentNodeId: runs.currentNodeId,
      waitingFor: runs.waitingFor,
      waitingUntil: runs.waitingUntil,
      endReason: runs.endReason,
      isTest: runs.isTest,
      startedAt: runs.startedAt,
      endedAt: runs.endedAt,
    })
    .from(runs)
    .leftJoin(scenarios, eq(scenarios.id, runs.scenarioId))
    .where(eq(runs.friendId, friendId))
    .orderBy(desc(runs.startedAt))
    .limit(100);
}

export async function listFriendMessages(db: DbOrTx, friendId: string) {
  return db
    .select({
      id: outbox.id,
      scenarioId: outbox.scenarioId,
      scenarioName: scenarios.name,
      versionId: outbox.versionId,
      nodeId: outbox.nodeId,
      status: outbox.status,
      reason: outbox.reason,
      messages: outbox.messages,
      isTest: outbox.isTest,
      createdAt: outbox.createdAt,
      sentAt: outbox.sentAt,
    })
    .from(outbox)
    .leftJoin(scenarios, eq(scenarios.id, outbox.scenarioId))
    .where(eq(outbox.friendId, friendId))
    .orderBy(desc(outbox.createdAt))
    .limit(100);
}

export type LinkNonceRow = typeof linkNonces.$inferSelect;

export async function insertLinkNonce(db: DbOrTx, n: { nonce: string; friendId: string; memberId: string }): Promise<void> {
  await db.insert(linkNonces).values(n);
}

/** Spends an unused nonce and returns it; null when unknown or used already. */
export async function consumeLinkNonce(db: DbOrTx, nonce: string, at: Date): Promise<LinkNonceRow | null> {
  const [row] = await db
    .update(linkNonces)
    .set({ usedAt: at })
    .where(and(eq(linkNonces.nonce, nonce), isNull(linkNonces.usedAt)))
    .returning();
  return row ?? null;
}
