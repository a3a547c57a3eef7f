// Why a link attempt was refused, as /link/complete redirects with `?error=` and the form's action answers: the words.
import type { MessageKey } from '@/lib/i18n/dictionary';
import type { ShopLinkFailure } from '@/lib/links/shop-link';

const KEYS: Record<ShopLinkFailure, MessageKey> = {
  invalid: 'link.error.invalid',
  expired: 'link.error.expired',
  replayed: 'link.error.replayed',
  conflict: 'link.error.conflict',
};

const isFailure = (v: unknown): v is ShopLinkFailure => typeof v === 'string' && Object.hasOwn(KEYS, v);

/** The words for `/link?error=…`; null for anything else (a made-up value shows nothing). */
export function linkErrorKey(v: unknown): MessageKey | null {
  return isFailure(v) ? KEYS[v] : null;
}

/** The words for an action's error code; null for one the page shows as it came. */
export function actionErrorKey(code: string): MessageKey | null {
  if (code === 'conflict:member_id') return KEYS.conflict;
  if (code === 'invalid:state') return KEYS.expired;
  if (code === 'not_found') return 'link.missing';
  return null;
}
