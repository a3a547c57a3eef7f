// Browser: the scenario list shows what PostgreSQL holds, in Japanese by default and in English on request.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenarios } from '../../db/schema';
import { artefactPath, startTestApp, type TestApp } from '../app';
import { launchBrowser } from '../browser';
import { createTestDatabase, type TestDatabase } from '../db';
import { signInAs } from '../full-stack';

let tdb: TestDatabase;
let app: TestApp;
let browser: Browser;

beforeAll(async () => {
  tdb = await createTestDatabase();
  await tdb.db.insert(scenarios).values({ name: 'ようこそステップ', draft: {} });
  [app, browser] = await Promise.all([startTestApp({ databaseUrl: tdb.url }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await tdb?.drop();
});

describe('scenario list', () => {
  it('lists scenarios read from the database and switches language', async () => {
    const page = await browser.newPage();
    await signInAs({ db: tdb.db, appUrl: app.url }, 'owner', page);
    page.on('pageerror', (e) => console.log('PAGEERROR', e.message));
    await page.goto(`${app.url}/scenarios`, { waitUntil: 'networkidle' });
    await expect.poll(() => page.getByTestId('scenario-list').textContent()).toContain('ようこそステップ');
    expect(await page.textContent('h1')).toBe('シナリオ');
    expect(await page.getByTestId('scenario-list').textContent()).toContain('下書き');
    await page.screenshot({ path: artefactPath('scenario-list-ja.png'), fullPage: true });
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.textContent('h1'), { timeout: 20_000 }).toBe('Scenarios');
    expect(await page.getByTestId('scenario-list').textContent()).toContain('Draft');
    await page.close();
  });
});
