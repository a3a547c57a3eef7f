// Browser, one full stack: rich menus as an owner makes them. An image of the wrong size is refused with the reason; a
// menu laid out from a template is published and made the default and shows on the sandbox phone; a second menu is
// drawn by hand; a tag rule sends a friend to it when a scenario adds the tag; and tapping the first menu's area sends
// the postback that starts that scenario (and counts on the menu's page). Every LINE call passes the spec validation.
import { mkdirSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { friendTags, friends, richMenus } from '../../db/schema';
import { launchBrowser } from '../browser';
import { startFullStack, type FullStack } from '../full-stack';

const SHOTS = '/tmp/shots';
let stack: FullStack;
let browser: Browser;
let page: Page;
let cookie: string;
const taro = `U${randomBytes(16).toString('hex')}`;

const png = (width: number, height: number, background: string) =>
  sharp({ create: { width, height, channels: 3, background } })
    .composite([
      {
        input: Buffer.from(
          `<svg width="${width}" height="${height}"><line x1="${width / 2}" y1="0" x2="${width / 2}" y2="${height}" stroke="white" stroke-width="12"/></svg>`,
        ),
      },
    ])
    .png()
    .toBuffer();

async function api(method: string, url: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${stack.app.url}${url}`, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json: unknown = await res.json();
  if (!res.ok) throw new Error(`${method} ${url} → ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/** A live scenario: the menu's `join_vip` event adds the tag VIP. */
async function publishVipScenario(): Promise<void> {
  const created = z.object({ id: z.string(), draftRevision: z.number() }).parse(await api('POST', '/api/scenarios', { name: 'VIP登録' }));
  await api('PUT', `/api/scenarios/${created.id}/draft`, {
    expectedRevision: created.draftRevision,
    graph: {
      schemaVersion: 1,
      settings: { timeZone: 'Asia/Tokyo', splitSalt: 'vip' },
      nodes: [
        {
          id: 'trigger',
          kind: 'trigger',
          position: { x: 0, y: 0 },
          data: { trigger: { type: 'event', eventName: 'join_vip' }, reEntry: 'once' },
        },
        { id: 'tag', kind: 'action', position: { x: 0, y: 100 }, data: { action: { type: 'add_tag', tag: 'VIP' } } },
        { id: 'end', kind: 'end', position: { x: 0, y: 200 }, data: {} },
      ],
      edges: [
        { id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'tag' },
        { id: 'e2', source: 'tag', sourceHandle: 'next', target: 'end' },
      ],
    },
  });
  await api('POST', `/api/scenarios/${created.id}/publish`);
}

async function upload(file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
  await page.getByTestId('rich-menu-file').setInputFiles(file);
}

async function menuIdByName(name: string): Promise<{ id: string; lineRichMenuId: string | null }> {
  const [row] = await stack.tdb.db.select().from(richMenus).where(eq(richMenus.name, name));
  if (!row) throw new Error(`no menu ${name}`);
  return { id: row.id, lineRichMenuId: row.lineRichMenuId };
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  [stack, browser] = await Promise.all([startFullStack({ distDir: '.data/next-rich-menus-test' }), launchBrowser()]);
  await fetch(`${stack.app.url}/api/line/webhook`, { method: 'POST', body: '{}' });
  const owner = await stack.signIn(null, 'owner');
  cookie = owner.cookie;
  for (const p of ['/rich-menus', '/rich-menus/new', '/sandbox']) await fetch(`${stack.app.url}${p}`, { headers: { cookie } });
  await stack.sandbox.phone.addFriend({ userId: taro, displayName: '山田 太郎' });
  for (let tries = 0; ; tries++) {
    const made = await stack.tdb.db.select({ id: friends.id }).from(friends).where(eq(friends.lineUserId, taro));
    if (made.length === 1) break;
    if (tries > 120) throw new Error('the friend did not arrive');
    await new Promise((r) => setTimeout(r, 500));
  }
  await publishVipScenario();
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  await stack.signIn(context, 'owner');
  page = await context.newPage();
  page.on('pageerror', (e) => console.log('PAGEERROR', e.message));
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('rich menus', () => {
  it('refuses a wrong-size image, publishes a template menu as the default and shows it on the phone', async () => {
    await page.goto(`${stack.app.url}/rich-menus/new`, { waitUntil: 'networkidle' });
    await upload({ name: 'wrong.png', mimeType: 'image/png', buffer: await png(1000, 500, '#888888') });
    await expect.poll(() => page.getByTestId('rich-menu-problem').textContent()).toContain('1000×500px');

    await upload({ name: 'member.png', mimeType: 'image/png', buffer: await png(2500, 843, '#06c755') });
    await expect.poll(() => page.getByTestId('rich-menu-area-box-1').count(), { timeout: 20_000 }).toBe(1);
    await page.getByTestId('rich-menu-template-halves').click();
    await page.getByTestId('rich-menu-name').fill('会員メニュー');
    await page.getByTestId('rich-menu-area-box-0').click();
    await page.getByTestId('rich-menu-event').fill('join_vip');
    await page.getByTestId('rich-menu-area-box-1').click();
    await page.getByTestId('rich-menu-action-type').selectOption('message');
    await page.getByTestId('rich-menu-text').fill('営業時間は？');
    await page.getByTestId('rich-menu-save').click();
    await page.waitForURL(/\/rich-menus\/[0-9a-f-]{36}$/, { timeout: 30_000 });
    await page.getByTestId('rich-menu-publish').click();
    await expect.poll(async () => (await menuIdByName('会員メニュー')).lineRichMenuId, { timeout: 20_000 }).toMatch(/^richmenu-/);
    await page.getByTestId('rich-menu-default').click();
    await expect.poll(() => page.getByTestId('rich-menu-default').textContent(), { timeout: 20_000 }).toBe('デフォルト');
    await page.screenshot({ path: `${SHOTS}/richmenu-editor.png`, fullPage: true });

    const member = await menuIdByName('会員メニュー');
    expect(stack.sandbox.state.richMenus.defaultId).toBe(member.lineRichMenuId);
    await page.goto(`${stack.app.url}/sandbox`, { waitUntil: 'networkidle' });
    await page.getByTestId('sandbox-friends').getByText('山田 太郎').click();
    await expect
      .poll(() => page.getByTestId('rich-menu').getAttribute('data-rich-menu-id'), { timeout: 20_000 })
      .toBe(member.lineRichMenuId);
    await expect.poll(() => page.getByTestId('rich-menu').locator('img').count(), { timeout: 10_000 }).toBe(1);
    await page.getByTestId('chat-view').screenshot({ path: `${SHOTS}/richmenu-phone.png` });
  });

  it('draws a second menu by hand; a tag rule links it when the tapped area starts the scenario that adds the tag', async () => {
    await page.goto(`${stack.app.url}/rich-menus/new`, { waitUntil: 'networkidle' });
    await upload({ name: 'vip.png', mimeType: 'image/png', buffer: await png(2500, 843, '#b8860b') });
    await expect.poll(() => page.getByTestId('rich-menu-area-box-1').count(), { timeout: 20_000 }).toBe(1);
    await page.getByText('領域をすべて消す').click();
    await page.getByTestId('rich-menu-draw').click();
    const box = await page.getByTestId('rich-menu-surface').boundingBox();
    if (!box) throw new Error('no drawing surface');
    await page.mouse.move(box.x + box.width * 0.1, box.y + box.height * 0.1);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.6, { steps: 5 });
    await page.mouse.move(box.x + box.width * 0.9, box.y + box.height * 0.9, { steps: 5 });
    await page.mouse.up();
    await expect.poll(() => page.getByTestId('rich-menu-area-box-0').count()).toBe(1);
    await page.getByTestId('rich-menu-action-type').selectOption('message');
    await page.getByTestId('rich-menu-text').fill('VIP特典');
    await page.getByTestId('rich-menu-name').fill('VIPメニュー');
    await page.screenshot({ path: `${SHOTS}/richmenu-editor-draw.png`, fullPage: true });
    await page.getByTestId('rich-menu-save').click();
    await page.waitForURL(/\/rich-menus\/[0-9a-f-]{36}$/, { timeout: 30_000 });
    await page.getByTestId('rich-menu-publish').click();
    await expect.poll(async () => (await menuIdByName('VIPメニュー')).lineRichMenuId, { timeout: 20_000 }).toMatch(/^richmenu-/);
    const vip = await menuIdByName('VIPメニュー');
    const drawn = (await stack.tdb.db.select().from(richMenus).where(eq(richMenus.id, vip.id)))[0]?.areas;
    expect(z.array(z.object({ bounds: z.object({ x: z.number(), width: z.number() }) })).parse(drawn)[0]?.bounds.x).toBeGreaterThan(200);

    // The rule: VIP → VIPメニュー.
    await page.goto(`${stack.app.url}/rich-menus`, { waitUntil: 'networkidle' });
    await page.getByTestId('rule-add').click();
    await page.getByTestId('rule-tag').fill('VIP');
    await page.getByTestId('rule-menu').selectOption({ label: 'VIPメニュー' });
    await page.getByTestId('rules-save').click();
    await expect.poll(() => page.getByTestId('rules-message').textContent()).toBe('保存しました。');

    // The friend taps the member menu's first area: join_vip → the scenario adds VIP → the rule links the VIP menu.
    await page.goto(`${stack.app.url}/sandbox`, { waitUntil: 'networkidle' });
    await page.getByTestId('sandbox-friends').getByText('山田 太郎').click();
    const member = await menuIdByName('会員メニュー');
    await expect
      .poll(() => page.getByTestId('rich-menu').getAttribute('data-rich-menu-id'), { timeout: 20_000 })
      .toBe(member.lineRichMenuId);
    await page.getByTestId('rich-menu-area-0').click();
    const [friend] = await stack.tdb.db.select().from(friends).where(eq(friends.lineUserId, taro));
    await expect
      .poll(
        async () =>
          (
            await stack.tdb.db
              .select()
              .from(friendTags)
              .where(eq(friendTags.friendId, friend?.id ?? ''))
          ).map((t) => t.tag),
        { timeout: 60_000 },
      )
      .toEqual(['VIP']);
    await expect.poll(() => page.getByTestId('rich-menu').getAttribute('data-rich-menu-id'), { timeout: 30_000 }).toBe(vip.lineRichMenuId);
    expect(stack.sandbox.state.richMenus.userLinks.get(taro)).toBe(vip.lineRichMenuId);
    await expect.poll(() => page.getByTestId('rich-menu').locator('img').count(), { timeout: 10_000 }).toBe(1);
    await page.getByTestId('chat-view').screenshot({ path: `${SHOTS}/richmenu-phone-vip.png` });

    // The tap counts on the member menu's page.
    await page.goto(`${stack.app.url}/rich-menus/${member.id}`, { waitUntil: 'networkidle' });
    expect(await page.getByTestId('rich-menu-taps-0').textContent()).toBe('1');
    expect(stack.sandbox.invalidRequests()).toEqual([]);
  });
});
