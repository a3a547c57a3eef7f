// Operators for tests: created through the product's own createOperator (better-auth hashes the password), then
// signed in for real, either in-process (auth.api) or over HTTP against a running app, giving a session cookie.
import { createAuth, type Auth } from '../lib/auth/auth';
import { createOperator, type OperatorRow } from '../lib/auth/manage-operators';
import type { Role } from '../lib/auth/roles';
import type { DbOrTx } from '../db/client';

export const TEST_PASSWORD = 'correct-horse-battery-staple';

export interface TestOperator {
  row: OperatorRow;
  email: string;
  password: string;
  /** `kizuna.session_token=…` for a Cookie header. */
  cookie: string;
}

/** A better-auth instance over a test database, built as the app builds it (no Next cookie plugin). */
export function testAuth(db: DbOrTx, opts: { appBaseUrl?: string; secret?: string } = {}): Auth {
  return createAuth(db, {
    appBaseUrl: opts.appBaseUrl ?? 'http://kizuna.test',
    secret: opts.secret ?? 'test-kizuna-secret-0123456789',
    oidc: null,
  });
}

function sessionCookieOf(setCookie: string | null): string {
  const m = /(?:__Secure-)?kizuna\.session_token=[^;]+/.exec(setCookie ?? '');
  if (!m) throw new Error(`no session cookie in ${setCookie ?? '(none)'}`);
  return m[0];
}

/** Creates an operator with `role` and signs them in in-process; the cookie works with the same database and secret. */
export async function signedInOperator(
  auth: Auth,
  db: DbOrTx,
  role: Role,
  email = `${role}-${Math.random().toString(36).slice(2, 8)}@kizuna.test`,
): Promise<TestOperator> {
  const row = await createOperator(auth, db, { email, role, password: TEST_PASSWORD });
  const res = await auth.api.signInEmail({ body: { email, password: TEST_PASSWORD }, asResponse: true });
  if (!res.ok) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  return { row, email, password: TEST_PASSWORD, cookie: sessionCookieOf(res.headers.get('set-cookie')) };
}

/** Signs in over HTTP against a running app (its /api/auth endpoint); answers the session cookie. */
export async function signInOverHttp(appUrl: string, email: string, password = TEST_PASSWORD): Promise<string> {
  const res = await fetch(`${appUrl}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: appUrl },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`sign-in over HTTP failed: ${res.status} ${await res.text()}`);
  return sessionCookieOf(res.headers.get('set-cookie'));
}

/** The cookie as playwright's context.addCookies wants it. */
export function browserCookie(appUrl: string, cookie: string) {
  const [name = '', ...rest] = cookie.split('=');
  return { name, value: rest.join('='), url: appUrl };
}
