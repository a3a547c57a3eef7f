// Browser: the editor's 予測 tab on the seeded welcome scenario (30 days of demo history), its overlay on the canvas steps,
// and the publish dialog's warning with the yen figure when the account's sending (LINE's count, from the sandbox) plus the
// forecast passes スタンダード's 30,000 messages; saved as screenshots, in Japanese and English.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLineSandbox, type LineSandbox } from '../../devstack/line-sandbox/server';
import { monthKey } from '../../devstack/line-sandbox/state';
import { ForecastViewSchema } from '../../lib/forecast/view';
import { seedDemo } from '../../scripts/seed-demo';
import { artefactPath, startTestApp, type TestApp } from '../app';
import { launchBrowser } from '../browser';
import { createTestDatabase, type TestDatabase } from '../db';
import { signInAs } from '../full-stack';
import { browserCookie } from '../operators';

const SECRET = 'forecast-e2e-channel-secret';
const TOKEN = 'forecast-e2e-access-token';
const DAY = 86_400_000;

let tdb: TestDatabase;
let sandbox: LineSandbox;
let app: TestApp;
let browser: Browser;
let session = '';
let welcome = '';

beforeAll(async () => {
  tdb = await createTestDatabase();
  [welcome, sandbox] = await Promise.all([
    seedDemo(tdb.url, () => {}).then((ids) => ids['welcome-steps'] ?? ''),
    startLineSandbox({ channelSecret: SECRET, channelAccessToken: TOKEN }),
  ]);
  // LINE's count for the month: 1,300 messages a day so far (the month's first day counts as a whole one), which goes
  // past スタンダード's 30,000 by the month's end in any month, whatever day the test runs on.
  const now = Date.now();
  const jst = new Date(now + 9 * 3600_000);
  const monthStart = Date.UTC(jst.getUTCFullYear(), jst.getUTCMonth(), 1) - 9 * 3600_000;
  sandbox.state.consumption.set(monthKey(now), Math.round(1300 * Math.max(1, (now - monthStart) / DAY)));
  [app, browser] = await Promise.all([
    startTestApp({
      databaseUrl: tdb.url,
      env: {
        NEXT_DIST_DIR: '.next-test-forecast',
        LINE_API_BASE_URL: sandbox.url,
        LINE_SANDBOX_URL: sandbox.url,
        LINE_CHANNEL_SECRET: SECRET,
        LINE_CHANNEL_ACCESS_TOKEN: TOKEN,
      },
    }),
    launchBrowser(),
  ]);
  ({ cookie: session } = await signInAs({ db: tdb.db, appUrl: app.url }, 'publisher'));
  // next dev compiles each route on its first request: the editor and the forecast route, under the hook's timeout.
  await fetch(`${app.url}/scenarios/${welcome}`, { headers: { cookie: session } });
  await fetch(`${app.url}/api/scenarios/${welcome}/forecast`, { headers: { cookie: session } });
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await sandbox?.close();
  await tdb?.drop();
});

async function openEditor(lang: 'ja' | 'en'): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1100 } });
  await page.context().addCookies([browserCookie(app.url, session), { name: 'lang', value: lang, url: app.url }]);
  page.on('pageerror', (e) => console.log('PAGEERROR', e.message));
  await page.goto(`${app.url}/scenarios/${welcome}`, { waitUntil: 'networkidle', timeout: 180_000 });
  await page.locator('[data-testid="editor"][data-ready="true"]').waitFor({ timeout: 120_000 });
  return page;
}

async function runForecast(page: Page) {
  await page.getByTestId('tab-forecast').click();
  await page.getByTestId('forecast-run').click();
  await page.getByTestId('forecast-total').waitFor({ timeout: 120_000 });
}

const yenPattern = (lang: 'ja' | 'en') =>
  lang === 'ja' ? /約 ¥[\d,]+（¥[\d,]+〜¥[\d,]+、税別）/ : /about ¥[\d,]+ \(¥[\d,]+–¥[\d,]+, tax excluded\)/;

