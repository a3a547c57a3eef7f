// Browser, one full stack: LINE refuses the access token, then the monthly quota runs out. Every admin page shows the
// banner (Japanese and English), Settings shows the quota gauge, the held welcomes stay pending, and once LINE answers
// again the banner goes by itself and each friend gets one message.
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { friends, outbox } from '../../db/schema';
import { en, ja } from '../../lib/i18n/messages/channel';
import { artefactPath } from '../app';
import { launchBrowser } from '../browser';
import { startFullStack, type FullStack } from '../full-stack';
import { browserCookie } from '../operators';

let stack: FullStack;
let browser: Browser;
let session = '';

beforeAll(async () => {
  [stack, browser] = await Promise.all([startFullStack({ distDir: '.data/next-channel-paused-test' }), launchBrowser()]);
  ({ cookie: session } = await stack.signIn(null, 'owner'));
});
afterAll(async () => {
  if (stack) {
    stack.sandbox.state.config.tokenRevoked = false;
    stack.sandbox.state.config.monthlyQuota = null;
  }
  await browser?.close();
  await stack?.stop();
});

async function newPage(lang: 'ja' | 'en'): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.context().addCookies([browserCookie(stack.app.url, session), { name: 'lang', value: lang, url: stack.app.url }]);
  page.on('pageerror', (e) => console.log('PAGEERROR', e.message));
  return page;
}

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

/** A friend follows on the sandbox phone; returns their LINE user id. */
async function follow(name: string): Promise<string> {
  const userId = `U${randomBytes(16).toString('hex')}`;
  await stack.sandbox.phone.addFriend({ userId, displayName: name });
  return userId;
}

async function sendOf(lineUserId: string) {
  const [friend] = await stack.tdb.db.select().from(friends).where(eq(friends.lineUserId, lineUserId));
  if (!friend) return null;
  const [row] = await stack.tdb.db.select().from(outbox).where(eq(outbox.friendId, friend.id));
  return row ? `${row.status} ${row.reason ?? ''}`.trim() : null;
}

const inbox = (lineUserId: string) => stack.sandbox.state.friends.get(lineUserId)?.inbox.length ?? 0;
const banner = (page: Page) => page.getByTestId('channel-paused-banner');

describe('a paused LINE channel in the admin UI', () => {
  it('shows why sends are held, and clears by itself once LINE takes the token and then has quota again', async () => {
    const created = z
      .object({ id: z.string(), draftRevision: z.number() })
      .parse(await api('POST', '/api/scenarios', { name: 'ようこそ' }));
    await api('PUT', `/api/scenarios/${created.id}/draft`, {
      expectedRevision: created.draftRevision,
      graph: {
        schemaVersion: 1,
        settings: { timeZone: 'Asia/Tokyo', splitSalt: 'banner' },
        nodes: [
          { id: 'trigger', kind: 'trigger', position: { x: 0, y: 0 }, data: { trigger: { type: 'friend_added' }, reEntry: 'once' } },
          { id: 'hello', kind: 'send', position: { x: 0, y: 100 }, data: { messages: [{ type: 'text', text: 'ようこそ！' }] } },
          { id: 'end', kind: 'end', position: { x: 0, y: 200 }, data: {} },
        ],
        edges: [
          { id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'hello' },
          { id: 'e2', source: 'hello', sourceHandle: 'next', target: 'end' },
        ],
      },
    });
    await api('POST', `/api/scenarios/${created.id}/publish`);

    // The token is revoked on LINE's side: the welcome is held, not failed, and every page says so.
    stack.sandbox.state.config.tokenRevoked = true;
    const first = await follow('トークン 花子');
    await expect.poll(() => sendOf(first), { timeout: 60_000 }).toBe('pending held:credentials');
    const page = await newPage('ja');
    await page.goto(`${stack.app.url}/scenarios`, { waitUntil: 'networkidle' });
    expect(await banner(page).textContent()).toContain(ja['channel.paused.credentials.title']);
    await page.screenshot({ path: artefactPath('channel-paused-credentials-ja.png') });
    const english = await newPage('en');
    await english.goto(`${stack.app.url}/friends`, { waitUntil: 'networkidle' });
    expect(await banner(english).textContent()).toContain(en['channel.paused.credentials.title']);
    await english.screenshot({ path: artefactPath('channel-paused-credentials-en.png') });
    expect(inbox(first)).toBe(0);

    // The token is fixed: the held welcome goes out once, the banner goes by itself.
    stack.sandbox.state.config.tokenRevoked = false;
    await expect.poll(() => sendOf(first), { timeout: 120_000 }).toBe('sent');
    expect(inbox(first)).toBe(1);
    await page.reload({ waitUntil: 'networkidle' });
    expect(await banner(page).count()).toBe(0);

    // The month's quota is used up: the next welcome is held; Settings shows the figures and why.
    const used = stack.sandbox.stats().messages.billedThisMonth;
    stack.sandbox.state.config.monthlyQuota = used;
    const second = await follow('クォータ 太郎');
    await expect.poll(() => sendOf(second), { timeout: 60_000 }).toBe('pending held:quota');
    await page.goto(`${stack.app.url}/settings`, { waitUntil: 'networkidle' });
    expect(await banner(page).textContent()).toContain(ja['channel.paused.quota.title']);
    // The token pause's last probe (which found LINE answering) is not this pause's.
    expect(await banner(page).textContent()).not.toContain('（ok）');
    const gauge = page.getByTestId('quota-gauge');
    expect(await page.getByTestId('quota-figures').textContent()).toBe(`${used} / ${used} 通`);
    expect(await gauge.textContent()).toContain(ja['channel.quota.paused']);
    expect(await gauge.getByRole('meter').getAttribute('aria-valuenow')).toBe(String(used));
    await gauge.scrollIntoViewIfNeeded();
    await page.screenshot({ path: artefactPath('channel-paused-quota-ja.png'), fullPage: true });
    await english.goto(`${stack.app.url}/settings`, { waitUntil: 'networkidle' });
    expect(await english.getByTestId('quota-figures').textContent()).toBe(`${used} / ${used} messages`);
    await english.screenshot({ path: artefactPath('channel-paused-quota-en.png'), fullPage: true });

    // The plan grows: Settings reads the new quota, the channel resumes, the held welcome goes out once.
    stack.sandbox.state.config.monthlyQuota = used + 100;
    await expect
      .poll(
        async () => {
          await page.reload({ waitUntil: 'networkidle' });
          return banner(page).count();
        },
        { timeout: 30_000 },
      )
      .toBe(0);
    // (the held welcome may have gone out already: used or used + 1)
    expect(await page.getByTestId('quota-figures').textContent()).toContain(` / ${used + 100} 通`);
    await expect.poll(() => sendOf(second), { timeout: 120_000 }).toBe('sent');
    expect([inbox(first), inbox(second)]).toEqual([1, 1]);
    await page.close();
    await english.close();
  });
});
