// Browser, one full stack: coupons as an owner runs them. Two coupons are made on the クーポン page (one a lottery with
// a percentage discount) and one is closed; a scenario's send step picks the open coupon (the editor's preview shows
// its card), is published, and the coupon reaches the sandbox phone as a card whose deliveryTag names the scenario's
// node; a draft naming the closed coupon is refused before publish with an error naming the step. Every LINE call
// passes the spec validation.
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { friends } from '../../db/schema';
import { couponDeliveryTag } from '../../scenario/coupons';
import { launchBrowser } from '../browser';
import { startFullStack, type FullStack } from '../full-stack';

const SHOTS = '/tmp/shots';
let stack: FullStack;
let browser: Browser;
let page: Page;
let cookie = '';

async function api(method: string, url: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${stack.app.url}${url}`, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: await res.json().catch(() => null) };
}

/** friend added → send (a text, then the coupon) → end. */
const graphWith = (couponId: string) => ({
  schemaVersion: 1,
  settings: { timeZone: 'Asia/Tokyo', splitSalt: 'coupons' },
  nodes: [
    {
      id: 'trigger',
      kind: 'trigger',
      position: { x: 0, y: 0 },
      data: { trigger: { type: 'friend_added', includeRefollow: false }, reEntry: 'once' },
    },
    {
      id: 'send-coupon',
      kind: 'send',
      label: '友だち追加クーポン',
      position: { x: 0, y: 140 },
      data: {
        messages: [
          { type: 'text', text: 'ご登録ありがとうございます' },
          { type: 'coupon', couponId },
        ],
        trackLinks: true,
      },
    },
    { id: 'end', kind: 'end', position: { x: 0, y: 280 }, data: {} },
  ],
  edges: [
    { id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'send-coupon' },
    { id: 'e2', source: 'send-coupon', sourceHandle: 'next', target: 'end' },
  ],
});

async function scenarioWithCoupon(name: string, couponId: string): Promise<string> {
  const created = z.object({ id: z.string(), draftRevision: z.number() }).parse((await api('POST', '/api/scenarios', { name })).json);
  const saved = await api('PUT', `/api/scenarios/${created.id}/draft`, {
    graph: graphWith(couponId),
    expectedRevision: created.draftRevision,
  });
  expect(saved.status).toBe(200);
  return created.id;
}

const couponIdOf = (title: string): string => {
  const c = [...stack.sandbox.state.coupons.coupons.values()].find((x) => x.body.title === title);
  if (!c) throw new Error(`no coupon ${title}`);
  return c.couponId;
};

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  [stack, browser] = await Promise.all([startFullStack({ distDir: '.data/next-coupons-test' }), launchBrowser()]);
  await fetch(`${stack.app.url}/api/line/webhook`, { method: 'POST', body: '{}' });
  const owner = await stack.signIn(null, 'owner');
  cookie = owner.cookie;
  // The dev server compiles each page and route on first request: do it here, under the hook's longer timeout.
  for (const p of ['/coupons', '/sandbox', '/api/coupons', '/scenarios']) await fetch(`${stack.app.url}${p}`, { headers: { cookie } });
  const context = await browser.newContext({ viewport: { width: 1600, height: 1100 } });
  await stack.signIn(context, 'owner');
  page = await context.newPage();
  page.on('pageerror', (e) => console.log('PAGEERROR', e.message));
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('coupons', () => {
  it('creates a lottery coupon and a plain one on the coupons page, and closes the second', async () => {
    await page.goto(`${stack.app.url}/coupons`, { waitUntil: 'networkidle', timeout: 120_000 });
    await page.getByTestId('coupon-title').fill('春の10%オフ');
    await page.getByTestId('coupon-reward').selectOption('discount_percentage');
    await page.getByTestId('coupon-percentage').fill('10');
    await page.getByTestId('coupon-lottery').check();
    await page.getByTestId('coupon-probability').fill('30');
    await page.getByTestId('coupon-max-acquire').fill('100');
    await page.getByTestId('coupon-create').click();
    await expect.poll(() => page.getByTestId('coupon-row').count(), { timeout: 30_000 }).toBe(1);

    await page.getByTestId('coupon-title').fill('冬のセール');
    await page.getByTestId('coupon-reward').selectOption('free');
    await page.getByTestId('coupon-lottery').uncheck();
    await page.getByTestId('coupon-create').click();
    await expect.poll(() => page.getByTestId('coupon-row').count(), { timeout: 30_000 }).toBe(2);

    const spring = stack.sandbox.state.coupons.coupons.get(couponIdOf('春の10%オフ'));
    expect(spring?.body).toMatchObject({
      acquisitionCondition: { type: 'lottery', lotteryProbability: 30, maxAcquireCount: 100 },
      reward: { type: 'discount', priceInfo: { type: 'percentage', percentage: 10 } },
      timezone: 'ASIA_TOKYO',
      maxUseCountPerTicket: 1,
    });

    const winter = page.locator(`[data-testid="coupon-row"][data-coupon-id="${couponIdOf('冬のセール')}"]`);
    page.once('dialog', (d) => void d.accept());
    await winter.getByTestId('coupon-close').click();
    await expect.poll(() => winter.getByTestId('coupon-status').textContent(), { timeout: 30_000 }).toBe('終了');
    expect(stack.sandbox.state.coupons.coupons.get(couponIdOf('冬のセール'))?.status).toBe('CLOSED');
    await page.screenshot({ path: `${SHOTS}/coupons-page.png`, fullPage: true });
  }, 180_000);

  it('sends the open coupon from a scenario: the preview shows its card, the phone too, with the node as deliveryTag', async () => {
    const couponId = couponIdOf('春の10%オフ');
    const scenarioId = await scenarioWithCoupon('友だち追加クーポン', couponId);

    await page.goto(`${stack.app.url}/scenarios/${scenarioId}`, { waitUntil: 'networkidle', timeout: 120_000 });
    await page.getByTestId('node-send-coupon').click();
    expect(await page.getByTestId('send-send-coupon-kind-1').inputValue()).toBe('coupon');
    const picker = page.getByTestId('send-send-coupon-msg-1-coupon');
    expect(await picker.inputValue()).toBe(couponId);
    // Once LINE's list is in, the coupon shows by its title; the closed one is not offered.
    await expect.poll(() => picker.locator('option').allTextContents(), { timeout: 20_000 }).toEqual(['— 選んでください —', '春の10%オフ']);
    const preview = page.getByTestId('send-send-coupon-preview');
    await expect.poll(() => preview.getByTestId('coupon-card-title').textContent(), { timeout: 20_000 }).toBe('春の10%オフ');
    await preview.screenshot({ path: `${SHOTS}/coupons-editor-preview.png` });

    expect((await api('POST', `/api/scenarios/${scenarioId}/publish`)).status).toBe(201);
    const userId = `U${randomBytes(16).toString('hex')}`;
    await stack.sandbox.phone.addFriend({ userId, displayName: '佐藤 花子' });
    const inbox = () => stack.sandbox.state.friends.get(userId)?.inbox ?? [];
    await expect.poll(() => inbox().length, { timeout: 90_000 }).toBe(2);
    const tag = couponDeliveryTag({ scenarioId, nodeId: 'send-coupon' });
    expect(tag).toBe(`${scenarioId.replace(/-/g, '').slice(0, 8)}_send-coupon`);
    expect(inbox()[1]?.message).toEqual({ type: 'coupon', couponId, deliveryTag: tag });
    const [friend] = await stack.tdb.db.select({ id: friends.id }).from(friends).where(eq(friends.lineUserId, userId));
    expect(friend).toBeDefined();

    await page.goto(`${stack.app.url}/sandbox`, { waitUntil: 'networkidle', timeout: 120_000 });
    await page
      .getByTestId('sandbox-friends')
      .getByRole('button', { name: /佐藤 花子/ })
      .click();
    const chat = page.getByTestId('chat-log');
    await expect.poll(() => chat.getByTestId('coupon-card-title').textContent(), { timeout: 20_000 }).toBe('春の10%オフ');
    expect(await chat.locator('[data-delivery-tag]').getAttribute('data-delivery-tag')).toBe(tag);
    expect(await chat.getByTestId('coupon-card').textContent()).toContain('抽選');
    expect(await chat.getByTestId('coupon-card').textContent()).toContain('10%オフ');
    await page.getByTestId('chat-view').screenshot({ path: `${SHOTS}/coupons-phone.png` });
    expect(stack.sandbox.invalidRequests()).toEqual([]);
  }, 300_000);

  it('refuses to publish a draft that sends the closed coupon, naming the step', async () => {
    const scenarioId = await scenarioWithCoupon('終了したクーポン', couponIdOf('冬のセール'));
    const refused = await api('POST', `/api/scenarios/${scenarioId}/publish`);
    expect(refused.status).toBe(400);
    const body = z
      .object({
        error: z.object({ code: z.string(), issues: z.array(z.looseObject({ code: z.string(), nodeId: z.string().optional() })) }),
      })
      .parse(refused.json);
    expect(body.error.code).toBe('invalid:graph');
    expect(body.error.issues).toEqual([
      expect.objectContaining({ code: 'coupon_closed', nodeId: 'send-coupon', path: ['nodes', 1, 'data', 'messages', 1, 'couponId'] }),
    ]);

    // In the editor: the publish dialog shows the step's name with LINE's reason, in Japanese.
    await page.goto(`${stack.app.url}/scenarios/${scenarioId}`, { waitUntil: 'networkidle', timeout: 120_000 });
    await page.getByTestId('publish').click();
    await page.getByTestId('publish-confirm').click();
    const error = page.getByTestId('publish-error');
    await expect
      .poll(() => error.locator('li[data-node="send-coupon"]').textContent(), { timeout: 30_000 })
      .toContain('友だち追加クーポン');
    expect(await error.textContent()).toContain('冬のセール」は終了のため送れません');
    await page.screenshot({ path: `${SHOTS}/coupons-publish-refused.png` });
    expect(stack.sandbox.invalidRequests()).toEqual([]);
  }, 180_000);
});
