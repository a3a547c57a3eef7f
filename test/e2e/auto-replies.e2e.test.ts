// Browser, one full stack: 自動応答 as an owner uses it. A regex RE2 cannot compile is refused with the reason and
// nothing saved; a rule is created from the form; the "try a message" box says which rule fires and why others do not;
// a text from the sandbox phone fires the rule (reply on the phone through the Reply API, tag added) and the list counts
// the hit; every change is in the audit log.
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, friendTags, friends, keywordRules } from '../../db/schema';
import { artefactPath } from '../app';
import { launchBrowser } from '../browser';
import { startFullStack, type FullStack } from '../full-stack';

let stack: FullStack;
let browser: Browser;
let page: Page;
const userId = `U${randomBytes(16).toString('hex')}`;
const inbox = () => stack.sandbox.state.friends.get(userId)?.inbox ?? [];

beforeAll(async () => {
  [stack, browser] = await Promise.all([startFullStack({ distDir: '.data/next-auto-replies-test' }), launchBrowser()]);
  // The webhook route compiles on its first request, which may outlast the sandbox's webhook timeout: compile it first.
  await fetch(`${stack.app.url}/api/line/webhook`, { method: 'POST', body: '{}' });
  await stack.sandbox.phone.addFriend({ userId, displayName: '鈴木' });
  for (let tries = 0; ; tries++) {
    const made = await stack.tdb.db.select({ id: friends.id }).from(friends).where(eq(friends.lineUserId, userId));
    if (made.length === 1) break;
    if (tries > 120) throw new Error('the friend did not arrive');
    await new Promise((r) => setTimeout(r, 500));
  }
  const owner = await stack.signIn(null, 'owner');
  // The dev server compiles each page on first request: do it here, under the hook's longer timeout.
  await fetch(`${stack.app.url}/auto-replies`, { headers: { cookie: owner.cookie } });
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  await stack.signIn(context, 'owner');
  page = await context.newPage();
  page.on('pageerror', (e) => console.log('PAGEERROR', e.message));
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('自動応答', () => {
  it('refuses a regular expression RE2 cannot run, with the reason, and saves nothing', async () => {
    await page.goto(`${stack.app.url}/auto-replies`);
    await page.getByRole('link', { name: '自動応答' }).waitFor();
    await page.getByTestId('auto-reply-new').click();
    await page.getByTestId('rule-name').fill('予約');
    await page.getByTestId('rule-mode').selectOption('regex');
    await page.getByTestId('rule-pattern').fill('(予約)\\1');
    // Said while typing …
    await expect.poll(() => page.getByTestId('rule-pattern-hint').textContent()).toContain('この正規表現は使えません');
    // RE2's reason in Japanese too, not the library's English.
    expect(await page.getByTestId('rule-pattern-hint').textContent()).toContain('使えないエスケープです');
    expect(await page.getByTestId('rule-pattern-hint').textContent()).not.toMatch(/error parsing|escape sequence/);
    await page.getByTestId('rule-reply-text').fill('ご予約はこちら');
    await page.getByTestId('rule-save').click();
    // … and refused by the server.
    await expect.poll(() => page.getByTestId('rule-error').textContent()).toContain('この正規表現は使えません');
    expect(await page.getByTestId('rule-error').textContent()).toContain('使えないエスケープです');
    expect(await stack.tdb.db.select().from(keywordRules)).toEqual([]);
  });

  it('creates a rule from the form and lists it in priority order', async () => {
    await page.getByTestId('rule-name').fill('クーポン');
    await page.getByTestId('rule-priority').fill('5');
    await page.getByTestId('rule-mode').selectOption('contains');
    await page.getByTestId('rule-pattern').fill('クーポン');
    await page.getByTestId('rule-reply-text').fill('{{friend.displayName}}さん、今月のクーポンです');
    await page.getByTestId('rule-add-tags').fill('coupon');
    await page.getByTestId('rule-save').click();
    await page.getByTestId('auto-reply-row-クーポン').waitFor();
    // A second, broader rule after it.
    await page.getByTestId('auto-reply-new').click();
    await page.getByTestId('rule-name').fill('なんでも');
    await page.getByTestId('rule-priority').fill('50');
    await page.getByTestId('rule-mode').selectOption('regex');
    await page.getByTestId('rule-pattern').fill('.+');
    await page.getByTestId('rule-reply-text').fill('お問い合わせありがとうございます');
    await page.getByTestId('rule-save').click();
    await page.getByTestId('auto-reply-row-なんでも').waitFor();
    const names = await page
      .locator('[data-testid^="auto-reply-row-"]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-testid')));
    expect(names).toEqual(['auto-reply-row-クーポン', 'auto-reply-row-なんでも']);
    const audited = await stack.tdb.db.select().from(auditLog).where(eq(auditLog.action, 'auto_reply_changed'));
    expect(audited).toHaveLength(2);
  });

  it('the try box says which rule fires and why the others do not', async () => {
    await page.getByTestId('auto-reply-try-input').fill('クーポンください');
    await expect.poll(() => page.getByTestId('auto-reply-try-result').textContent()).toContain('「クーポン」が動きます');
    expect(await page.getByTestId('try-verdict-なんでも').textContent()).toContain('一致したが優先度が低い');
    await page.getByTestId('auto-reply-try-input').fill('こんにちは');
    await expect.poll(() => page.getByTestId('auto-reply-try-result').textContent()).toContain('「なんでも」が動きます');
    expect(await page.getByTestId('try-verdict-クーポン').textContent()).toContain('キーワードが一致しない');
    await page.getByTestId('auto-reply-try-input').fill('クーポンください');
    await page.screenshot({ path: '/tmp/shots/auto-replies.png', fullPage: true });
    await page.screenshot({ path: artefactPath('auto-replies.png'), fullPage: true });
  });

  it('a text from the phone fires the rule: the reply arrives as a reply, the tag is added, the hit is counted', async () => {
    await stack.sandbox.phone.sendText(userId, 'クーポンありますか');
    await expect
      .poll(() => inbox().map((m) => [m.endpoint, m.message.text]), { timeout: 30_000 })
      .toEqual([['reply', '鈴木さん、今月のクーポンです']]);
    const [friend] = await stack.tdb.db.select().from(friends).where(eq(friends.lineUserId, userId));
    const tags = await stack.tdb.db
      .select()
      .from(friendTags)
      .where(eq(friendTags.friendId, friend?.id ?? ''));
    expect(tags.map((t) => t.tag)).toEqual(['coupon']);
    await page.reload();
    await expect.poll(() => page.getByTestId('auto-reply-row-クーポン').getByTestId('auto-reply-hits').textContent()).toContain('1回');
  });

  it('switching a rule off is audited and stops it firing', async () => {
    await page.getByTestId('auto-reply-row-なんでも').getByTestId('auto-reply-active').click();
    await expect
      .poll(async () => (await stack.tdb.db.select().from(keywordRules).where(eq(keywordRules.name, 'なんでも')))[0]?.active)
      .toBe(false);
    expect(await stack.tdb.db.select().from(auditLog).where(eq(auditLog.action, 'auto_reply_changed'))).toHaveLength(3);
    await page.getByTestId('auto-reply-try-input').fill('こんにちは');
    await expect.poll(() => page.getByTestId('auto-reply-try-result').textContent()).toContain('どのルールも動きません');
  });
});
