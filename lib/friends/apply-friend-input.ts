// Applies one friend upsert inside a transaction: checks everything first, then writes; problems throw ItemError.
import {
  addFriendTags,
  bindMemberId,
  findFriendByLineUserId,
  findFriendByMemberId,
  insertFriendIfAbsent,
  removeFriendTags,
  updateFriend,
} from '@/db/queries/friends';
import type { DbOrTx } from '@/db/client';
import type { AttributeValue } from '@/scenario/friend';
import { AppError, type AppErrorCode, type Issue } from '../errors';
import { checkAttributes, type AttributeDef } from './attributes';
import type { FriendInput } from './friend-input';

/** One item's problem: its code and every issue with its path (relative to the item). */
export class ItemError extends AppError {
  constructor(code: AppErrorCode, message: string, issues: Issue[]) {
    super(code, message, issues);
  }
}

export interface AppliedFriend {
  friendId: string;
  created: boolean;
  addedTags: string[];
}

export async function applyFriendInput(
  tx: DbOrTx,
  defs: ReadonlyMap<string, AttributeDef>,
  input: FriendInput,
  at: Date,
): Promise<AppliedFriend> {
  const { values, issues } = checkAttributes(defs, input.attributes ?? {}, ['attributes']);
  if (issues.length > 0) throw new ItemError('invalid:attributes', 'attribute values do not match their definitions', issues);

  const byLine = input.lineUserId ? await findFriendByLineUserId(tx, input.lineUserId) : null;
  const byMember = input.memberId ? await findFriendByMemberId(tx, input.memberId) : null;
  // The LINE user id, when given, says who; a member id alone finds the friend it is linked to.
  const friend = input.lineUserId ? byLine : byMember;
  if (!friend && !input.lineUserId) {
    throw new ItemError('not_found:friend', 'no friend has this member id; give lineUserId to create one', [
      { path: ['memberId'], message: `no friend with member id ${input.memberId}` },
    ]);
  }
  // Through the API a member id never moves silently between friends (the account-link flows may move it).
  if (input.memberId && byMember && byMember.id !== friend?.id) {
    throw new ItemError('conflict:member_id', 'this member id belongs to another friend', [
      { path: ['memberId'], message: `member id ${input.memberId} is linked to another LINE user` },
    ]);
  }

  const merged: Record<string, AttributeValue> = { ...(friend?.attributes ?? {}) };
  for (const [k, v] of Object.entries(values)) {
    if (v === null) delete merged[k];
    else merged[k] = v;
  }
  const profile = input.displayName !== undefined ? { displayName: input.displayName } : {};

  let friendId: string;
  let created = false;
  if (friend) {
    await updateFriend(tx, friend.id, { ...profile, attributes: merged, ...(input.isTest !== undefined ? { isTest: input.isTest } : {}) });
    if (input.memberId && friend.memberId !== input.memberId) {
      // Checked above, but another request may bind the same member id in between: refused the same way, not reported as done.
      const bind = await bindMemberId(tx, friend.id, input.memberId, 'api');
      if (!bind.bound) {
        throw new ItemError('conflict:member_id', 'this member id belongs to another friend', [
          { path: ['memberId'], message: `member id ${input.memberId} is linked to another LINE user` },
        ]);
      }
    }
    friendId = friend.id;
  } else if (input.lineUserId) {
    const row = await insertFriendIfAbsent(tx, {
      lineUserId: input.lineUserId,
      memberId: input.memberId ?? null,
      friendAddedAt: at,
      attributes: merged,
      isTest: input.isTest ?? false,
      ...profile,
    });
    if (!row)
      throw new ItemError('conflict:friend', 'the friend was created concurrently; retry', [
        { path: ['lineUserId'], message: 'created concurrently' },
      ]);
    friendId = row.id;
    created = true;
  } else {
    throw new Error('unreachable: a friend without lineUserId was checked above');
  }
  await removeFriendTags(tx, friendId, input.tags?.remove ?? []);
  const addedTags = await addFriendTags(tx, friendId, input.tags?.add ?? [], at);
  return { friendId, created, addedTags };
}
