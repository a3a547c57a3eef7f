// Account linking through the shop's login: /link sends the member to the shop with `return_to` and a signed `state`;
// the shop answers /link/complete with an assertion it signed (shop-assertion.ts) whose nonce is that state.
import 'server-only';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { EdgeDeps } from '../friends/deps';
import { readAccountLinkState, startLinkDialog } from '../line/account-link';
import type { ShopLinkConfig } from './link-mode';
import { verifyShopAssertion } from './shop-assertion';
import { signToken, verifyToken } from './signed-token';

/** Where the shop sends the member back. */
export const SHOP_LINK_RETURN_PATH = '/link/complete';

/** Our state at the shop: friend, LINE's link token, the nonce LINE's dialog will carry, expiry (seconds). */
const ShopStateSchema = z.object({ f: z.uuid(), t: z.string().min(1).max(200), n: z.string().min(16).max(64), e: z.number().int() });

/** The shop's login URL for this link session (the /link page's `linkToken` and `state`), or `invalid:state`. */
export function shopLoginUrl(
  deps: Pick<EdgeDeps, 'secret' | 'now' | 'appBaseUrl'>,
  shop: ShopLinkConfig,
  page: { linkToken: string; state: string },
): string {
  const { friendId, expires } = readAccountLinkState(deps, page.state);
  // The nonce LINE's dialog will carry is chosen now, so the shop's assertion names exactly this session.
  const state = signToken(deps.secret, 'shop-link', {
    f: friendId,
    t: page.linkToken,
    n: randomBytes(18).toString('base64url'),
    e: expires,
  });
  const u = new URL(shop.url);
  u.searchParams.set('return_to', new URL(SHOP_LINK_RETURN_PATH, deps.appBaseUrl).toString());
  u.searchParams.set('state', state);
  return u.toString();
}

/** Why a shop assertion did not link, as the customer is told (app/link shows each in Japanese and English). */
export type ShopLinkFailure = 'invalid' | 'expired' | 'replayed' | 'conflict';

/**
 * The shop's answer: verify its assertion (signature, expiry), then our state inside it (signature, expiry), spend the
 * nonce and answer LINE's dialog URL, exactly as the dev form does. Never throws for a bad or replayed assertion.
 */
export async function completeShopLink(
  deps: Pick<EdgeDeps, 'db' | 'secret' | 'now' | 'accountLinkDialogUrl'>,
  shop: ShopLinkConfig,
  assertion: string,
): Promise<{ ok: true; dialog: string } | { ok: false; reason: ShopLinkFailure }> {
  const check = verifyShopAssertion(assertion, { secret: shop.secret, now: deps.now() });
  if (!check.ok) return { ok: false, reason: check.reason === 'expired' ? 'expired' : 'invalid' };
  const s = verifyToken(deps.secret, 'shop-link', check.nonce, ShopStateSchema);
  if (!s) return { ok: false, reason: 'invalid' };
  if (s.e * 1000 <= deps.now().getTime()) return { ok: false, reason: 'expired' };
  const started = await startLinkDialog(deps, { friendId: s.f, linkToken: s.t, memberId: check.memberId, nonce: s.n });
  return started.ok ? started : { ok: false, reason: started.reason };
}
