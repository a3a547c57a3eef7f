// The one guard, checked inside every route handler, server action and page (the proxy's redirect is only a
// convenience: pages and actions can be reached without it). Each wrapper attaches its Policy to what it returns.
import 'server-only';
import { cookies, headers } from 'next/headers';
import { forbidden, redirect } from 'next/navigation';
import type { ApiKeyRow } from '@/db/queries/api-keys';
import { requireApiKey } from '../api-auth';
import { appDeps } from '../app-deps';
import { AppError, toResponse } from '../errors';
import { assertSameOriginJson } from '../http/same-origin';
import { clientIp } from './client-ip';
import { needsTotpEnrolment, operatorFromHeaders, type Operator } from './operator';
import { withPolicy, type PublicReason } from './policy';
import { can, type ApiScope, type Permission } from './roles';

/**
 * The request's headers with the cookies as they are now. After a server action sets or deletes a cookie (sign-in,
 * password change), Next re-renders with the new `cookies()` but the old `headers()`; reading the session from the
 * stale header would bounce a freshly signed-in operator to /sign-in.
 */
async function requestHeaders(): Promise<Headers> {
  const h = new Headers(await headers());
  h.set('cookie', (await cookies()).toString());
  return h;
}

/** A signed-in operator and where the request came from (for the audit log). */
export interface Caller {
  operator: Operator;
  ip: string | null;
}

/** Resolves the caller from request headers, or throws 401 (no session) / 403 (role lacks the permission). */
export async function authorize(h: Headers, permission: Permission | 'self'): Promise<Caller> {
  const deps = appDeps();
  const operator = await operatorFromHeaders(deps.auth, deps.db, h);
  if (!operator) throw new AppError('unauthorized:session', 'sign in first');
  if (permission !== 'self') {
    if (needsTotpEnrolment(operator)) throw new AppError('forbidden:totp_required', 'set up two-factor authentication first (アカウント)');
    if (!can(operator, permission)) throw new AppError('forbidden:role', `your role (${operator.role}) may not do this`);
  }
  return { operator, ip: clientIp(h) };
}

/** A server action that needs `permission`; the caller is resolved before the action's own code runs. */
export function guardedAction<A extends unknown[], R>(
  permission: Permission,
  fn: (caller: Caller, ...args: A) => Promise<R>,
): (...args: A) => Promise<R> {
  return withPolicy({ kind: 'session', permission }, async (...args: A) =>
    fn(await authorize(await requestHeaders(), permission), ...args),
  );
}

/** A server action any signed-in operator may call on their own account. */
export function selfAction<A extends unknown[], R>(fn: (caller: Caller, ...args: A) => Promise<R>): (...args: A) => Promise<R> {
  return withPolicy({ kind: 'self' }, async (...args: A) => fn(await authorize(await requestHeaders(), 'self'), ...args));
}

/** A server action open to anyone (sign-in, first-run setup, the customer's account-link form). */
export function publicAction<A extends unknown[], R>(reason: PublicReason, fn: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  return withPolicy({ kind: 'public', reason }, fn);
}

type Handler<C> = (req: Request, ctx: C) => Promise<Response>;

/**
 * A route handler for signed-in operators with `permission`; errors become JSON error responses. A state-changing
 * request must be same-origin JSON (403 `forbidden:cross_site`, 415 otherwise), checked before the session is read:
 * the cookie rides along on a cross-site post, so it proves nothing there.
 */
export function sessionRoute<C>(permission: Permission, fn: (req: Request, ctx: C, caller: Caller) => Promise<Response>): Handler<C> {
  return withPolicy({ kind: 'session', permission }, async (req: Request, ctx: C) => {
    try {
      assertSameOriginJson(req, appDeps().appBaseUrl);
      return await fn(req, ctx, await authorize(req.headers, permission));
    } catch (err) {
      return toResponse(err);
    }
  });
}

/** A route handler for API-key callers whose key holds `scope` (no origin check: a bearer key never rides along). */
export function apiKeyRoute<C>(scope: ApiScope, fn: (req: Request, ctx: C, key: ApiKeyRow) => Promise<Response>): Handler<C> {
  return withPolicy({ kind: 'api_key', scope }, async (req: Request, ctx: C) => {
    try {
      return await fn(req, ctx, await requireApiKey(appDeps().db, req, scope));
    } catch (err) {
      return toResponse(err);
    }
  });
}

/** A public route handler: it proves the caller itself (signature, signed token) or serves no data. */
export function publicRoute<C>(reason: PublicReason, fn: Handler<C>): Handler<C> {
  return withPolicy({ kind: 'public', reason }, fn);
}

/**
 * For pages: the signed-in operator with `permission`, else a redirect to sign-in (no session), to the account page
 * (TOTP enrolment required) or Next's 403 page (role lacks it).
 */
export async function requirePage(permission: Permission | 'self', from = '/'): Promise<Caller> {
  const h = await requestHeaders();
  const deps = appDeps();
  const operator = await operatorFromHeaders(deps.auth, deps.db, h);
  if (!operator) redirect(`/sign-in?next=${encodeURIComponent(from)}`);
  if (permission !== 'self') {
    if (needsTotpEnrolment(operator)) redirect('/account?totp=required');
    if (!can(operator, permission)) forbidden();
  }
  return { operator, ip: clientIp(h) };
}

/** The signed-in operator if any (the admin shell shows who is signed in); never redirects. */
export async function currentOperator(): Promise<Operator | null> {
  const deps = appDeps();
  return operatorFromHeaders(deps.auth, deps.db, await requestHeaders());
}
