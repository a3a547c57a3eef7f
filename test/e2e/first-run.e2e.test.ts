// Browser: the first run (sample welcome scenario made once, checklist that ticks itself), a missing attribute defined
// from the editor's problem link, 自動整列 with the minimap, the friend page's visible 編集 buttons, and no 404 (favicon).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScenario } from '../../db/queries/scenarios';
import { attributeDefinitions, friends, scenarios, webhookEvents } from '../../db/schema';
import { repoRoot } from '../../devstack/paths';
import { offerWelcomeScenario } from '../../lib/first-run/offer-welcome';
import { ScenarioGraphSchema } from '../../scenario/schema';
import { artefactPath, startTestApp, type TestApp } from '../app';
import { launchBrowser } from '../browser';
import { createTestDatabase, type TestDatabase } from '../db';
import { signInAs } from '../full-stack';

let tdb: TestDatabase;
let app: TestApp;
let browser: Browser;
let welcomeId = '';
let loyalId = '';
let friendId = '';
/** Every 404 any page of this file asked for (a missing favicon would show here). */
const missing: string[] = [];

beforeAll(async () => {
  tdb = await createTestDatabase();
  // As `npm run dev` does on a fresh database.
  welcomeId = (await offerWelcomeScenario(tdb.db)) ?? '';
  [app, browser] = await Promise.all([
    startTestApp({ databaseUrl: tdb.url, env: { NEXT_DIST_DIR: '.next-test-first-run', KIZUNA_DEV_MODE: 'true' } }),
    launchBrowser(),
  ]);
  const loyal = ScenarioGraphSchema.parse(JSON.parse(readFileSync(path.join(repoRoot, 'examples', 'loyal-member.json'), 'utf8')));
  loyalId = (await createScenario(tdb.db, { name: '会員セール', graph: loyal })).id;
  const [f] = await tdb.db
    .insert(friends)
    .values({ lineUserId: `U${'f'.repeat(32)}`, displayName: '初回 花子', friendAddedAt: new Date('2026-01-05T01:00:00Z') })
    .returning({ id: friends.id });
  friendId = f?.id ?? '';
  // Compile the routes under the hook's longer timeout.
  const { cookie } = await signInAs({ db: tdb.db, appUrl: app.url }, 'owner');
  for (const p of ['/scenarios', `/scenarios/${loyalId}`, '/settings', `/friends/${friendId}`])
    await fetch(`${app.url}${p}`, { headers: { cookie } });
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await tdb?.drop();
});

async function open(urlPath: string, role: 'owner' | 'viewer' = 'owner'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.addCookies([{ name: 'lang', value: 'ja', url: app.url }]);
  await signInAs({ db: tdb.db, appUrl: app.url }, role, context);
  const page = await context.newPage();
  page.on('pageerror', (e) => console.log('PAGEERROR', e.message));
  page.on('response', (r) => {
    if (r.status() === 404) missing.push(new URL(r.url()).pathname);
  });
  await page.goto(`${app.url}${urlPath}`, { waitUntil: 'networkidle', timeout: 180_000 });
  return page;
}

const doneOf = (page: Page, id: string) => page.getByTestId(`first-run-${id}`).getAttribute('data-done');

describe('first run', () => {
  it('makes the sample welcome scenario once: never again, even after it is deleted', async () => {
    expect(welcomeId).not.toBe('');
    expect(await offerWelcomeScenario(tdb.db)).toBeNull();
    const [row] = await tdb.db.select().from(scenarios).where(eq(scenarios.id, welcomeId));
    expect(row?.status).toBe('draft');
    const graph = ScenarioGraphSchema.parse(row?.draft);
    expect(graph.nodes.map((n) => n.kind)).toEqual(['trigger', 'send', 'wait', 'send', 'end']);
  });

  it('shows the checklist on the scenario list; each item links to its place and ticks itself when done', async () => {
    const page = await open('/scenarios');
    await page.getByTestId('first-run').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('first-run').textContent()).toContain('はじめの3ステップ');
    for (const id of ['channel', 'attributes', 'publish']) expect(await doneOf(page, id)).toBe('false');
    expect(await page.getByTestId('first-run-channel-link').getAttribute('href')).toBe('/sandbox');
    expect(await page.getByTestId('first-run-attributes-link').getAttribute('href')).toBe('/settings#attributes');
    expect(await page.getByTestId('first-run-publish-link').getAttribute('href')).toBe(`/scenarios/${welcomeId}`);
    expect(await page.getByTestId('scenario-list').textContent()).toContain('ようこそ（サンプル）');
    await page.screenshot({ path: artefactPath('first-run-checklist.png'), fullPage: true });

    // LINE reached the webhook: the first item ticks on the next visit.
    await tdb.db.insert(webhookEvents).values({ webhookEventId: 'first-run-follow', type: 'follow', payload: {} });
    await page.reload({ waitUntil: 'networkidle' });
    expect(await doneOf(page, 'channel')).toBe('true');
    expect(await doneOf(page, 'attributes')).toBe('false');
    await page.getByTestId('first-run-attributes-link').click();
    await page.waitForURL(/\/settings#attributes$/, { timeout: 60_000 });
    await page.getByTestId('attribute-definitions').waitFor();
    await page.context().close();
  });

  it('English too', async () => {
    const page = await open('/scenarios');
    await page.context().addCookies([{ name: 'lang', value: 'en', url: app.url }]);
    await page.reload({ waitUntil: 'networkidle' });
    expect(await page.getByTestId('first-run').textContent()).toContain('Getting started');
    expect(await page.getByTestId('first-run-publish').textContent()).toContain('Publish the welcome scenario');
    await page.context().close();
  });
});

