// Shop-signed link assertions: the shop's login page says "member M signed in, for link session N, until T" with an HMAC.
// Format: base64url(JSON {memberId, nonce, exp}) "." base64url(HMAC-SHA256(KIZUNA_SHOP_LINK_SECRET, first part)).
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { MemberIdSchema } from '../friends/friend-input';

/** An assertion may live at most this long: it is made right after the member signs in and used at once. */
export const SHOP_ASSERTION_MAX_TTL_MS = 10 * 60 * 1000;
const B64URL = /^[A-Za-z0-9_-]+$/;

export const ShopAssertionSchema = z
  .object({
    memberId: MemberIdSchema,
    /** The `state` Kizuna sent to the shop's login page, copied exactly. */
    nonce: z.string().min(1).max(1000),
    /** Expiry in seconds since the epoch (like a JWT's `exp`). */
    exp: z.number().int(),
  })
  .strict();
export type ShopAssertion = z.infer<typeof ShopAssertionSchema>;

export type ShopAssertionCheck =
  { ok: true; memberId: string; nonce: string } | { ok: false; reason: 'malformed' | 'signature' | 'expired' | 'too_long' };

function mac(secret: string, body: string): string {
  return createHmac('sha256', secret).update(body).digest('base64url');
}

/** What the shop's code does (docs/line-edge.md shows the same in a few lines of Node); tests use it too. */
export function signShopAssertion(a: ShopAssertion, secret: string): string {
  const body = Buffer.from(JSON.stringify(a), 'utf8').toString('base64url');
  return `${body}.${mac(secret, body)}`;
}

/** Checks signature (in constant time), shape and expiry. Whether the nonce was used before is the caller's to ask. */
export function verifyShopAssertion(token: string, opts: { secret: string; now: Date }): ShopAssertionCheck {
  const parts = token.split('.');
  if (parts.length !== 2) return { ok: false, reason: 'malformed' };
  const [body, sig] = parts as [string, string];
  if (!B64URL.test(body) || !B64URL.test(sig)) return { ok: false, reason: 'malformed' };
  // Compared as text: a decoder ignores a last character's spare bits, and only one spelling is the shop's.
  const given = Buffer.from(sig, 'utf8');
  const expected = Buffer.from(mac(opts.secret, body), 'utf8');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'signature' };
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const parsed = ShopAssertionSchema.safeParse(json);
  if (!parsed.success) return { ok: false, reason: 'malformed' };
  const { memberId, nonce, exp } = parsed.data;
  const now = opts.now.getTime();
  if (exp * 1000 <= now) return { ok: false, reason: 'expired' };
  // A long-lived assertion would be a reusable credential if it leaked (browser history, logs): refuse it outright.
  if (exp * 1000 > now + SHOP_ASSERTION_MAX_TTL_MS) return { ok: false, reason: 'too_long' };
  return { ok: true, memberId, nonce };
}
