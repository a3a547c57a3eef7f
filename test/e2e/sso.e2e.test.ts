// Browser: single sign-on end to end against a real OpenID provider. An operator an owner created clicks the SSO
// button, signs in and consents at the provider, and lands in Kizuna signed in; a provider account with no operator
// comes back to the sign-in page with the SSO error and no session.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOperator } from '../../lib/auth/manage-operators';
import { artefactPath, startTestApp, type TestApp } from '../app';
import { launchBrowser } from '../browser';
import { createTestDatabase, type TestDatabase } from '../db';
import { startOidcProvider, type OidcProvider } from '../oidc-provider';
import { testAuth } from '../operators';

const EDITOR = { sub: 'hanako', email: 'hanako@example.co.jp', name: 'Hanako Sato' };
const STRANGER = { sub: 'stranger', email: 'stranger@example.co.jp', name: 'Not An Operator' };

let tdb: TestDatabase;
let idp: OidcProvider;
let app: TestApp;
let browser: Browser;

beforeAll(async () => {
  // The provider comes first because the app reads its issuer at start; the app's port is not known yet, so the
  // client accepts the callback on any 127.0.0.1 port (RFC 8252 loopback redirect).
  [tdb, idp] = await Promise.all([
    createTestDatabase(),
    startOidcProvider({ accounts: [EDITOR, STRANGER], redirectUris: ['http://127.0.0.1/api/auth/callback/oidc'], anyLoopbackPort: true }),
  ]);
  await createOperator(testAuth(tdb.db), tdb.db, { email: EDITOR.email, role: 'editor' });
  [app, browser] = await Promise.all([
    startTestApp({
      databaseUrl: tdb.url,
      env: {
        NEXT_DIST_DIR: '.next-test-sso',
        KIZUNA_OIDC_ISSUER: idp.issuer,
        KIZUNA_OIDC_CLIENT_ID: idp.clientId,
        KIZUNA_OIDC_CLIENT_SECRET: idp.clientSecret,
      },
    }),
    launchBrowser(),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await idp?.close();
  await tdb?.drop();
});

/** A page that reaches only the app and the provider (the provider's page imports a web font we do not need). */
async function localPage(): Promise<Page> {
  const context = await browser.newContext();
  await context.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.abort());
  return context.newPage();
}

/** From a signed-out /scenarios to the provider, through its login and consent pages, back to Kizuna. */
async function signInWithSso(page: Page, login: string): Promise<void> {
  await page.goto(`${app.url}/scenarios`);
  await page.waitForURL(/\/sign-in\?/);
  await page.getByRole('button', { name: 'シングルサインオン (SSO) でサインイン' }).click();
  await page.waitForURL((u) => u.href.startsWith(`${idp.issuer}/interaction/`));
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('any password');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL((u) => u.href.startsWith(app.url) && !u.pathname.startsWith('/api/auth/'), { timeout: 60_000 });
}

describe('single sign-on', () => {
  it('signs an operator in through the OpenID provider and lands on the page they asked for', async () => {
    const page = await localPage();
    await signInWithSso(page, EDITOR.sub);
    await page.waitForURL(`${app.url}/scenarios`);
    await expect.poll(() => page.getByTestId('operator-box').textContent(), { timeout: 60_000 }).toContain(EDITOR.email);
    await page.screenshot({ path: artefactPath('sso-signed-in.png'), fullPage: true });
    await page.context().close();
  });

  it('sends a provider account that no operator has back to sign-in with the SSO error, signed out', async () => {
    const page = await localPage();
    await signInWithSso(page, STRANGER.sub);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await expect.poll(() => page.getByText('SSO でサインインできませんでした').count(), { timeout: 30_000 }).toBe(1);
    expect((await page.context().cookies(app.url)).map((c) => c.name)).not.toContain('kizuna.session_token');
    await page.context().close();
  });
});