describe('an undefined attribute, defined where it is used', () => {
  it('the problem links to an inline definition; once defined the problems go away and the checklist ticks', async () => {
    const page = await open(`/scenarios/${loyalId}`);
    await page.locator('[data-testid="editor"][data-ready="true"]').waitFor({ timeout: 60_000 });
    expect(Number(await page.getByTestId('issues-segment').getAttribute('data-count'))).toBeGreaterThan(0);
    await page.getByTestId('tab-problems').click();
    const link = page.getByTestId('problem-list').locator('[data-testid$="-define"]').first();
    await link.click();
    const form = page.locator('[data-testid$="-define-form"]');
    await form.waitFor({ timeout: 20_000 });
    // The condition's own values suggest the type and its options.
    expect(await form.locator('[data-testid$="-define-type"]').inputValue()).toBe('enum');
    expect(await form.locator('[data-testid$="-define-options"]').inputValue()).toBe('gold, platinum');
    await form.locator('[data-testid$="-define-label"]').fill('会員ランク');
    await form.locator('[data-testid$="-define-options"]').fill('bronze, silver, gold, platinum');
    await page.screenshot({ path: artefactPath('define-attribute-inline.png') });
    await form.locator('[data-testid$="-define-save"]').click();
    await expect.poll(() => page.getByTestId('issues-segment').count(), { timeout: 20_000 }).toBe(0);
    // {{attr.rank}} in the VIP message was a problem for the same reason.
    expect(await page.getByTestId('issues-vip-coupon').count()).toBe(0);
    const [def] = await tdb.db.select().from(attributeDefinitions).where(eq(attributeDefinitions.key, 'rank'));
    expect(def).toMatchObject({ label: '会員ランク', type: 'enum', options: ['bronze', 'silver', 'gold', 'platinum'] });

    // 自動整列: the VIP case (left handle) leads to the step on the left; the minimap sits clear of the fitted steps.
    await page.getByTestId('auto-layout').click();
    await expect
      .poll(async () => {
        const vip = await page.getByTestId('node-vip-coupon').boundingBox();
        const member = await page.getByTestId('node-member-sale').boundingBox();
        const invite = await page.getByTestId('node-link-invite').boundingBox();
        return !!vip && !!member && !!invite && vip.x < member.x && member.x < invite.x;
      })
      .toBe(true);
    await page.waitForTimeout(400); // the fit animation
    const minimap = await page.locator('.react-flow__minimap').boundingBox();
    for (const node of await page.locator('.react-flow__node').all()) {
      const b = await node.boundingBox();
      if (!b || !minimap) continue;
      const overlaps =
        b.x < minimap.x + minimap.width && minimap.x < b.x + b.width && b.y < minimap.y + minimap.height && minimap.y < b.y + b.height;
      expect(overlaps, (await node.getAttribute('data-id')) ?? '').toBe(false);
    }
    await page.screenshot({ path: artefactPath('editor-auto-layout.png') });
    await page.getByTestId('minimap-toggle').click();
    expect(await page.locator('.react-flow__minimap').count()).toBe(0);
    await page.context().close();

    const list = await open('/scenarios');
    expect(await doneOf(list, 'attributes')).toBe('true');
    await list.context().close();
  });

  it('an operator who may not define attributes is told where it is done instead', async () => {
    await tdb.db.delete(attributeDefinitions).where(eq(attributeDefinitions.key, 'rank'));
    const page = await open(`/scenarios/${loyalId}`, 'viewer');
    await page.locator('[data-testid="editor"][data-ready="true"]').waitFor({ timeout: 60_000 });
    await page.getByTestId('node-segment').click();
    const note = page.locator('[data-testid$="-undefined"]').first();
    await note.waitFor({ timeout: 20_000 });
    expect(await note.locator('[data-testid$="-define"]').count()).toBe(0);
    expect(await note.locator('a[href="/settings#attributes"]').count()).toBe(1);
    await page.context().close();
  });
});

describe('friend page', () => {
  it('shows a visible 編集 button for each attribute', async () => {
    await tdb.db.insert(attributeDefinitions).values({ key: 'rank', label: '会員ランク', type: 'enum', options: ['silver', 'gold'] });
    const page = await open(`/friends/${friendId}`);
    const edit = page.getByTestId('attr-edit-rank');
    await edit.waitFor({ timeout: 60_000 });
    expect(await edit.isVisible()).toBe(true);
    expect((await edit.textContent())?.trim()).toBe('編集');
    await page.screenshot({ path: artefactPath('friend-attributes-edit.png') });
    await expect
      .poll(
        async () => {
          await edit.click();
          return page.getByTestId('friend-attributes').locator('select').count();
        },
        { timeout: 30_000, interval: 1000 },
      )
      .toBe(1);
    await page.getByTestId('friend-attributes').locator('select').selectOption('gold');
    await page.getByTestId('friend-attributes').getByRole('button', { name: '保存' }).click();
    await expect
      .poll(async () => (await tdb.db.select().from(friends).where(eq(friends.id, friendId)))[0]?.attributes, { timeout: 20_000 })
      .toEqual({ rank: 'gold' });
    await page.context().close();
  });

  it('no page asked for anything that is not there (the app icon included)', () => {
    expect(missing).toEqual([]);
  });
});
