// LINE's account-link flow: link token → our /link page → member proven → nonce → LINE's dialog → accountLink webhook.
import 'server-only';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { findFriendById, findFriendByMemberId } from '@/db/queries/friends';
import { recordLinkConflict } from '@/db/queries/link-conflicts';
import { insertLinkNonceOnce } from '@/db/queries/link-nonces';
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

/** The friend the /link page's `state` names and when it expires (seconds), or `invalid:state`. */
export function readAccountLinkState(deps: Pick<EdgeDeps, 'secret' | 'now'>, state: string): { friendId: string; expires: number } {
  const s = verifyToken(deps.secret, 'account-link', state, StateSchema);
  if (!s || s.e * 1000 <= deps.now().getTime()) {
    throw new AppError('invalid:state', 'this link has expired or is not valid; ask for a new one in LINE', [
      { path: ['state'], message: 'expired or invalid' },
    ]);
  }
  return { friendId: s.f, expires: s.e };
}

export const CompleteAccountLinkSchema = z.object({
  linkToken: z.string().min(1).max(200),
  state: z.string().min(1).max(500),
  memberId: MemberIdSchema,
});

export const MEMBER_ID_TAKEN_MESSAGE =
  "this member id is already linked to another LINE account; nothing was changed. Please ask the shop's support";

/**
 * The dev form: the member id typed on /link is believed (dev only: app/link refuses it in production). Stores a nonce
 * naming friend and member and answers LINE's dialog URL, or `conflict:member_id` when another friend holds the id.
 */
export async function completeAccountLink(
  deps: Pick<EdgeDeps, 'db' | 'secret' | 'now' | 'accountLinkDialogUrl'>,
  input: unknown,
): Promise<string> {
  const { linkToken, state, memberId } = parseOrThrow(CompleteAccountLinkSchema, input);
  const { friendId } = readAccountLinkState(deps, state);
  const started = await startLinkDialog(deps, { friendId, linkToken, memberId, nonce: randomBytes(24).toString('base64url') });
  if (started.ok) return started.dialog;
  if (started.reason === 'conflict')
    throw new AppError('conflict:member_id', MEMBER_ID_TAKEN_MESSAGE, [{ path: ['memberId'], message: 'taken' }]);
  throw new AppError('invalid:state', 'this link was used already; ask for a new one in LINE');
}

export type DialogStart = { ok: true; dialog: string } | { ok: false; reason: 'conflict' | 'replayed' };

/**
 * The member is proven: store the nonce (once) and answer LINE's dialog URL. A member id another friend holds is never
 * moved: the nonce is stored spent, a conflict is recorded for an operator, and the answer says so.
 */
export async function startLinkDialog(
  deps: Pick<EdgeDeps, 'db' | 'now' | 'accountLinkDialogUrl'>,
  s: { friendId: string; linkToken: string; memberId: string; nonce: string },
): Promise<DialogStart> {
  const outcome = await deps.db.transaction(async (tx) => {
    if (!(await findFriendById(tx, s.friendId)))
      throw new AppError('not_found:friend', 'the friend this link was made for no longer exists');
    const holder = await findFriendByMemberId(tx, s.memberId);
    const taken = holder !== null && holder.id !== s.friendId;
    const fresh = await insertLinkNonceOnce(tx, {
      nonce: s.nonce,
      friendId: s.friendId,
      memberId: s.memberId,
      usedAt: taken ? deps.now() : null,
    });
    if (!fresh) return 'replayed' as const;
    if (holder && taken) {
      await recordLinkConflict(tx, {
        memberId: s.memberId,
        holderFriendId: holder.id,
        claimantFriendId: s.friendId,
        source: 'account_link',
      });
      return 'conflict' as const;
    }
    return 'ok' as const;
  });
  if (outcome !== 'ok') return { ok: false, reason: outcome };
  const u = new URL(deps.accountLinkDialogUrl);
  u.searchParams.set('linkToken', s.linkToken);
  u.searchParams.set('nonce', s.nonce);
  return { ok: true, dialog: u.toString() };
}
