// Browser, one full stack: 回答フォーム as an owner builds one and a friend answers it. The form link arrives on the
// sandbox phone in a scenario's message ({{form:survey}} filled per friend at send time), opens as a phone-sized page,
// a forged link is 404; the submit sets the mapped attribute (seen on the friend page) and its form_submitted event
// starts the scenario that thanks the friend.
import { mkdirSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertVersion } from '../../db/queries/scenario-versions';
import { attributeDefinitions, formResponses, friends, scenarios } from '../../db/schema';
import { compile } from '../../scenario/compile';
import { chainOf, end, text, trig } from '../../scenario/fixtures';
import type { ScenarioGraph } from '../../scenario/schema';
import { launchBrowser } from '../browser';
import { startFullStack, type FullStack } from '../full-stack';

const SHOTS = '/tmp/shots';
let stack: FullStack;
let browser: Browser;
let page: Page;
const userId = `U${randomBytes(16).toString('hex')}`;
const THANKS = 'ご回答ありがとうございます。ゴールド会員の特典をお送りします';

const texts = () =>
  (stack.sandbox.state.friends.get(userId)?.inbox ?? []).map((m) => (m.message.type === 'text' ? String(m.message.text) : m.message.type));

async function publish(name: string, graph: ScenarioGraph): Promise<void> {
  const db = stack.tdb.db;
  const [s] = await db.insert(scenarios).values({ name, draft: graph, status: 'live' }).returning();
  if (!s) throw new Error('no scenario');
  const v = await insertVersion(db, { scenarioId: s.id, graph, plan: compile(graph), publishedBy: 'test' });
  await db.update(scenarios).set({ liveVersionId: v.id }).where(eq(scenarios.id, s.id));
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  [stack, browser] = await Promise.all([startFullStack({ distDir: '.data/next-forms-test' }), launchBrowser()]);
  await stack.tdb.db.insert(attributeDefinitions).values([{ key: 'rank', label: '会員ランク', type: 'enum', options: ['gold', 'silver'] }]);
  await publish('ようこそ', chainOf([trig(), text('ask', 'アンケートにご協力ください {{form:survey}}'), end()]));
  await publish(
    '回答のお礼',
    chainOf([trig({ trigger: { type: 'event', eventName: 'form_submitted', filter: [] } }), text('thanks', THANKS), end()]),
  );
  const owner = await stack.signIn(null, 'owner');
  // Compile the routes under the hook's longer timeout.
  await fetch(`${stack.app.url}/api/line/webhook`, { method: 'POST', body: '{}' });
  for (const p of ['/forms', '/forms/new', '/friends']) await fetch(`${stack.app.url}${p}`, { headers: { cookie: owner.cookie } });
  await fetch(`${stack.app.url}/f/x.y`);
  await fetch(`${stack.app.url}/f/liff`);
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
  await stack.signIn(context, 'owner');
  page = await context.newPage();
  page.on('pageerror', (e) => console.log('PAGEERROR', e.message));
}, 600_000);
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('回答フォーム', () => {
  let formUrl = '';

  it('an owner builds a form whose choice is saved to a typed attribute', async () => {
    await page.goto(`${stack.app.url}/forms`, { waitUntil: 'networkidle' });
    expect(await page.getByTestId('main-nav').textContent()).toContain('回答フォーム');
    await page.getByTestId('form-new').click();
    await page.getByTestId('form-builder').waitFor();
    await page.getByTestId('form-title').fill('ご来店アンケート');
    await page.getByTestId('form-slug').fill('survey');
    await page.getByTestId('form-description').fill('1分で終わります。');
    await page.getByTestId('form-field-0-type').selectOption('single_choice');
    await page.getByTestId('form-field-0-label').fill('会員ランクを教えてください');
    await page.getByTestId('form-field-0-options').fill('gold\nsilver');
    await page.getByTestId('form-field-0-attribute').selectOption('rank');
    await page.getByTestId('form-add-field').click();
    await page.getByTestId('form-field-1-type').selectOption('email');
    await page.getByTestId('form-field-1-label').fill('メールアドレス');
    await page.getByTestId('form-field-1-help').fill('お得な情報をお送りします（任意）');
    await page.getByTestId('form-save').click();
    await page.waitForURL(/\/forms\/[0-9a-f-]{36}$/, { timeout: 60_000 });
    await page.getByTestId('form-builder').waitFor();
    expect(await page.getByTestId('form-placeholder').textContent()).toBe('{{form:survey}}');
    await page.screenshot({ path: `${SHOTS}/form-builder.png`, fullPage: true });
  });

  it('the friend gets their own link on the phone, which the LIFF endpoint opens too; a forged link is 404', async () => {
    await stack.sandbox.phone.addFriend({ userId, displayName: 'フォーム 花子' });
    await expect.poll(() => texts().join('\n'), { timeout: 90_000 }).toContain('/f/');
    formUrl = /(https?:\/\/\S+\/f\/\S+)/.exec(texts().join('\n'))?.[1] ?? '';
    expect(formUrl.startsWith(`${stack.app.url}/f/`)).toBe(true);
    const forged = `${formUrl.slice(0, -3)}${formUrl.endsWith('AAA') ? 'BBB' : 'AAA'}`;
    expect((await fetch(forged)).status).toBe(404);
    // With KIZUNA_LIFF_ID the link is https://liff.line.me/{id}?t={token}; LINE opens the LIFF endpoint /f/liff with it
    // in liff.state (then in ?t= after liff.init()): the same form. No token, or a forged one, is 404.
    const token = formUrl.slice(formUrl.lastIndexOf('/') + 1);
    const viaLiff = await fetch(`${stack.app.url}/f/liff?liff.state=${encodeURIComponent(`?t=${token}`)}`);
    expect(viaLiff.status).toBe(200);
    expect(await viaLiff.text()).toContain('ご来店アンケート');
    expect((await fetch(`${stack.app.url}/f/liff?t=${token}`)).status).toBe(200);
    expect((await fetch(`${stack.app.url}/f/liff`)).status).toBe(404);
    expect((await fetch(`${stack.app.url}/f/liff?t=${forged.slice(forged.lastIndexOf('/') + 1)}`)).status).toBe(404);
    expect(await stack.tdb.db.select().from(formResponses)).toEqual([]);
  });

  it('the friend answers on a phone-sized page: the attribute is set and form_submitted starts the thanks scenario', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
    const p = await phone.newPage();
    const res = await p.goto(formUrl, { waitUntil: 'networkidle' });
    expect(res?.status()).toBe(200);
    await p.getByTestId('public-form').waitFor();
    // Submitting without the required choice and with a bad email: each field says why, nothing stored.
    await p.locator('#field-q2').fill('not-an-email');
    await p.getByTestId('form-submit').click();
    await p.getByTestId('form-problem-q1').waitFor({ timeout: 30_000 });
    expect(await p.getByTestId('form-problem-q2').textContent()).toContain('メールアドレス');
    expect(await stack.tdb.db.select().from(formResponses)).toEqual([]);
    await p.screenshot({ path: `${SHOTS}/form-public-problems.png`, fullPage: true });

    await p.getByLabel('gold').check();
    await p.locator('#field-q2').fill('hanako@example.jp');
    await p.screenshot({ path: `${SHOTS}/form-public.png`, fullPage: true });
    await p.getByTestId('form-submit').click();
    await p.getByTestId('form-thanks').waitFor({ timeout: 30_000 });
    await p.screenshot({ path: `${SHOTS}/form-public-thanks.png`, fullPage: true });
    await phone.close();

    const rows = await stack.tdb.db.select().from(formResponses);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.answers).toEqual({ q1: 'gold', q2: 'hanako@example.jp' });
    const [friend] = await stack.tdb.db.select().from(friends).where(eq(friends.lineUserId, userId));
    expect(friend?.attributes).toMatchObject({ rank: 'gold' });

    await page.goto(`${stack.app.url}/friends/${friend?.id}`, { waitUntil: 'networkidle' });
    expect(await page.getByTestId('friend-attributes').textContent()).toContain('gold');
    await page.screenshot({ path: `${SHOTS}/form-friend-attribute.png`, fullPage: true });

    await expect.poll(() => texts(), { timeout: 90_000 }).toContain(THANKS);

    await page.goto(`${stack.app.url}/forms/${rows[0]?.formId}/responses`, { waitUntil: 'networkidle' });
    expect(await page.getByTestId('form-responses').textContent()).toContain('hanako@example.jp');
    await page.screenshot({ path: `${SHOTS}/form-responses.png`, fullPage: true });
    const csv = await page.evaluate(async (href) => (await fetch(href)).text(), `/forms/${rows[0]?.formId}/responses.csv`);
    expect(csv).toContain('フォーム 花子');
    expect(csv).toContain('gold');
  });
});
