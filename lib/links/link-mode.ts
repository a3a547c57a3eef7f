// How /link proves the member: the shop's login (a signed assertion), the dev-only typed member id, or not at all.
import { isProduction, shopLinkConfig, type Env } from '../env';

export type ShopLinkConfig = { url: string; secret: string };

export type LinkMode =
  /** KIZUNA_SHOP_LINK_URL and _SECRET set: /link sends the member to the shop's login, which signs who signed in. */
  | { kind: 'shop'; shop: ShopLinkConfig }
  /** Development without a shop: a typed member id is believed (anyone could type anyone's). */
  | { kind: 'typed' }
  /** Production without a shop: nothing can prove a member, so /link does not exist (404). */
  | { kind: 'off' };

export function linkMode(e: Pick<Env, 'KIZUNA_ENV' | 'NODE_ENV' | 'KIZUNA_SHOP_LINK_URL' | 'KIZUNA_SHOP_LINK_SECRET'>): LinkMode {
  const shop = shopLinkConfig(e);
  if (shop) return { kind: 'shop', shop };
  return isProduction(e) ? { kind: 'off' } : { kind: 'typed' };
}
