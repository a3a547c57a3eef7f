// Browser, one full stack: every response carries the Content-Security-Policy and the other security headers (and no
// X-Powered-By), Next's scripts carry the request's nonce, and an operator can sign in (password and SSO) and use the
// scenario list, editor, preview, analytics, friends page, sandbox phone, account-link page and the other admin pages
// with chromium reporting no CSP violation at all.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { friends } from '../../db/schema';
import { repoRoot } from '../../devstack/paths';
import { createOperator } from '../../lib/auth/manage-operators';
import { artefactPath } from '../app';
import { launchBrowser } from '../browser';
import { startFullStack, type FullStack, type SignedIn } from '../full-stack';
import { startOidcProvider, type OidcProvider } from '../oidc-provider';
import { testAuth } from '../operators';

const SSO_USER = { sub: 'csp-editor', email: 'csp-editor@example.co.jp', name: 'CSP Editor' };
const IMAGE = 'https://images.example.com/welcome-preview.jpg';

let idp: OidcProvider;
let stack: FullStack;
let browser: Browser;
let owner: SignedIn;
let scenarioId = '';

/** One CSP complaint chromium made: a console message or a securitypolicyviolation event, and the page it was on. */
interface Violation {
  via: 'console' | 'event';
  url: string;
  text: string;
}

