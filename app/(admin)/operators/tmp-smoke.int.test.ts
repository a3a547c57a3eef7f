// TEMPORARY smoke check of the operators and account pages in a real next dev (deleted after use).
import { createHmac } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { auditLog } from '@/db/schema';
import { startTestApp, type TestApp } from '@/test/app';
import { launchBrowser } from '@/test/browser';
import { createTestDatabase, type TestDatabase } from '@/test/db';
import { browserCookie, signInOverHttp, testAuth, TEST_PASSWORD } from '@/test/operators';
import { createOperator } from '@/lib/auth/manage-operators';

const SECRET = 'smoke-kizuna-secret-0123456789';
let tdb: TestDatabase;
let app: TestApp;
let browser: Browser;

function totpCode(b32: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of b32) {
    value = ((value << 5) | alphabet.indexOf(ch)) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  const c = Buffer.alloc(8);
  c.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 30_000)));
  const mac = createHmac('sha1', Buffer.from(bytes)).update(c).digest();
  const o = (mac[mac.length - 1] ?? 0) & 15;
  return String((mac.readUInt32BE(o) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  await createOperator(testAuth(tdb.db, { secret: SECRET }), tdb.db, { email: 'boss@kizuna.test', name: 'Boss', role: 'owner', password: TEST_PASSWORD });
  [app, browser] = await Promise.all([startTestApp({ databaseUrl: tdb.url, env: { KIZUNA_SECRET: SECRET } }), launchBrowser()]);
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await tdb?.drop();
});

async function pageAs(email: string, password = TEST_PASSWORD): Promise<Page> {
  const page = await browser.newPage();
  await page.context().addCookies([browserCookie(app.url, await signInOverHttp(app.url, email, password))]);
  page.on('pageerror', (e) => console.log('PAGEERROR', e.message));
  page.on('console', (m) => m.type() === 'error' && console.log('CONSOLE', m.text()));
  page.on('dialog', (d) => void d.accept());
  return page;
}

it('operators and account pages work end to end', async () => {
  const page = await pageAs('boss@kizuna.test');
  await page.goto(`${app.url}/operators`);
  await page.getByTestId('create-operator').locator('input[name=email]').fill('new@kizuna.test');
  await page.getByTestId('create-operator').locator('select[name=role]').selectOption('editor');
  await page.getByTestId('create-operator').getByRole('button').click();
  const password = (await page.getByTestId('generated-password').textContent({ timeout: 60_000 })) ?? '';
  console.log('generated', password.length);
  const row = page.locator('[data-testid=operator-row][data-email="new@kizuna.test"]');
  await row.waitFor();
  // last owner: demote self
  await page.locator('[data-testid=operator-row][data-email="boss@kizuna.test"] select').selectOption('viewer');
  await page.locator('td[role=alert]').waitFor();
  console.log('alert:', await page.locator('td[role=alert]').textContent());
  console.log('boss role now', await page.locator('[data-testid=operator-row][data-email="boss@kizuna.test"] select').inputValue());
  await row.locator('select').selectOption('publisher');
  await row.locator('input[type=checkbox]').first().check();
  await row.locator('input[type=checkbox]').nth(1).check();
  await page.waitForTimeout(1500);
  await page.reload();
  console.log('row after reload', await row.locator('select').inputValue(), await row.locator('input[type=checkbox]').first().isChecked(), await row.locator('input[type=checkbox]').nth(1).isChecked());
  await page.screenshot({ path: '/tmp/smoke-operators.png', fullPage: true });

  // the new operator must enrol TOTP
  const other = await pageAs('new@kizuna.test', password);
  other.on('framenavigated', (f) => console.log('NAV', f.url()));
  other.on('response', (r) => r.request().method() === 'POST' && console.log('POSTRESP', r.status(), r.url(), r.headers()['x-action-redirect'] ?? ''));
  await other.goto(`${app.url}/scenarios`);
  console.log('redirected to', other.url());
  await other.getByTestId('totp-required-banner').waitFor();
  await other.getByRole('button', { name: /2段階認証を設定|Set up/ }).click();
  await other.locator('input[name=password]').first().fill(password);
  await other.getByRole('button', { name: /次へ|Continue/ }).click();
  const secret = ((await other.getByTestId('totp-secret').textContent({ timeout: 30_000 })) ?? '').replace(/\s/g, '');
  await other.screenshot({ path: '/tmp/smoke-totp.png', fullPage: true });
  await other.locator('input[name=code]').fill(totpCode(secret));
  await other.getByRole('button', { name: /確認して有効にする|Verify/ }).click();
  await other.getByText(/2段階認証を有効にしました|Two-factor authentication is on/).waitFor({ timeout: 30_000 });
  await other.waitForTimeout(1500);
  await other.screenshot({ path: '/tmp/smoke-totp-on.png', fullPage: true });
  await other.goto(`${app.url}/scenarios`);
  console.log('after enrol', other.url());
  // change password
  await other.goto(`${app.url}/account`);
  await other.locator('input[name=current]').fill(password);
  await other.locator('input[name=next]').fill('a-brand-new-password-1');
  await other.locator('input[name=confirm]').fill('a-brand-new-password-1');
  console.log('before pw cookies', (await other.context().cookies()).map((c) => `${c.name}=${c.value.slice(0, 12)}`));
  await other.getByRole('button', { name: /パスワードを変更|Change password/ }).click();
  await other.waitForTimeout(5000);
  console.log('pw url:', other.url());
  await other.goto(`${app.url}/account`);
  console.log('account after pw change at', other.url());
  console.log('old pw sign-in', await signInOverHttp(app.url, 'new@kizuna.test', password).then(() => 'worked', (e: Error) => e.message.slice(0, 40)));

  // remove
  await page.reload();
  await row.getByRole('button', { name: /削除|Remove/ }).click();
  await page.waitForTimeout(2000);
  await other.reload();
  console.log('removed operator now at', other.url());
  const audit = await tdb.db.select().from(auditLog);
  console.log(audit.map((a) => `${a.action} ${a.objectId ?? ''} ${JSON.stringify(a.detail)}`).join('\n'));
  expect(audit.filter((a) => a.action === 'operator_removed')).toHaveLength(1);
  expect(audit.filter((a) => a.action === 'totp_enabled')).toHaveLength(1);
  void eq;
}, 300_000);
