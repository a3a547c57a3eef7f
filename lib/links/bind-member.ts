// POST /api/link/bind: the shop's site binds its logged-in member to the friend named by a signed `kz_link` parameter.
import 'server-only';
import { z } from 'zod';
import { bindMemberId, findFriendById } from '@/db/queries/friends';
import { AppError, parseOrThrow } from '../errors';
import type { EdgeDeps } from '../friends/deps';
import { MemberIdSchema } from '../friends/friend-input';
import { readMemberLinkToken } from './member-link';

export const BindMemberBodySchema = z.object({ token: z.string().min(1).max(2000), memberId: MemberIdSchema }).strict();

export async function bindMemberByToken(deps: Pick<EdgeDeps, 'db' | 'secret' | 'now'>, body: unknown) {
  const { token, memberId } = parseOrThrow(BindMemberBodySchema, body);
  const check = readMemberLinkToken(token, { now: deps.now(), secret: deps.secret });
  if (!check.ok) {
    const message = check.reason === 'expired' ? 'the link parameter has expired' : 'the link parameter is not valid';
    throw new AppError('invalid:token', message, [{ path: ['token'], message }]);
  }
  return deps.db.transaction(async (tx) => {
    const friend = await findFriendById(tx, check.friendId);
    if (!friend) throw new AppError('not_found:friend', 'the friend this link was made for no longer exists');
    const { previousFriendId } = await bindMemberId(tx, friend.id, memberId);
    return { friendId: friend.id, lineUserId: friend.lineUserId, memberId, previousFriendId };
  });
}
