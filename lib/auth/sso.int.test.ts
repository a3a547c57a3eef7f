// Single sign-on against a real OpenID provider, driven over HTTP through better-auth's own handler: an operator an
// owner created signs in with their provider account and keeps their role; an account no operator has is refused.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, operatorAccounts, operators, operatorSessions } from '@/db/schema';
import { createTestDatabase, type TestDatabase } from '@/test/db';
import { CookieJar, signInAtProvider, startOidcProvider, type OidcProvider } from '@/test/oidc-provider';
import { createAuth, type Auth } from './auth';
import { createOperator } from './manage-operators';
import { operatorFromHeaders } from './operator';

const APP = 'http://kizuna.test';
const IP = '203.0.113.20';
const EDITOR = { sub: 'hanako', email: 'hanako@example.co.jp', name: 'Hanako Sato' };
const STRANGER = { sub: 'stranger', email: 'stranger@example.co.jp', name: 'Not An Operator' };

let tdb: TestDatabase;
let idp: OidcProvider;
let auth: Auth;

beforeAll(async () => {
  [tdb, idp] = await Promise.all([
    createTestDatabase(),
    startOidcProvider({ accounts: [EDITOR, STRANGER], redirectUris: [`${APP}/api/auth/callback/oidc`] }),
  ]);
  auth = createAuth(tdb.db, {
    appBaseUrl: APP,
    secret: 'sso-test-secret-0123456789',
    oidc: { issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret },
  });
});
afterAll(async () => {
  await idp?.close();
  await tdb?.drop();
});

/** Starts SSO as the sign-in page does, signs in at the provider as `login`, and hands the callback to Kizuna. */
async function ssoSignIn(login: string): Promise<{ callback: Response; jar: CookieJar }> {
  const jar = new CookieJar();
  const start = await auth.handler(
    new Request(`${APP}/api/auth/sign-in/social`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: APP, 'x-forwarded-for': IP },
      body: JSON.stringify({ provider: 'oidc', callbackURL: '/scenarios', errorCallbackURL: '/sign-in?error=sso' }),
    }),
  );
  expect(start.status).toBe(200);
  jar.store(start);
  const { url } = (await start.json()) as { url: string };
  expect(url.startsWith(`${idp.issuer}/auth?`)).toBe(true);
  const authorization = new URL(url).searchParams;
  expect(authorization.get('code_challenge_method')).toBe('S256');
  expect(authorization.get('redirect_uri')).toBe(`${APP}/api/auth/callback/oidc`);

  const back = await signInAtProvider(url, login);
  expect(back.startsWith(`${APP}/api/auth/callback/oidc?`)).toBe(true);
  const callback = await auth.handler(new Request(back, { headers: { cookie: jar.header(), 'x-forwarded-for': IP } }));
  jar.store(callback);
  return { callback, jar };
}

describe('single sign-on (OIDC)', () => {
  it('signs in an operator an owner created, with their role, and audits it as an SSO sign-in', async () => {
    const op = await createOperator(auth, tdb.db, { email: EDITOR.email, role: 'editor' });
    const { callback, jar } = await ssoSignIn(EDITOR.sub);
    expect(callback.status).toBe(302);
    expect(callback.headers.get('location')).toBe('/scenarios');
    expect(jar.get('kizuna.session_token')).toBeTruthy();

    const me = await operatorFromHeaders(auth, tdb.db, new Headers({ cookie: jar.header() }));
    expect(me).toMatchObject({ id: op.id, email: EDITOR.email, role: 'editor' });
    const audit = await tdb.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'sign_in'), eq(auditLog.actorId, op.id)));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorEmail: EDITOR.email, detail: { method: 'sso' } });
    // Linked to the provider's subject, so the next SSO sign-in finds the operator by account, not by email.
    const linked = await tdb.db.select().from(operatorAccounts).where(eq(operatorAccounts.userId, op.id));
    expect(linked.map((a) => [a.providerId, a.accountId])).toEqual([['oidc', EDITOR.sub]]);
  });

  it('refuses a provider account whose email no operator has: no session, no operator created', async () => {
    const { callback, jar } = await ssoSignIn(STRANGER.sub);
    expect(callback.status).toBe(302);
    // The sign-in page's error callback; better-auth appends its own reason as a second `error` parameter.
    const back = new URL(callback.headers.get('location') ?? '', APP);
    expect(back.pathname).toBe('/sign-in');
    expect(back.searchParams.getAll('error')).toEqual(['sso', 'signup_disabled']);
    expect(jar.get('kizuna.session_token')).toBeUndefined();
    expect(await tdb.db.select().from(operators).where(eq(operators.email, STRANGER.email))).toEqual([]);
    const sessions = await tdb.db
      .select({ id: operatorSessions.id })
      .from(operatorSessions)
      .innerJoin(operators, eq(operators.id, operatorSessions.userId))
      .where(eq(operators.email, STRANGER.email));
    expect(sessions).toEqual([]);
    expect(
      await tdb.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'sign_in'), eq(auditLog.actorEmail, STRANGER.email))),
    ).toEqual([]);
  });
});
