// Browser, one full stack: an operator creates an inflow route (流入経路) with a tag and a scenario, opens its URL in
// the browser, passes the sandbox's LINE Login stand-in with 友だち追加 ticked, and lands on the thank-you page; the
// friend is tagged and attributed, the route's scenario greets them on the phone, and the route's report counts them.
import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { friendInflowRoutes, friends, friendTags, inflowRoutes } from '../../db/schema';
import { artefactPath } from '../app';
import { launchBrowser } from '../browser';
import { startFullStack, type FullStack } from '../full-stack';

let stack: FullStack;
let browser: Browser;
let page: Page;
let session = '';
const GREETING = '経路からの登録ありがとうございます！';

async function api(method: string, url: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${stack.app.url}${url}`, {
    method,
    headers: { cookie: session, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json: unknown = await res.json();
  if (!res.ok) throw new Error(`${method} ${url} → ${res.status} ${JSON.stringify(json)}`);
  return json;
}

beforeAll(async () => {
  [stack, browser] = await Promise.all([startFullStack({ distDir: '.data/next-inflow-routes-test' }), launchBrowser()]);
  ({ cookie: session } = await stack.signIn(null, 'owner'));
  // The webhook route compiles on its first request, which may outlast the sandbox's webhook timeout: compile it first.
  await fetch(`${stack.app.url}/api/line/webhook`, { method: 'POST', body: '{}' });
  for (const p of ['/routes', '/in/thanks']) await fetch(`${stack.app.url}${p}`, { headers: { cookie: session } });
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
  await stack.signIn(context, 'owner');
  page = await context.newPage();
  page.on('pageerror', (e) => console.log('PAGEERROR', e.message));
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('inflow routes', () => {
  it('a route URL opened in the browser adds, tags and greets the friend, and the report counts them', async () => {
    // A live scenario whose own trigger never fires: only the route starts it.
    const created = z
      .object({ id: z.string(), draftRevision: z.number() })
      .parse(await api('POST', '/api/scenarios', { name: '店頭POPの歓迎' }));
    await api('PUT', `/api/scenarios/${created.id}/draft`, {
      expectedRevision: created.draftRevision,
      graph: {
        schemaVersion: 1,
        settings: { timeZone: 'Asia/Tokyo', splitSalt: 'inflow' },
        nodes: [
          {
            id: 'trigger',
            kind: 'trigger',
            position: { x: 0, y: 0 },
            data: { trigger: { type: 'event', eventName: 'never' }, reEntry: 'once' },
          },
          { id: 'hello', kind: 'send', position: { x: 0, y: 100 }, data: { messages: [{ type: 'text', text: GREETING }] } },
          { id: 'end', kind: 'end', position: { x: 0, y: 200 }, data: {} },
        ],
        edges: [
          { id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'hello' },
          { id: 'e2', source: 'hello', sourceHandle: 'next', target: 'end' },
        ],
      },
    });
    await api('POST', `/api/scenarios/${created.id}/publish`);

    // The operator creates the route on its screen.
    await page.goto(`${stack.app.url}/routes`, { waitUntil: 'networkidle' });
    await page.getByTestId('route-name').fill('店頭POP 渋谷店');
    await page.getByTestId('route-tags').fill('渋谷店, 来店');
    await page.getByTestId('route-scenario').selectOption(created.id);
    await page.getByTestId('route-save').click();
    await page.waitForURL(/\/routes\/[0-9a-f-]{36}$/, { timeout: 60_000 });
    const routeUrl = (await page.getByTestId('route-url').textContent()) ?? '';
    expect(routeUrl).toMatch(new RegExp(`^${stack.app.url}/in/[A-Za-z0-9_-]{12}$`));
    expect(await page.getByTestId('route-qr').locator('svg').count()).toBe(1);
    const png = await page.request.get(`${page.url()}/qr?format=png`);
    expect(png.headers()['content-type']).toBe('image/png');
    expect((await png.body()).subarray(1, 4).toString()).toBe('PNG');
    await page.screenshot({ path: '/tmp/shots/route-created.png', fullPage: true });

    // A visitor opens the route URL: LINE Login (the sandbox stand-in) with 友だち追加, then the thank-you page.
    const visitor = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'ja-JP' });
    await visitor.goto(routeUrl);
    await visitor.waitForURL((u) => u.pathname.startsWith('/__login/interaction/'));
    expect(await visitor.getByTestId('login-add-friend').isChecked()).toBe(true);
    await visitor.getByTestId('login-name').fill('経路 花子');
    await visitor.screenshot({ path: artefactPath('inflow-login-consent.png') });
    await visitor.getByTestId('login-allow').click();
    await visitor.waitForURL((u) => u.pathname === '/in/thanks', { timeout: 60_000 });
    expect(await visitor.getByTestId('inflow-thanks').textContent()).toBe('ご登録ありがとうございます');
    await visitor.screenshot({ path: artefactPath('inflow-thanks.png') });

    // The friend is on the phone, in Kizuna with the route's tags and the route, and the route's scenario greets them.
    const phoneFriend = [...stack.sandbox.state.friends.values()].find((f) => f.displayName === '経路 花子');
    expect(phoneFriend?.status).toBe('friend');
    const lineUserId = phoneFriend?.userId ?? '';
    const [friend] = await stack.tdb.db.select().from(friends).where(eq(friends.lineUserId, lineUserId));
    expect(friend).toBeDefined();
    const tags = await stack.tdb.db
      .select({ tag: friendTags.tag })
      .from(friendTags)
      .where(eq(friendTags.friendId, friend?.id ?? ''));
    expect(tags.map((t) => t.tag).sort()).toEqual(['来店', '渋谷店']);
    const [attributed] = await stack.tdb.db
      .select({ name: inflowRoutes.name })
      .from(friendInflowRoutes)
      .innerJoin(inflowRoutes, eq(inflowRoutes.id, friendInflowRoutes.routeId))
      .where(eq(friendInflowRoutes.friendId, friend?.id ?? ''));
    expect(attributed?.name).toBe('店頭POP 渋谷店');
    const texts = () =>
      (stack.sandbox.state.friends.get(lineUserId)?.inbox ?? []).map((m) => (m.message.type === 'text' ? String(m.message.text) : ''));
    await expect.poll(texts, { timeout: 120_000 }).toContain(GREETING);

    // The route's report counts the visit and the friend added.
    await page.reload({ waitUntil: 'networkidle' });
    expect(await page.getByTestId('route-total-visits').textContent()).toBe('1');
    expect(await page.getByTestId('route-total-added').textContent()).toBe('1');
    expect(await page.getByTestId('route-total-blocks7').textContent()).toBe('0');
    await page.screenshot({ path: '/tmp/shots/route-report.png', fullPage: true });

    // A forged callback (no cookie, made-up state and code) is refused and records nothing more.
    const forged = await fetch(`${stack.app.url}/in/callback?code=x&state=forged-state-0123456789`, { redirect: 'manual' });
    expect(forged.status).toBe(400);
    await page.reload({ waitUntil: 'networkidle' });
    expect(await page.getByTestId('route-total-visits').textContent()).toBe('1');
  });
});
