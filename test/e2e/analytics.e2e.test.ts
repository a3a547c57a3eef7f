// Browser: the analytics canvas and the report for a seeded demo scenario, checked against the queries and saved as screenshots.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAnalytics } from '../../lib/analytics/load';
import { analyticsRange } from '../../lib/analytics/range';
import { seedDemo } from '../../scripts/seed-demo';
import { artefactPath, startTestApp, type TestApp } from '../app';
import { launchBrowser } from '../browser';
import { createTestDatabase, type TestDatabase } from '../db';
import { signInAs } from '../full-stack';

let tdb: TestDatabase;
let app: TestApp;
let browser: Browser;
let welcome = '';

beforeAll(async () => {
  tdb = await createTestDatabase();
  const ids = await seedDemo(tdb.url, () => {});
  welcome = ids['welcome-steps'] ?? '';
  // A dist folder of its own, so other browser tests' dev servers never share one.
  [app, browser] = await Promise.all([
    startTestApp({ databaseUrl: tdb.url, env: { NEXT_DIST_DIR: '.next-test-analytics' } }),
    launchBrowser(),
  ]);
  // The dev server compiles each route on first request: do it here, under the hook's longer timeout (signed in, or
  // the request stops at the sign-in redirect and compiles nothing).
  const { cookie } = await signInAs({ db: tdb.db, appUrl: app.url }, 'analyst');
  for (const path of [`/scenarios/${welcome}/analytics`, `/scenarios/${welcome}/report`])
    await fetch(`${app.url}${path}`, { headers: { cookie } });
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await tdb?.drop();
});

async function open(path: string, lang: 'ja' | 'en' = 'ja'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.addCookies([{ name: 'lang', value: lang, url: app.url }]);
  // An analyst: analytics, reports and the friends behind a step's figures are theirs to see.
  await signInAs({ db: tdb.db, appUrl: app.url }, 'analyst', context);
  const page = await context.newPage();
  page.on('pageerror', (e) => console.log('PAGEERROR', e.message));
  await page.goto(`${app.url}${path}`, { waitUntil: 'networkidle', timeout: 180_000 });
  return page;
}

describe('analytics canvas', () => {
  it('shows every step with the figures the queries give, and a step’s friends', async () => {
    const view = await loadAnalytics(tdb.db, welcome, analyticsRange({}, Date.now()));
    const page = await open(`/scenarios/${welcome}/analytics`);
    await page.getByTestId('analytics-node-welcome').waitFor({ timeout: 120_000 });
    for (const n of view?.graph?.nodes ?? []) {
      const text = await page.getByTestId(`analytics-node-${n.id}`).textContent();
      expect(text).toContain((view?.figures[n.id]?.entered ?? 0).toLocaleString('ja-JP'));
    }
    // The demo has two versions: all versions are shown on the live version's graph, and the page says how to read it.
    expect(await page.getByTestId('all-versions-note').textContent()).toContain(`v${view?.shown?.version}`);
    await page.screenshot({ path: artefactPath('analytics-canvas.png') });

    // A click that lands before React has hydrated the canvas does nothing (next dev compiles slowly on a loaded
    // machine): click the step until its detail opens (selecting a step again keeps it selected).
    const detail = page.getByTestId('analytics-detail');
    await expect
      .poll(
        async () => {
          await page.getByTestId('analytics-node-week-1b').click();
          return detail.getByTestId('detail-entered').isVisible();
        },
        { timeout: 90_000, interval: 2000 },
      )
      .toBe(true);
    expect(await detail.getByTestId('detail-entered').textContent()).toBe((view?.figures['week-1b']?.entered ?? 0).toLocaleString('ja-JP'));
    expect(await detail.textContent()).toContain('トラッキングリンクのクリック（当社リンクのみ。LINEは友だち別の開封数を提供しません）');
    await page.getByTestId('analytics-friends').getByRole('button', { name: 'コンバージョン' }).click();
    const firstFriend = page.getByTestId('analytics-friends').locator('li a').first();
    await firstFriend.waitFor({ timeout: 60_000 });
    await page.screenshot({ path: artefactPath('analytics-node-detail.png') });
    const href = await firstFriend.getAttribute('href');
    expect(href).toMatch(/^\/friends\/[0-9a-f-]{36}$/);
    await page.context().close();
  }, 300_000);

  it('speaks English on request, with the honest click label', async () => {
    const page = await open(`/scenarios/${welcome}/analytics`, 'en');
    // As above: a click before hydration does nothing, so click until the detail opens.
    const detail = page.getByTestId('analytics-detail');
    await expect
      .poll(
        async () => {
          await page.getByTestId('analytics-node-week-2').click();
          return detail.getByTestId('detail-entered').isVisible();
        },
        { timeout: 90_000, interval: 2000 },
      )
      .toBe(true);
    expect(await detail.textContent()).toContain('Tracked-link clicks (our links; LINE gives no per-friend opens)');
    await page.screenshot({ path: artefactPath('analytics-canvas-en.png') });
    await page.context().close();
  }, 180_000);
});

describe('scenario report', () => {
  it('shows the funnel, the A/B verdict, the daily series and exports CSV', async () => {
    const page = await open(`/scenarios/${welcome}/report`);
    await page.getByTestId('report-series').locator('svg.recharts-surface').first().waitFor({ timeout: 120_000 });
    expect(await page.getByTestId('report-funnel').textContent()).toContain('参加した友だち');
    const ab = page.getByTestId('report-ab');
    expect(await ab.textContent()).toContain('Day 7 A/B');
    expect(await ab.textContent()).toMatch(/まだ判断できません|勝ち|有意な差はまだ見られません/);
    await page.setViewportSize({ width: 1440, height: 2300 });
    await page.screenshot({ path: artefactPath('analytics-report.png') });

    const csv = await page.evaluate(async (url) => {
      const r = await fetch(url);
      return { status: r.status, type: r.headers.get('content-type'), body: await r.text() };
    }, `/api/scenarios/${welcome}/analytics.csv`);
    expect(csv.status).toBe(200);
    expect(csv.type).toContain('text/csv');
    const lines = csv.body.trim().split('\r\n');
    // Headers in the reader's language (Japanese here); the step id column keeps the canvas ids.
    expect(lines[0]?.replace(/^\uFEFF/, '')).toMatch(/^ステップID,/);
    expect(lines.some((l) => l.startsWith('week-1b,'))).toBe(true);
    await page.context().close();
  });
});