async function api(method: string, url: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${stack.app.url}${url}`, {
    method,
    // The Origin a browser would send: state-changing routes check that the call is same-origin.
    headers: { cookie: owner.cookie, origin: stack.app.url, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json: unknown = await res.json();
  if (!res.ok) throw new Error(`${method} ${url} → ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/** Just enough of a graph to add a message to a node; the rest passes through untouched. */
const WelcomeGraph = z.looseObject({
  nodes: z.array(z.looseObject({ id: z.string(), data: z.looseObject({ messages: z.array(z.unknown()).optional() }) })),
});

/** The welcome example with an image from an outside https host in its first message, published. */
async function publishedWelcome(): Promise<string> {
  const graph = WelcomeGraph.parse(JSON.parse(readFileSync(path.join(repoRoot, 'examples', 'welcome-steps.json'), 'utf8')));
  graph.nodes.find((n) => n.id === 'welcome')?.data.messages?.push({ type: 'image', originalContentUrl: IMAGE, previewImageUrl: IMAGE });
  const created = (await api('POST', '/api/scenarios', { name: 'CSP ようこそ' })) as { id: string; draftRevision: number };
  await api('PUT', `/api/scenarios/${created.id}/draft`, { graph, expectedRevision: created.draftRevision });
  await api('POST', `/api/scenarios/${created.id}/publish`);
  return created.id;
}

beforeAll(async () => {
  idp = await startOidcProvider({
    accounts: [SSO_USER],
    redirectUris: ['http://127.0.0.1/api/auth/callback/oidc'],
    anyLoopbackPort: true,
  });
  // startFullStack takes no extra env, but startTestApp hands this process's env to `next dev`: set SSO for its start.
  const sso = { KIZUNA_OIDC_ISSUER: idp.issuer, KIZUNA_OIDC_CLIENT_ID: idp.clientId, KIZUNA_OIDC_CLIENT_SECRET: idp.clientSecret };
  const before = Object.fromEntries(Object.keys(sso).map((k) => [k, process.env[k]]));
  Object.assign(process.env, sso);
  try {
    [stack, browser] = await Promise.all([startFullStack({ distDir: '.next-test-csp' }), launchBrowser()]);
  } finally {
    for (const [k, v] of Object.entries(before)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
  owner = await stack.signIn(null, 'owner');
  await createOperator(testAuth(stack.tdb.db), stack.tdb.db, { email: SSO_USER.email, role: 'editor' });
  scenarioId = await publishedWelcome();
  // The dev server compiles each page on first request: do it here, under the hook's longer timeout.
  for (const p of ['/scenarios', `/scenarios/${scenarioId}`, `/scenarios/${scenarioId}/analytics`, '/friends', '/sandbox', '/link']) {
    await fetch(`${stack.app.url}${p}`, { headers: { cookie: owner.cookie } });
  }
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  await idp?.close();
});

/**
 * A browser context that records every CSP complaint on any of its pages (popups included) and reaches only
 * 127.0.0.1: outside hosts (the preview's image, the provider's web font) are refused at the network, after the CSP
 * has had its say.
 */
async function watchedContext(): Promise<{ context: BrowserContext; violations: Violation[]; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const violations: Violation[] = [];
  const errors: string[] = [];
  await context.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.abort());
  const record = (v: Violation) => {
    // Printed as it happens too: a page the CSP breaks fails its own checks first, and this says why.
    console.log('CSP VIOLATION', v);
    violations.push(v);
  };
  await context.exposeBinding('__kizunaCspViolation', ({ frame }, text: string) => record({ via: 'event', url: frame.url(), text }));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { __kizunaCspViolation(text: string): void }).__kizunaCspViolation;
      report(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber} ${e.sample}`);
    });
  });
  context.on('console', (m) => {
    if (m.text().includes('Content Security Policy')) record({ via: 'console', url: m.page()?.url() ?? m.location().url, text: m.text() });
  });
  context.on('page', (p) => p.on('pageerror', (e) => errors.push(`${p.url()}: ${e.message}`)));
  return { context, violations, errors };
}

/** No complaint so far on Kizuna's own pages (the OIDC provider's and the LINE sandbox's pages are not ours). */
function noViolation(where: string, violations: Violation[]) {
  expect({ where, violations: violations.filter((v) => v.url.startsWith(stack.app.url)) }).toEqual({ where, violations: [] });
}

describe('security headers and CSP', () => {
  it('serve the CSP and the other headers on pages, API routes and redirects, and put the nonce on every script', async () => {
    const page = await fetch(`${stack.app.url}/sign-in`);
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'self'");
    expect(csp).toContain("form-action 'self'");
    expect(csp).toContain("connect-src 'self'");
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(page.headers.get('x-powered-by')).toBeNull();
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('referrer-policy')).toBe('same-origin');
    expect(page.headers.get('permissions-policy')).toContain('camera=()');
    // APP_BASE_URL is http here: no HSTS.
    expect(page.headers.get('strict-transport-security')).toBeNull();

    // Every script tag Next rendered carries this response's nonce, and the next response gets a new one.
    const scripts = (await page.text()).match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(3);
    expect(scripts.filter((s) => !s.includes(`nonce="${nonce}"`))).toEqual([]);
    const again = await fetch(`${stack.app.url}/sign-in`);
    expect(/'nonce-([^']+)'/.exec(again.headers.get('content-security-policy') ?? '')?.[1]).not.toBe(nonce);

    // The proxy's own answers (a redirect to sign-in, a 401) and route handlers carry the headers too.
    for (const [url, status] of [
      ['/scenarios', 307],
      ['/api/scenarios', 401],
      ['/api/health', 200],
    ] as const) {
      const res = await fetch(`${stack.app.url}${url}`, { redirect: 'manual' });
      expect([url, res.status]).toEqual([url, status]);
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-powered-by')).toBeNull();
    }
  });

  it('lets an operator sign in and use the list, editor, preview, analytics, friends, sandbox, link and other pages with no violation', async () => {
    const { context, violations, errors } = await watchedContext();
    const page = await context.newPage();
    const url = stack.app.url;

    // Sign-in with the password: a server action, then a client-side navigation.
    await page.goto(`${url}/scenarios`, { waitUntil: 'networkidle' });
    await page.waitForURL(/\/sign-in\?next=/);
    await page.getByLabel('メールアドレス').fill(owner.email);
    await page.getByLabel('パスワード').fill(owner.password);
    await page.getByRole('button', { name: 'サインイン', exact: true }).click();
    await page.waitForURL(`${url}/scenarios`, { timeout: 60_000 });
    noViolation('sign-in', violations);

    // The scenario list.
    await expect.poll(() => page.getByTestId('scenario-list').textContent(), { timeout: 30_000 }).toContain('CSP ようこそ');
    noViolation('scenario list', violations);

    // The editor: the canvas draws every node, and an edit autosaves (a fetch from the page).
    await page.goto(`${url}/scenarios/${scenarioId}`, { waitUntil: 'networkidle' });
    await page.locator('[data-testid="editor"][data-ready="true"]').waitFor({ timeout: 120_000 });
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(7);
    await page.getByTestId('node-welcome').click();
    await page.getByTestId('inspector-label').fill('Day 0 (CSP)');
    await expect.poll(() => page.getByTestId('save-status').getAttribute('data-state'), { timeout: 15_000 }).toBe('saved');
    await expect.poll(() => page.getByTestId('node-welcome').textContent()).toContain('Day 0 (CSP)');
    noViolation('editor', violations);

    // Its preview: the simulation runs in the page and draws the day 0/7/14 messages, the outside image among them.
    await page.getByTestId('tab-preview').click();
    await page.getByTestId('preview-panel').waitFor();
    await page.getByTestId('preview-added').fill('2025-04-01T15:23');
    await expect
      .poll(() => page.getByTestId('preview-day').evaluateAll((els) => els.map((e) => e.getAttribute('data-day'))))
      .toEqual(['0', '7', '14']);
    expect(await page.getByTestId('preview-chat').textContent()).toContain('友だち追加ありがとうございます');
    expect(await page.locator(`[data-testid="preview-chat"] img[src="${IMAGE}"]`).count()).toBeGreaterThan(0);
    await page.screenshot({ path: artefactPath('csp-preview.png') });
    noViolation('preview', violations);

    // Analytics: the figures canvas.
    await page.goto(`${url}/scenarios/${scenarioId}/analytics`, { waitUntil: 'networkidle' });
    await page.getByTestId('analytics-node-welcome').waitFor({ timeout: 90_000 });
    noViolation('analytics', violations);

    // Friends.
    await page.goto(`${url}/friends`, { waitUntil: 'networkidle' });
    await page.getByTestId('friends-total').waitFor();
    noViolation('friends', violations);

    // The sandbox phone talks to the sandbox's own origin (connect-src) and adds a friend.
    await page.goto(`${url}/sandbox`, { waitUntil: 'networkidle' });
    await page.getByLabel('表示名').fill('CSP 花子');
    await page.getByRole('button', { name: '友だち追加' }).click();
    await expect.poll(() => page.getByTestId('sandbox-friends').textContent(), { timeout: 30_000 }).toContain('CSP 花子');
    noViolation('sandbox', violations);

    // The account-link page: its server action sends the browser on to LINE's dialog (the sandbox's stand-in). The
    // phone lists the friend as soon as LINE (the sandbox) has them; the link needs Kizuna to have processed the follow.
    await expect
      .poll(async () => (await stack.tdb.db.select({ id: friends.id }).from(friends).where(eq(friends.displayName, 'CSP 花子'))).length, {
        timeout: 30_000,
      })
      .toBe(1);
    await page
      .getByTestId('sandbox-friends')
      .getByRole('button', { name: /CSP 花子/ })
      .click();
    const [linkPage] = await Promise.all([context.waitForEvent('page'), page.getByRole('button', { name: '会員連携' }).click()]);
    await linkPage.waitForLoadState('networkidle');
    expect(new URL(linkPage.url()).pathname).toBe('/link');
    await linkPage.getByLabel('会員ID').fill('CSP-2025');
    await linkPage.getByRole('button', { name: 'ログインして連携する' }).click();
    await linkPage.waitForURL((u) => u.pathname === '/dialog/bot/accountLink', { timeout: 30_000 });
    noViolation('account link', violations);

    // The other admin pages: the friend just added (its LINE avatar), the printable report, settings, operators,
    // the audit log and the operator's own account page.
    const [friend] = await stack.tdb.db.select({ id: friends.id }).from(friends).where(eq(friends.displayName, 'CSP 花子'));
    for (const p of [`/friends/${friend?.id}`, `/scenarios/${scenarioId}/report`, '/settings', '/operators', '/audit', '/account']) {
      const res = await page.goto(`${url}${p}`, { waitUntil: 'networkidle', timeout: 120_000 });
      expect([p, res?.status()]).toEqual([p, 200]);
      await page.locator('h1').first().waitFor();
      noViolation(p, violations);
    }
    expect(errors).toEqual([]);
    await context.close();
  });

  it('lets single sign-on leave for the provider and come back signed in, with no violation', async () => {
    const { context, violations, errors } = await watchedContext();
    const page = await context.newPage();
    await page.goto(`${stack.app.url}/scenarios`);
    await page.waitForURL(/\/sign-in\?/);
    await page.getByRole('button', { name: 'シングルサインオン (SSO) でサインイン' }).click();
    await page.waitForURL((u) => u.href.startsWith(`${idp.issuer}/interaction/`), { timeout: 30_000 });
    await page.locator('input[name="login"]').fill(SSO_USER.sub);
    await page.locator('input[name="password"]').fill('any password');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(`${stack.app.url}/scenarios`, { timeout: 60_000 });
    await expect.poll(() => page.getByTestId('operator-box').textContent(), { timeout: 60_000 }).toContain(SSO_USER.email);
    noViolation('single sign-on', violations);
    expect(errors).toEqual([]);
    await context.close();
  });
});
