// Marking a friend as a test friend (テスト友だち): only test friends may receive テスト配信, and their traffic is left
// out of analytics. The change and its audit row commit together.
import 'server-only';
import { z } from 'zod';
import type { DbOrTx } from '@/db/client';
import { findFriendById, findFriendByLineUserId, updateFriend } from '@/db/queries/friends';
import { recordAudit, type AuditActor } from '../audit/record';
import { AppError, parseOrThrow } from '../errors';

const TestFriendInput = z.object({ friendId: z.uuid(), isTest: z.boolean() });

/**
 * Sets the flag and records `friend_test_marked` (with the new value, no personal data). Setting the value the friend
 * already has changes nothing and records nothing.
 */
export async function setTestFriend(
  db: DbOrTx,
  actor: AuditActor,
  input: unknown,
): Promise<{ friendId: string; isTest: boolean; changed: boolean }> {
  const { friendId, isTest } = parseOrThrow(TestFriendInput, input);
  return db.transaction(async (tx) => {
    const friend = await findFriendById(tx, friendId);
    if (!friend) throw new AppError('not_found:friend', 'no such friend');
    if (friend.isTest === isTest) return { friendId, isTest, changed: false };
    await updateFriend(tx, friendId, { isTest });
    await recordAudit(tx, actor, { action: 'friend_test_marked', object: { type: 'friend', id: friendId }, detail: { isTest } });
    return { friendId, isTest, changed: true };
  });
}

/** The Kizuna friend behind a LINE user id (the sandbox phone knows only those), with its test flag. */
export async function testFriendState(db: DbOrTx, lineUserId: string): Promise<{ friendId: string; isTest: boolean }> {
  const id = parseOrThrow(z.string().min(1).max(100), lineUserId, 'lineUserId');
  const friend = await findFriendByLineUserId(db, id);
  if (!friend) throw new AppError('not_found:friend', 'this friend has not reached Kizuna yet');
  return { friendId: friend.id, isTest: friend.isTest };
}
