// Browser, one full stack: each of the five roles signs in (a fresh browser context each) and sees only what it may do
// (nav, new scenario, publish and run control, the canvas read-only or not, テスト配信, friends export, the friends behind
// analytics figures), and the server refuses the same things when they are called directly with that role's session.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { count, eq } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenarioVersions, scenarios } from '../../db/schema';
import { repoRoot } from '../../devstack/paths';
import type { Role } from '../../lib/auth/roles';
import { artefactPath } from '../app';
import { launchBrowser } from '../browser';
import { startFullStack, type FullStack } from '../full-stack';

let stack: FullStack;
let browser: Browser;
/** Published and live: run control shows for publishers. */
let liveId = '';
/** A valid draft never published: an editor's direct publish must leave it so. */
let draftId = '';

interface Sees {
  nav: string[];
  /** scenarios:edit: new scenario, palette, inspector, autosave, preview. */
  edit: boolean;
  /** scenarios:publish: publish, pause, stop. */
  publish: boolean;
  /** scenarios:test_send: テスト配信 in the preview. */
  testSend: boolean;
  /** friends:export: the friends page's export button. */
  exportFriends: boolean;
  /** friends:read_details: the friends behind a step's analytics figures. */
  friendDetails: boolean;
}

// Written out rather than derived from lib/auth/roles.ts: this is what each role should see, checked against the app.
const SEES: Record<Role, Sees> = {
  owner: {
    nav: [
      '/scenarios',
      '/broadcasts',
      '/auto-replies',
      '/friends',
      '/forms',
      '/rich-menus',
      '/coupons',
      '/routes',
      '/inbox',
      '/settings',
      '/operators',
      '/audit',
      '/operations',
      '/sandbox',
    ],
    edit: true,
    publish: true,
    testSend: true,
    exportFriends: true,
    friendDetails: true,
  },
  publisher: {
    nav: [
      '/scenarios',
      '/broadcasts',
      '/auto-replies',
      '/friends',
      '/forms',
      '/rich-menus',
      '/coupons',
      '/routes',
      '/inbox',
      '/settings',
      '/audit',
      '/operations',
      '/sandbox',
    ],
    edit: true,
    publish: true,
    testSend: true,
    exportFriends: false,
    friendDetails: true,
  },
  editor: {
    nav: [
      '/scenarios',
      '/broadcasts',
      '/auto-replies',
      '/friends',
      '/forms',
      '/rich-menus',
      '/coupons',
      '/routes',
      '/inbox',
      '/settings',
      '/sandbox',
    ],
    edit: true,
    publish: false,
    testSend: true,
    exportFriends: false,
    friendDetails: true,
  },
  analyst: {
    nav: ['/scenarios', '/broadcasts', '/auto-replies', '/friends', '/forms', '/rich-menus', '/coupons', '/routes', '/inbox'],
    edit: false,
    publish: false,
    testSend: false,
    exportFriends: false,
    friendDetails: true,
  },
  viewer: {
    nav: ['/scenarios', '/broadcasts', '/auto-replies', '/friends', '/forms', '/rich-menus', '/coupons', '/routes'],
    edit: false,
    publish: false,
    testSend: false,
    exportFriends: false,
    friendDetails: false,
  },
};

