// LINE's account-link flow: link token → our /link page → member signs in → nonce → LINE's dialog → accountLink webhook.
import 'server-only';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { findFriendById, insertLinkNonce } from '@/db/queries/friends';
import { AppError, parseOrThrow } from '../errors';
import type { EdgeDeps } from '../friends/deps';
import { MemberIdSchema } from '../friends/friend-input';
import { signToken, verifyToken } from '../links/signed-token';

/** LINE's link tokens live 10 minutes; our state for the /link page lives as long. */
const STATE_TTL_MS = 10 * 60 * 1000;
const StateSchema = z.object({ f: z.uuid(), e: z.number().int() });

/** The URL to send the friend (in a message or a rich menu): our /link page carrying LINE's link token. */
export async function accountLinkUrl(
  deps: Pick<EdgeDeps, 'db' | 'line' | 'secret' | 'appBaseUrl' | 'now'>,
  friendId: string,
): Promise<string> {
  const friend = await findFriendById(deps.db, friendId);
  if (!friend) throw new AppError('not_found:friend', 'no such friend');
  if (friend.blockedAt) throw new AppError('conflict:blocked', 'the friend has blocked the account');
  const { linkToken } = await deps.line.issueLinkToken(friend.lineUserId);
  // The page must know which friend it is binding; LINE's token is opaque, so a signed state rides along.
  const state = signToken(deps.secret, 'account-link', { f: friend.id, e: Math.floor((deps.now().getTime() + STATE_TTL_MS) / 1000) });
  const u = new URL('/link', deps.appBaseUrl);
  u.searchParams.set('linkToken', linkToken);
  u.searchParams.set('state', state);
  return u.toString();
}

export const CompleteAccountLinkSchema = z.object({
  linkToken: z.string().min(1).max(200),
  state: z.string().min(1).max(500),
  memberId: MemberIdSchema,
});

/** The member signed in: store a nonce naming friend and member, and send the browser on to LINE's dialog. */
export async function completeAccountLink(
  deps: Pick<EdgeDeps, 'db' | 'secret' | 'now' | 'accountLinkDialogUrl'>,
  input: unknown,
): Promise<string> {
  const { linkToken, state, memberId } = parseOrThrow(CompleteAccountLinkSchema, input);
  const s = verifyToken(deps.secret, 'account-link', state, StateSchema);
  if (!s || s.e * 1000 <= deps.now().getTime()) {
    throw new AppError('invalid:state', 'this link has expired or is not valid; ask for a new one in LINE', [
      { path: ['state'], message: 'expired or invalid' },
    ]);
  }
  const nonce = randomBytes(24).toString('base64url');
  await insertLinkNonce(deps.db, { nonce, friendId: s.f, memberId });
  const u = new URL(deps.accountLinkDialogUrl);
  u.searchParams.set('linkToken', linkToken);
  u.searchParams.set('nonce', nonce);
  return u.toString();
}
