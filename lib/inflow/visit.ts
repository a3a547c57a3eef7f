// One visit through an inflow route: /in/{code} starts LINE Login with a cookie-bound session; /in/callback checks the
// state against the cookie, exchanges the code, verifies the ID token and records the visit, the friend's route, the
// route's tags and attributes, and a route_added dispatch, in one transaction. A refused callback records nothing.
import 'server-only';
import type { Db } from '@/db/client';
import { enqueueDispatches } from '@/db/queries/dispatches';
import { addFriendTags, findFriendByLineUserId, insertFriendIfAbsent, updateFriend } from '@/db/queries/friends';
import { attributeFriend, findInflowRoute, findInflowRouteByCode, insertInflowVisit } from '@/db/queries/inflow-routes';
import type { InflowRouteRow } from '@/db/schema';
import type { LineClient } from '../line/client';
import { syncRichMenusQuietly } from '../rich-menus/after-actions';
import { authorizeUrl, lineUserIdFromCode, LoginRefused, newLoginSecrets, verifyIdToken, type LineLoginConfig } from './line-login';
import { openLoginSession, sealLoginSession, type LoginSession } from './login-session';
import { classifyVisit, ROUTE_CODE, type VisitOutcome } from './route-config';

export interface InflowDeps {
  db: Db;
  now: () => Date;
  secret: string;
  appBaseUrl: string;
  lineLogin: LineLoginConfig;
  /** Links the rich menu the rules pick after the route's tags and attributes are set (absent: nothing linked). */
  line?: LineClient;
}

export const callbackUrl = (appBaseUrl: string): string => new URL('/in/callback', appBaseUrl).toString();

/** The LINE Login URL and the sealed session for the cookie; null for an unknown code (404). */
export async function startVisit(deps: InflowDeps, code: string): Promise<{ location: string; session: string } | null> {
  if (!ROUTE_CODE.test(code)) return null;
  const route = await findInflowRouteByCode(deps.db, code);
  if (!route) return null;
  const secrets = newLoginSecrets();
  const session = sealLoginSession(deps.secret, { routeId: route.id, ...secrets, startedAt: deps.now().getTime() });
  return { location: await authorizeUrl(deps.lineLogin, callbackUrl(deps.appBaseUrl), secrets), session };
}

export type CallbackResult =
  | { ok: true; outcome: VisitOutcome; route: InflowRouteRow }
  | { ok: false; reason: 'no_session' | 'state_mismatch' | 'login_cancelled' | 'id_token' | 'replayed' | 'route_gone' };

/** The callback's query and cookie; every check passes before anything is written. */
export async function completeVisit(deps: InflowDeps, args: { cookie: string | null; query: URLSearchParams }): Promise<CallbackResult> {
  const session = openLoginSession(deps.secret, args.cookie, deps.now());
  if (!session) return { ok: false, reason: 'no_session' };
  if (args.query.get('state') !== session.state) return { ok: false, reason: 'state_mismatch' };
  const code = args.query.get('code');
  if (!code) return { ok: false, reason: 'login_cancelled' };
  let lineUserId: string;
  try {
    lineUserId = await lineUserIdFromCode(deps.lineLogin, {
      code,
      redirectUri: callbackUrl(deps.appBaseUrl),
      verifier: session.verifier,
      nonce: session.nonce,
    });
  } catch (err) {
    if (err instanceof LoginRefused) return { ok: false, reason: 'id_token' };
    throw err;
  }
  return recordVisit(deps, session, lineUserId, args.query.get('friendship_status_changed') === 'true');
}

/** An ID token obtained some other way (the integration test tampers with one): verified, then recorded. */
export async function completeWithIdToken(
  deps: InflowDeps,
  session: LoginSession,
  discovery: Parameters<typeof verifyIdToken>[1],
  idToken: string,
  friendshipChanged: boolean,
): Promise<CallbackResult> {
  try {
    const sub = await verifyIdToken(deps.lineLogin, discovery, idToken, session.nonce);
    return await recordVisit(deps, session, sub, friendshipChanged);
  } catch (err) {
    if (err instanceof LoginRefused) return { ok: false, reason: 'id_token' };
    throw err;
  }
}

async function recordVisit(
  deps: InflowDeps,
  session: LoginSession,
  lineUserId: string,
  friendshipChanged: boolean,
): Promise<CallbackResult> {
  const at = deps.now();
  const touched: string[] = [];
  const result = await deps.db.transaction(async (tx): Promise<CallbackResult> => {
    const route = await findInflowRoute(tx, session.routeId);
    if (!route) return { ok: false, reason: 'route_gone' };
    let friend = await findFriendByLineUserId(tx, lineUserId);
    const outcome = classifyVisit(friendshipChanged, friend, new Date(session.startedAt));
    if (outcome === 'added' || outcome === 'refollow') {
      // LINE said the friendship changed: the friend exists (and is not blocked) from now, whichever of this callback
      // and the follow webhook is handled first; the webhook finds the row and starts the friend_added triggers.
      friend ??= (await insertFriendIfAbsent(tx, { lineUserId, friendAddedAt: at })) ?? (await findFriendByLineUserId(tx, lineUserId));
      if (friend?.blockedAt) friend = await updateFriend(tx, friend.id, { blockedAt: null });
    }
    const friendId = outcome === 'not_friend' ? null : (friend?.id ?? null);
    if (!(await insertInflowVisit(tx, { routeId: route.id, friendId, outcome, nonce: session.nonce, at }))) {
      return { ok: false, reason: 'replayed' };
    }
    if (friendId && friend) {
      await attributeFriend(tx, friendId, route.id, route.reattribute, at);
      await addFriendTags(tx, friendId, route.tags, at);
      if (Object.keys(route.attributes).length > 0) {
        await updateFriend(tx, friendId, { attributes: { ...friend.attributes, ...route.attributes } });
      }
      touched.push(friendId);
      if (outcome === 'added' || outcome === 'refollow') {
        await enqueueDispatches(tx, [{ kind: 'route_added', friendId, routeId: route.id, at: at.toISOString() }]);
      }
    }
    return { ok: true, outcome, route };
  });
  // After the commit: the route's tags and attributes may change which rich menu the rules pick.
  if (result.ok) await syncRichMenusQuietly(deps, touched);
  return result;
}
