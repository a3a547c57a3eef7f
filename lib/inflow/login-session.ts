// The short-lived cookie that binds one LINE Login round trip to the browser that started it: the route, state,
// nonce and PKCE verifier, HMAC-signed with KIZUNA_SECRET (its own purpose) and valid for 10 minutes.
import { z } from 'zod';
import { signToken, verifyToken } from '../links/signed-token';

export const LOGIN_COOKIE = 'kizuna_inflow';
export const LOGIN_COOKIE_SECONDS = 600;

const SessionSchema = z.object({
  routeId: z.uuid(),
  state: z.string().min(16),
  nonce: z.string().min(16),
  verifier: z.string().min(43),
  /** When the visit started (ms): a friend added after it came through this visit. */
  startedAt: z.number().int(),
  exp: z.number().int(),
});
export type LoginSession = z.infer<typeof SessionSchema>;

export function sealLoginSession(secret: string, s: Omit<LoginSession, 'exp'>): string {
  return signToken(secret, 'inflow-login', { ...s, exp: s.startedAt + LOGIN_COOKIE_SECONDS * 1000 });
}

/** The session when the cookie is ours and fresh; null for anything else. */
export function openLoginSession(secret: string, token: string | null | undefined, now: Date): LoginSession | null {
  if (!token) return null;
  const s = verifyToken(secret, 'inflow-login', token, SessionSchema);
  return s && s.exp > now.getTime() ? s : null;
}

export function loginCookie(value: string, secure: boolean, maxAge = LOGIN_COOKIE_SECONDS): string {
  // Lax: LINE sends the browser back with a top-level GET, which carries a Lax cookie; cross-site posts do not.
  return `${LOGIN_COOKIE}=${value}; Path=/in; Max-Age=${maxAge}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}

export function readCookie(header: string | null, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}