async function api(cookie: string, method: string, url: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${stack.app.url}${url}`, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json: unknown = await res.json();
  if (!res.ok) throw new Error(`${method} ${url} → ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/** Creates a scenario holding the welcome example as its draft, through the API as the editor does. */
async function welcomeScenario(cookie: string, name: string): Promise<string> {
  const graph: unknown = JSON.parse(readFileSync(path.join(repoRoot, 'examples', 'welcome-steps.json'), 'utf8'));
  const created = (await api(cookie, 'POST', '/api/scenarios', { name })) as { id: string; draftRevision: number };
  await api(cookie, 'PUT', `/api/scenarios/${created.id}/draft`, { graph, expectedRevision: created.draftRevision });
  return created.id;
}

beforeAll(async () => {
  [stack, browser] = await Promise.all([startFullStack({ distDir: '.data/next-roles-test' }), launchBrowser()]);
  const owner = await stack.signIn(null, 'owner');
  liveId = await welcomeScenario(owner.cookie, 'ようこそステップ');
  await api(owner.cookie, 'POST', `/api/scenarios/${liveId}/publish`);
  draftId = await welcomeScenario(owner.cookie, '春のキャンペーン（下書き）');
  // The dev server compiles each page on first request: do it here, under the hook's longer timeout.
  for (const p of ['/scenarios', `/scenarios/${liveId}`, `/scenarios/${liveId}/analytics`, '/friends']) {
    await fetch(`${stack.app.url}${p}`, { headers: { cookie: owner.cookie } });
  }
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function signedInPage(role: Role): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await stack.signIn(context, role);
  const page = await context.newPage();
  page.on('pageerror', (e) => console.log('PAGEERROR', role, e.message));
  page.on('response', async (r) => {
    if (r.status() >= 500) console.log('HTTP', r.status(), r.request().method(), r.url(), (await r.text().catch(() => '')).slice(0, 300));
  });
  return { context, page };
}

const shown = async (page: Page, testId: string) => (await page.getByTestId(testId).count()) > 0;
const scenarioCount = async () => (await stack.tdb.db.select({ n: count() }).from(scenarios))[0]?.n ?? 0;

describe('roles', () => {
  it.each(Object.keys(SEES) as Role[])(
    '%s sees only what the role may do, and the server refuses the rest when called directly',
    async (role) => {
      const sees = SEES[role];
      const { context, page } = await signedInPage(role);

      // The scenario list: the admin shell's nav and the new-scenario button.
      await page.goto(`${stack.app.url}/scenarios`, { waitUntil: 'networkidle' });
      await expect.poll(() => page.getByTestId('scenario-list').textContent()).toContain('ようこそステップ');
      const nav = await page
        .getByTestId('main-nav')
        .locator('a')
        .evaluateAll((els) => els.map((e) => e.getAttribute('href')));
      expect(nav).toEqual(sees.nav);
      expect(await shown(page, 'new-scenario')).toBe(sees.edit);
      expect(await page.getByTestId('operator-box').textContent()).toContain(role);

      // The editor on the live scenario: read-only canvas, publish and run control, preview and テスト配信.
      await page.goto(`${stack.app.url}/scenarios/${liveId}`, { waitUntil: 'networkidle' });
      await page.locator('[data-testid="editor"][data-ready="true"]').waitFor({ timeout: 120_000 });
      expect(await page.getByTestId('editor').getAttribute('data-read-only')).toBe(String(!sees.edit));
      expect(await shown(page, 'palette-send')).toBe(sees.edit);
      expect(await shown(page, 'save-status')).toBe(sees.edit);
      expect(await shown(page, 'undo')).toBe(sees.edit);
      expect(await shown(page, 'publish')).toBe(sees.publish);
      expect(await shown(page, 'pause')).toBe(sees.publish);
      expect(await shown(page, 'stop')).toBe(sees.publish);
      expect(await shown(page, 'tab-preview')).toBe(sees.edit);
      await page.getByTestId('node-welcome').click();
      await page.getByTestId('inspector').waitFor();
      expect(await page.getByTestId('inspector-label').isDisabled()).toBe(!sees.edit);
      expect(await shown(page, 'inspector-delete')).toBe(sees.edit);
      if (sees.edit) {
        await page.getByTestId('tab-preview').click();
        await page.getByTestId('preview-panel').waitFor();
        expect(await shown(page, 'send-test')).toBe(sees.testSend);
        await page.getByTestId('tab-step').click();
      }
      await page.screenshot({ path: artefactPath(`role-${role}.png`) });

      // The friends page's export button.
      await page.goto(`${stack.app.url}/friends`, { waitUntil: 'networkidle' });
      await page.getByTestId('friends-total').waitFor();
      expect(await page.locator('a[href="/friends/export"]').count()).toBe(sees.exportFriends ? 1 : 0);

      // Analytics: the figures for everyone, the friends behind them only with friends' details.
      if (!sees.edit) {
        await page.goto(`${stack.app.url}/scenarios/${liveId}/analytics`, { waitUntil: 'networkidle' });
        const detail = page.getByTestId('analytics-detail');
        await expect
          .poll(
            async () => {
              await page.getByTestId('analytics-node-welcome').click();
              return detail.getByTestId('detail-entered').isVisible();
            },
            { timeout: 90_000, interval: 2000 },
          )
          .toBe(true);
        expect(await shown(page, 'analytics-friends')).toBe(sees.friendDetails);
      }

      // Direct calls with this role's session: refused (403) and nothing changed, even though no button leads there.
      const call = (method: 'GET' | 'POST' | 'PUT', url: string, data?: unknown) =>
        page.request.fetch(`${stack.app.url}${url}`, { method, ...(data === undefined ? {} : { data }) }).then((r) => r.status());
      if (!sees.edit) {
        const before = await scenarioCount();
        expect(await call('POST', '/api/scenarios', { name: 'not allowed' })).toBe(403);
        expect(await scenarioCount()).toBe(before);
        expect(await call('PUT', `/api/scenarios/${draftId}/draft`, { graph: {}, expectedRevision: 2 })).toBe(403);
      }
      if (!sees.testSend) {
        expect(await call('POST', `/api/scenarios/${liveId}/test-run`, { friendId: liveId, compress: 8640 })).toBe(403);
      }
      if (!sees.publish) {
        expect(await call('POST', `/api/scenarios/${draftId}/publish`)).toBe(403);
        expect(await call('POST', `/api/scenarios/${liveId}/status`, { action: 'stop' })).toBe(403);
        const [draft] = await stack.tdb.db.select().from(scenarios).where(eq(scenarios.id, draftId));
        const [live] = await stack.tdb.db.select().from(scenarios).where(eq(scenarios.id, liveId));
        expect([draft?.status, live?.status]).toEqual(['draft', 'live']);
        expect(await stack.tdb.db.select().from(scenarioVersions).where(eq(scenarioVersions.scenarioId, draftId))).toEqual([]);
      }
      if (!sees.exportFriends) expect(await call('GET', '/friends/export')).toBe(403);
      if (!sees.friendDetails) {
        expect(await call('GET', `/api/scenarios/${liveId}/analytics/friends?node=welcome&kind=waiting`)).toBe(403);
      }
      await context.close();
    },
    420_000,
  );
});
