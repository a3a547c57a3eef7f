// Browser: the sandbox phone adds a friend (follow webhook → friend row with profile), then the friends list, the friend
// page and Settings show it; plus HTTP checks of the webhook signature, tracked links and the API key.
import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attributeDefinitions, events, friendTags, friends } from '../../db/schema';
import { startLineSandbox, type LineSandbox } from '../../devstack/line-sandbox/server';
import { createLineClient } from '../../lib/line/client';
import { trackedUrl } from '../../lib/links/tracked';
import { artefactPath, startTestApp, type TestApp } from '../app';
import { launchBrowser } from '../browser';
import { createTestDatabase, type TestDatabase } from '../db';
import { signInAs } from '../full-stack';
import { browserCookie } from '../operators';

const CHANNEL_SECRET = 'e2e-line-channel-secret';
const ACCESS_TOKEN = 'e2e-line-access-token';
const KIZUNA_SECRET = 'e2e-kizuna-secret-0123456789abcdef';

let tdb: TestDatabase;
let sandbox: LineSandbox;
let app: TestApp;
let browser: Browser;
/** An owner's session: the sandbox phone, the friends pages and Settings (API keys are owners' only). */
let session = '';

beforeAll(async () => {
  tdb = await createTestDatabase();
  await tdb.db.insert(attributeDefinitions).values({ key: 'rank', label: '会員ランク', type: 'enum', options: ['gold', 'silver'] });
  const [seeded] = await tdb.db
    .insert(friends)
    .values({ lineUserId: `U${'1'.repeat(32)}`, memberId: 'M-100', displayName: '既存 一郎', attributes: { rank: 'gold' } })
    .returning();
  await tdb.db.insert(friendTags).values({ friendId: seeded?.id ?? '', tag: 'vip' });
  sandbox = await startLineSandbox({ channelSecret: CHANNEL_SECRET, channelAccessToken: ACCESS_TOKEN });
  [app, browser] = await Promise.all([
    startTestApp({
      databaseUrl: tdb.url,
      env: {
        // A dist dir of our own: other engineers' browser tests may run `next dev` at the same time.
        NEXT_DIST_DIR: '.data/next-edge-test',
        LINE_API_BASE_URL: sandbox.url,
        LINE_SANDBOX_URL: sandbox.url,
        LINE_CHANNEL_SECRET: CHANNEL_SECRET,
        LINE_CHANNEL_ACCESS_TOKEN: ACCESS_TOKEN,
        KIZUNA_SECRET,
        KIZUNA_DEV_MODE: 'true',
      },
    }),
    launchBrowser(),
  ]);
  sandbox.state.config.webhookUrl = `${app.url}/api/line/webhook`;
  ({ cookie: session } = await signInAs({ db: tdb.db, appUrl: app.url }, 'owner'));
});

async function newPage(): Promise<Page> {
  const page = await browser.newPage();
  await page.context().addCookies([browserCookie(app.url, session)]);
  page.on('pageerror', (e) => console.log('PAGEERROR', e.stack));
  return page;
}
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await sandbox?.close();
  await tdb?.drop();
});