describe('forecast in the editor', () => {
  it('shows the 30-day range, the chart, the overlay on every send step and the plan comparison with the yen', async () => {
    const res = await fetch(`${app.url}/api/scenarios/${welcome}/forecast`, { headers: { cookie: session } });
    const view = ForecastViewSchema.parse(await res.json());
    expect(view.quota?.verdict).toBe('over');
    // The welcome scenario's own sends this month are in LINE's count but not in the rest of the account's pace.
    expect(view.quota?.ownUsed).toBeGreaterThan(0);

    const page = await openEditor('ja');
    await runForecast(page);
    const panel = page.getByTestId('forecast-panel');
    expect(await page.getByTestId('forecast-total').textContent()).toMatch(/[\d,]+〜[\d,]+ 通（予想 [\d,]+ 通）/);
    await page.getByTestId('forecast-chart').locator('svg').first().waitFor();
    // The overlay: each of the draft's send steps carries its expected 30-day messages and range.
    const sends = Object.keys(view.forecast.perNode).filter((id) => view.forecast.perNode[id]!.total.expected > 0);
    expect(sends.length).toBeGreaterThan(1);
    for (const id of sends) {
      const badge = page.getByTestId(`forecast-${id}`);
      if ((await badge.count()) === 0) continue; // a step only an older version has (friends still inside it)
      expect(await badge.textContent()).toMatch(/^30日で約[\d,]+通（[\d,]+〜[\d,]+）$/);
    }
    expect(await page.locator('[data-testid^="forecast-"][data-expected]').count()).toBeGreaterThan(1);
    const outlook = panel.getByTestId('quota-outlook');
    expect(await outlook.getAttribute('data-verdict')).toBe('over');
    expect(await outlook.textContent()).toContain('スタンダードプラン');
    expect(await outlook.textContent()).toContain('2023-06-01');
    expect(await panel.getByTestId('quota-yen').textContent()).toMatch(yenPattern('ja'));
    // The account's other sending passes 30,000 by itself here: the share this scenario adds is said apart.
    expect(await panel.getByTestId('quota-scenario-yen').textContent()).toMatch(
      /^うち、このシナリオによる分：約 ¥[\d,]+（¥[\d,]+〜¥[\d,]+）$/,
    );
    expect(await panel.getByTestId('quota-without').textContent()).toContain('このシナリオがなくても');
    await page.screenshot({ path: artefactPath('forecast-tab-ja.png') });

    // The overlay goes off with its checkbox.
    await page.getByTestId('forecast-overlay').uncheck();
    expect(await page.locator('[data-testid^="forecast-"][data-expected]').count()).toBe(0);
    await page.getByTestId('forecast-overlay').check();

    // Publishing warns with the yen figure before anything goes live.
    await page.getByTestId('publish').click();
    const dialog = page.getByTestId('publish-dialog');
    await dialog.getByTestId('quota-outlook').waitFor({ timeout: 120_000 });
    // The account's other sending passes the quota by itself here: the title says so rather than blaming the publish.
    expect(await dialog.getByTestId('quota-outlook').textContent()).toMatch(
      /^(今月は|今後30日のペースでは、)メッセージ上限（(月 )?30,000 通）を超える見込みです/,
    );
    expect(await dialog.getByTestId('quota-without').textContent()).toContain('このシナリオがなくても');
    expect(await dialog.getByTestId('quota-yen').textContent()).toMatch(yenPattern('ja'));
    await page.screenshot({ path: artefactPath('forecast-publish-warning-ja.png') });
    await page.close();
  });

  it('says the same in English', async () => {
    const page = await openEditor('en');
    await runForecast(page);
    expect(await page.getByTestId('forecast-total').textContent()).toMatch(/[\d,]+–[\d,]+ messages \(expected [\d,]+\)/);
    expect(await page.getByTestId('forecast-panel').getByTestId('quota-yen').textContent()).toMatch(yenPattern('en'));
    await page.screenshot({ path: artefactPath('forecast-tab-en.png') });
    await page.getByTestId('publish').click();
    await page.getByTestId('publish-dialog').getByTestId('quota-yen').waitFor({ timeout: 120_000 });
    await page.screenshot({ path: artefactPath('forecast-publish-warning-en.png') });
    await page.close();
  });
});
