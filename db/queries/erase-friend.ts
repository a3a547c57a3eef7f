// Erasure of one friend's personal data (APPI/GDPR), as statements for one transaction: the friend row becomes an
// anonymous tombstone that keeps its id, and every row that named or described them loses what did.
//
// Why a tombstone and not a delete: runs reference friends (ON DELETE CASCADE) and so do events, and the analytics
// rollups follow them: deleting the events would re-run the goal triggers and take the friend's conversions out of
// node_days, deleting runs would take them out of the cohort, send and click figures. The tombstone keeps the uuid
// (which nothing maps back to a person any more), its test flag and its timestamps, so every count stays as it was.
import { eq, notLike, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { friends, linkConflicts, linkNonces } from '../schema';

/** A tombstone's LINE user id is this prefix and its own uuid: unique, and naming nobody. */
export const ERASED_PREFIX = 'erased:';

/** Leaves tombstones out of what operators browse and pick (friend lists, name search, preview choices). */
export function notErased(): SQL {
  return notLike(friends.lineUserId, `${ERASED_PREFIX}%`);
}

export function isErasedFriend(f: { lineUserId: string }): boolean {
  return f.lineUserId.startsWith(ERASED_PREFIX);
}

/**
 * The block time given to a tombstone that had not blocked the account: blocked friends are never reached by a
 * broadcast nor sent to (a late send is skipped as `blocked`), and at the epoch no send precedes it, so analytics'
 * "blocked within 72 h of a send" never counts an erasure as a block. A real earlier block is kept (it was counted).
 */
export const ERASED_BLOCKED_AT = new Date(0);

/** What the erasure found of the friend: their row before it became a tombstone. */
export interface FriendToErase {
  id: string;
  lineUserId: string;
  memberId: string | null;
}

/** The friend's row, locked until the transaction ends (a concurrent erasure or edit of them waits). */
export async function lockFriend(tx: DbOrTx, friendId: string): Promise<FriendToErase | null> {
  const [row] = await tx
    .select({ id: friends.id, lineUserId: friends.lineUserId, memberId: friends.memberId })
    .from(friends)
    .where(eq(friends.id, friendId))
    .for('update');
  return row ?? null;
}

export interface ErasedRows {
  friend: number;
  tags: number;
  events: number;
  outbox: number;
  runs: number;
  linkNonces: number;
  linkConflicts: number;
  webhookEvents: number;
}

export const NO_ROWS: ErasedRows = { friend: 0, tags: 0, events: 0, outbox: 0, runs: 0, linkNonces: 0, linkConflicts: 0, webhookEvents: 0 };

async function count(tx: DbOrTx, statement: SQL): Promise<number> {
  const rows = await tx.execute<{ n: number }>(sql`WITH changed AS (${statement} RETURNING 1) SELECT count(*)::int AS n FROM changed`);
  return rows[0]?.n ?? 0;
}

/**
 * Which friends a scrub applies to, as a condition on a friend id column: one friend, or every tombstone (the
 * retention job sweeps them again, for what a send or action in flight at the erasure wrote after it).
 */
export type FriendScope = { friendId: string } | 'erased';

function inScope(column: SQL, scope: FriendScope): SQL {
  return scope === 'erased'
    ? sql`${column} IN (SELECT id FROM friends WHERE line_user_id LIKE ${`${ERASED_PREFIX}%`}::text)`
    : sql`${column} = ${scope.friendId}::uuid`;
}

/**
 * What an erased friend's event keeps: a tracked-link tap keeps the run and node it came from (the click figures join
 * on them); everything else, free-form properties the shop or the friend sent, goes.
 */
const keptProperties = sql`CASE WHEN name = 'link_click'
  THEN jsonb_strip_nulls(jsonb_build_object('runId', properties -> 'runId', 'nodeId', properties -> 'nodeId'))
  ELSE '{}'::jsonb END`;

/**
 * Strips the friends' rows of personal data and leaves what dedup and analytics count: tags, link nonces and member-id
 * link conflicts they are party to go (a conflict names the member id, and an erased friend holds none), so do their
 * trigger dispatch rows; events
 * keep name, time, source and test flag (goal conversions, click figures); sends keep status, times and LINE's ids
 * but not the message texts (rendered with the friend's name). Idempotent: a second call changes nothing (zeros).
 */
export async function scrubFriendRows(
  tx: DbOrTx,
  scope: FriendScope,
): Promise<Pick<ErasedRows, 'tags' | 'linkNonces' | 'linkConflicts' | 'events' | 'outbox'>> {
  const friend = sql.raw('friend_id');
  const tags = await count(tx, sql`DELETE FROM friend_tags WHERE ${inScope(friend, scope)}`);
  // Dispatch rows name tags; a fact about an erased friend has nothing left to start (deleted, pending or done).
  await count(tx, sql`DELETE FROM dispatches WHERE ${inScope(friend, scope)}`);
  const linkNonceRows = await count(tx, sql`DELETE FROM link_nonces WHERE ${inScope(friend, scope)}`);
  // The inbox thread: what the friend wrote and what operators answered (texts), its read state and 対応中.
  await count(tx, sql`DELETE FROM chat_messages WHERE ${inScope(friend, scope)}`);
  await count(tx, sql`DELETE FROM chat_threads WHERE ${inScope(friend, scope)}`);
  // Answer-form responses: what the friend typed.
  await count(tx, sql`DELETE FROM form_responses WHERE ${inScope(friend, scope)}`);
  const linkConflictRows = await count(
    tx,
    sql`DELETE FROM link_conflicts WHERE ${inScope(sql.raw('holder_friend_id'), scope)} OR ${inScope(sql.raw('claimant_friend_id'), scope)}`,
  );
  const eventRows = await count(
    tx,
    sql`UPDATE events SET properties = ${keptProperties}, idempotency_key = NULL
      WHERE ${inScope(friend, scope)} AND (properties IS DISTINCT FROM ${keptProperties} OR idempotency_key IS NOT NULL)`,
  );
  const outboxRows = await count(
    tx,
    sql`UPDATE outbox SET messages = '[]'::jsonb WHERE ${inScope(friend, scope)} AND messages <> '[]'::jsonb`,
  );
  return { tags, linkNonces: linkNonceRows, linkConflicts: linkConflictRows, events: eventRows, outbox: outboxRows };
}

/** The friend's active runs are marked stopped (`erased`): their workflows were terminated first. */
export async function stopFriendRuns(tx: DbOrTx, friendId: string, at: Date): Promise<number> {
  return count(
    tx,
    sql`UPDATE runs SET status = 'stopped', end_reason = 'erased', ended_at = ${at.toISOString()}::timestamptz, waiting_for = NULL,
        waiting_until = NULL
      WHERE friend_id = ${friendId}::uuid AND status = 'active'`,
  );
}

/** Turns the friend rows into tombstones (ids, name, picture, language and attributes gone); 0 for one that is already. */
export async function anonymiseFriends(tx: DbOrTx, scope: FriendScope, at: Date): Promise<number> {
  return count(
    tx,
    sql`UPDATE friends SET line_user_id = ${ERASED_PREFIX}::text || id::text, member_id = NULL, display_name = '', picture_url = NULL,
        language = NULL, attributes = '{}'::jsonb, blocked_at = coalesce(blocked_at, ${ERASED_BLOCKED_AT.toISOString()}::timestamptz),
        updated_at = ${at.toISOString()}::timestamptz
      WHERE ${inScope(sql.raw('id'), scope)} AND (line_user_id <> (${ERASED_PREFIX}::text || id::text) OR member_id IS NOT NULL
        OR display_name <> '' OR picture_url IS NOT NULL OR language IS NOT NULL OR attributes <> '{}'::jsonb OR blocked_at IS NULL)`,
  );
}

/**
 * Webhook events that carry the LINE user id anywhere (as the source, or mentioned or joined in a group): the payload
 * is cleared and the row kept with its id and type, so a redelivery is still recognised and dropped. An unprocessed
 * one is marked processed (there is nothing left to process); an error text naming the user goes too.
 */
export async function scrubWebhookEvents(tx: DbOrTx, lineUserId: string, at: Date): Promise<number> {
  const needle = sql`${lineUserId}::text`;
  return count(
    tx,
    sql`UPDATE webhook_events SET payload = '{}'::jsonb, processed_at = coalesce(processed_at, ${at.toISOString()}::timestamptz),
        error = CASE WHEN strpos(coalesce(error, ''), ${needle}) > 0 THEN NULL ELSE error END
      WHERE strpos(payload::text, ${needle}) > 0 OR strpos(coalesce(error, ''), ${needle}) > 0`,
  );
}

/** Link nonces and link conflicts naming a member id (this friend's, or any other LINE account's that tried to bind it). */
export async function deleteMemberLinks(tx: DbOrTx, memberId: string): Promise<Pick<ErasedRows, 'linkNonces' | 'linkConflicts'>> {
  const nonces = await tx.delete(linkNonces).where(eq(linkNonces.memberId, memberId)).returning({ nonce: linkNonces.nonce });
  const conflicts = await tx.delete(linkConflicts).where(eq(linkConflicts.memberId, memberId)).returning({ id: linkConflicts.id });
  return { linkNonces: nonces.length, linkConflicts: conflicts.length };
}