describe('sandbox phone and friends pages', () => {
  it('adding a friend on the sandbox phone creates the friend with the LINE profile', async () => {
    const page = await newPage();
    await page.goto(`${app.url}/sandbox`, { waitUntil: 'networkidle' });
    await page.getByLabel('表示名').fill('新規 花子');
    await page.getByRole('button', { name: '友だち追加' }).click();
    await expect.poll(() => page.getByTestId('sandbox-friends').textContent(), { timeout: 20_000 }).toContain('新規 花子');
    await expect
      .poll(async () => (await tdb.db.select().from(friends).where(eq(friends.displayName, '新規 花子'))).length, { timeout: 30_000 })
      .toBe(1);
    const webhook = sandbox.state.webhooks.at(-1);
    expect(webhook?.status).toBe(200);

    // The friend talks: the message reaches Kizuna as a line_message event.
    await page.getByPlaceholder('メッセージを入力').fill('こんにちは！');
    await page.getByRole('button', { name: '送信' }).click();
    await expect.poll(() => page.getByTestId('chat-log').textContent()).toContain('こんにちは！');
    const [f] = await tdb.db.select().from(friends).where(eq(friends.displayName, '新規 花子'));
    await expect
      .poll(
        async () =>
          (
            await tdb.db
              .select()
              .from(events)
              .where(eq(events.friendId, f?.id ?? ''))
          ).map((e) => e.name),
        { timeout: 20_000 },
      )
      .toContain('line_message');
    await page.screenshot({ path: artefactPath('sandbox-phone.png'), fullPage: true });
    await page.close();
  });

  it('the phone shows pushed messages as bubbles; a tapped tracked link and a pressed postback reach Kizuna', async () => {
    const [f] = await tdb.db.select().from(friends).where(eq(friends.displayName, '新規 花子'));
    if (!f) throw new Error('friend missing');
    const link = trackedUrl(
      { runId: 'run-phone', nodeId: 'send_1', friendId: f.id, target: 'https://shop.example.com/new', isTest: false },
      { baseUrl: app.url, secret: KIZUNA_SECRET },
    );
    const line = createLineClient({ channelAccessToken: ACCESS_TOKEN, baseURL: sandbox.url });
    await line.pushMessage({
      to: f.lineUserId,
      messages: [
        { type: 'text', text: `新作が入荷しました ${link}` },
        {
          type: 'template',
          altText: 'クーポン',
          template: {
            type: 'buttons',
            text: 'クーポンを使いますか？',
            actions: [{ type: 'postback', label: '使う', data: 'action=coupon_used&coupon=A1' }],
          },
        },
      ],
    });
    const page = await newPage();
    await page.goto(`${app.url}/sandbox`, { waitUntil: 'networkidle' });
    await page
      .getByTestId('sandbox-friends')
      .getByRole('button', { name: /新規 花子/ })
      .click();
    await expect.poll(() => page.getByTestId('chat-log').textContent(), { timeout: 20_000 }).toContain('新作が入荷しました');
    await page.getByRole('button', { name: link }).click();
    await expect
      .poll(() => page.getByTestId('chat-system').first().textContent(), { timeout: 20_000 })
      .toContain('302 https://shop.example.com/new');
    await page.getByRole('button', { name: '使う' }).click();
    await expect
      .poll(async () => (await tdb.db.select().from(events).where(eq(events.friendId, f.id))).map((e) => e.name).sort(), {
        timeout: 20_000,
      })
      .toEqual(expect.arrayContaining(['link_click', 'postback', 'coupon_used']));
    await page.screenshot({ path: artefactPath('sandbox-phone-chat.png'), fullPage: true });
    await page.close();
  });

  it("account link: the phone opens /link, the member signs in, LINE's dialog fires accountLink, the member id is bound", async () => {
    const page = await newPage();
    await page.goto(`${app.url}/sandbox`, { waitUntil: 'networkidle' });
    await page
      .getByTestId('sandbox-friends')
      .getByRole('button', { name: /新規 花子/ })
      .click();
    const [linkPage] = await Promise.all([page.context().waitForEvent('page'), page.getByRole('button', { name: '会員連携' }).click()]);
    await linkPage.waitForLoadState('networkidle');
    expect(new URL(linkPage.url()).pathname).toBe('/link');
    // The customer's page: its own phone-sized layout, without the admin shell (no menu, no operator box), no sideways scroll.
    await linkPage.setViewportSize({ width: 390, height: 844 });
    expect(await linkPage.getByTestId('main-nav').count()).toBe(0);
    expect(await linkPage.getByTestId('operator-box').count()).toBe(0);
    expect(await linkPage.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await linkPage.getByLabel('会員ID').fill('SHOP-2024');
    await linkPage.screenshot({ path: artefactPath('account-link.png') });
    await linkPage.getByRole('button', { name: 'ログインして連携する' }).click();
    await linkPage.waitForURL((u) => u.pathname === '/dialog/bot/accountLink');
    await expect
      .poll(async () => (await tdb.db.select().from(friends).where(eq(friends.displayName, '新規 花子')))[0]?.memberId, { timeout: 20_000 })
      .toBe('SHOP-2024');
    await page.close();
  });

  it('the phone marks its friend as a test friend (テスト友だち), which Kizuna records', async () => {
    const page = await newPage();
    await page.goto(`${app.url}/sandbox`, { waitUntil: 'networkidle' });
    await page
      .getByTestId('sandbox-friends')
      .getByRole('button', { name: /新規 花子/ })
      .click();
    const box = page.getByTestId('sandbox-test-friend').getByRole('checkbox');
    await expect.poll(() => box.isEnabled(), { timeout: 20_000 }).toBe(true);
    expect(await box.isChecked()).toBe(false);
    // A controlled box: it shows the tick once the server action has answered, so click and wait, not check().
    await box.click();
    await expect.poll(() => box.isChecked(), { timeout: 20_000 }).toBe(true);
    await expect
      .poll(async () => (await tdb.db.select().from(friends).where(eq(friends.displayName, '新規 花子')))[0]?.isTest, { timeout: 20_000 })
      .toBe(true);
    await page.close();
  });

  it('the friends page searches, filters by tag, and opens a friend', async () => {
    const page = await newPage();
    await page.goto(`${app.url}/friends`, { waitUntil: 'networkidle' });
    const table = page.getByTestId('friends-table');
    await expect.poll(() => table.textContent()).toContain('新規 花子');
    expect(await table.textContent()).toContain('既存 一郎');
    await page.screenshot({ path: artefactPath('friends-list.png'), fullPage: true });

    await page.goto(`${app.url}/friends?tag=vip`, { waitUntil: 'networkidle' });
    expect(await page.getByTestId('friends-table').textContent()).not.toContain('新規 花子');
    await page.goto(`${app.url}/friends?q=${encodeURIComponent('花子')}`, { waitUntil: 'networkidle' });
    expect(await page.getByTestId('friends-total').textContent()).toBe('1人');

    await page.getByRole('link', { name: /新規 花子/ }).click();
    await page.waitForURL(/\/friends\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.getByTestId('friend-events').textContent()).toContain('line_message');
    await page.screenshot({ path: artefactPath('friend-detail.png'), fullPage: true });
    await page.close();
  });

  it('Settings shows the webhook URL and creates an API key the events API accepts', async () => {
    const page = await newPage();
    await page.goto(`${app.url}/settings`, { waitUntil: 'networkidle' });
    expect(await page.getByTestId('webhook-url').textContent()).toBe(`${app.url}/api/line/webhook`);
    expect(await page.getByTestId('channel-info').textContent()).not.toContain(CHANNEL_SECRET);
    await page.getByLabel('キーの名前').fill('EC site');
    await page.getByRole('button', { name: 'キーを作成' }).click();
    const key = (await page.getByTestId('new-api-key').locator('code').textContent()) ?? '';
    expect(key).toMatch(/^kz_/);
    const attrs = page.getByTestId('attribute-definitions');
    await attrs.getByPlaceholder('rank').fill('points');
    await attrs.getByPlaceholder('会員ランク').fill('ポイント');
    await attrs.locator('select').selectOption('number');
    await attrs.getByRole('button', { name: '属性を追加' }).click();
    await expect.poll(() => attrs.locator('tbody').textContent()).toContain('ポイント');
    expect((await tdb.db.select().from(attributeDefinitions).where(eq(attributeDefinitions.key, 'points')))[0]?.type).toBe('number');
    await page.screenshot({ path: artefactPath('settings.png'), fullPage: true });
    await page.close();

    const post = (auth: string) =>
      fetch(`${app.url}/api/events`, {
        method: 'POST',
        headers: { authorization: auth, 'content-type': 'application/json' },
        body: JSON.stringify({
          events: [
            { memberId: 'M-100', name: 'purchase', occurredAt: '2025-04-01T19:00:00+09:00', idempotencyKey: 'o-1' },
            { memberId: 'M-100', name: 'purchase', occurredAt: 'soon' },
          ],
        }),
      });
    expect((await post('Bearer kz_wrong')).status).toBe(401);
    const res = await post(`Bearer ${key}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { accepted: number; results: { error?: { issues: { path: unknown[] }[] } }[] };
    expect(body.accepted).toBe(1);
    expect(body.results[1]?.error?.issues[0]?.path).toEqual(['events', 1, 'occurredAt']);
  });
});

describe('HTTP edges', () => {
  it('the webhook refuses a bad signature with 401 and answers LINE’s empty URL check', async () => {
    const body = JSON.stringify({ destination: 'U0', events: [] });
    const bad = await fetch(`${app.url}/api/line/webhook`, { method: 'POST', headers: { 'x-line-signature': 'AAAA' }, body });
    expect(bad.status).toBe(401);
    const { createHmac } = await import('node:crypto');
    const sig = createHmac('sha256', CHANNEL_SECRET).update(body).digest('base64');
    expect((await fetch(`${app.url}/api/line/webhook`, { method: 'POST', headers: { 'x-line-signature': sig }, body })).status).toBe(200);
  });

  it('a tracked link redirects with 302; a tampered one is 404 with no Location', async () => {
    const [f] = await tdb.db.select().from(friends).where(eq(friends.memberId, 'M-100'));
    const url = trackedUrl(
      { runId: 'run-e2e', nodeId: 'send_1', friendId: f?.id ?? '', target: 'https://shop.example.com/sale', isTest: false },
      { baseUrl: app.url, secret: KIZUNA_SECRET },
    );
    const ok = await fetch(url, { redirect: 'manual' });
    expect(ok.status).toBe(302);
    expect(ok.headers.get('location')).toBe('https://shop.example.com/sale');
    const tampered = await fetch(
      url.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')),
      { redirect: 'manual' },
    );
    expect(tampered.status).toBe(404);
    expect(tampered.headers.get('location')).toBeNull();
    await expect
      .poll(async () =>
        (
          await tdb.db
            .select()
            .from(events)
            .where(eq(events.friendId, f?.id ?? ''))
        ).map((e) => e.name),
      )
      .toContain('link_click');
  });
});
