// Who may call a route handler or server action: every one declares a Policy through the wrappers in guard.ts, which
// attach it to the exported function; test/access-policy.int.test.ts walks app/ and fails on any export without one.
import type { ApiScope, Permission } from './roles';

/** Why a public entry point needs no operator: it proves the caller another way. */
export type PublicReason =
  /** LINE's `x-line-signature` over the body (the webhook). */
  | 'line_signature'
  /** A tracked link's HMAC-signed token (/r/{token}). */
  | 'signed_link'
  /** A friend's signed, expiring form link (/f/{token}, and the submit action it renders). */
  | 'signed_form_link'
  /** The customer's account-link token from LINE (the phone-sized /link flow). */
  | 'account_link_token'
  /** An inflow route's LINE Login round trip (/in/*): state bound to a signed cookie, LINE's signed ID token. */
  | 'line_login'
  /** Signing in, first-run owner setup and better-auth's own endpoints (they check credentials themselves). */
  | 'sign_in'
  /** Liveness for load balancers: no data. */
  | 'health'
  /** Uploaded message images, which LINE's servers fetch without credentials: the random id in the path is the key. */
  | 'public_media';

export type Policy =
  | { kind: 'public'; reason: PublicReason }
  | { kind: 'api_key'; scope: ApiScope }
  | { kind: 'session'; permission: Permission }
  /** Any signed-in operator, acting on their own account (password, TOTP, sign-out). */
  | { kind: 'self' };

export const POLICY = Symbol.for('kizuna.policy');

export function policyOf(fn: unknown): Policy | undefined {
  return typeof fn === 'function' ? (fn as { [POLICY]?: Policy })[POLICY] : undefined;
}

export function withPolicy<F extends (...args: never[]) => unknown>(policy: Policy, fn: F): F {
  Object.defineProperty(fn, POLICY, { value: policy, enumerable: false });
  return fn;
}

/** The paths anyone may open without a session (the proxy lets them through; each still checks its own proof). */
export const PUBLIC_PATH_PREFIXES = [
  '/api/line/webhook',
  '/r/',
  '/f/',
  '/in/',
  '/link',
  '/api/line/account-link',
  '/api/events',
  '/api/friends',
  '/api/link/',
  '/api/auth/',
  '/api/health',
  '/media/',
  '/sign-in',
  '/setup',
] as const;

export function isPublicPath(pathname: string): boolean {
  return PUBLIC_PATH_PREFIXES.some((p) => (p.endsWith('/') ? pathname.startsWith(p) : pathname === p || pathname.startsWith(`${p}/`)));
}
