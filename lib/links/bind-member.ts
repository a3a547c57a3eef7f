// POST /api/link/bind: the shop's site binds its logged-in member to the friend named by a signed `kz_link` parameter;
// a member id another friend holds is refused (409) and recorded as a conflict, never moved.
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
  const result = await deps.db.transaction(async (tx) => {
    const friend = await findFriendById(tx, check.friendId);
    if (!friend) throw new AppError('not_found:friend', 'the friend this link was made for no longer exists');
    return { friend, bind: await bindMemberId(tx, friend.id, memberId, 'api') };
  });
  // The conflict row is committed before the refusal: an operator decides who keeps the member id.
  if (!result.bind.bound) {
    throw new AppError('conflict:member_id', 'this member id is linked to another friend; nothing was moved (an operator can resolve it)', [
      { path: ['memberId'], message: 'linked to another friend' },
    ]);
  }
  return { friendId: result.friend.id, lineUserId: result.friend.lineUserId, memberId };
}
