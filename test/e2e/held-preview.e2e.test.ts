// Browser: a new scenario follows the account's quiet hours, and the preview of a friend added at 23:16 JST says why the
// welcome waits and until when, with the 「登録から1日後の10:00」 step unmoved; the settings page shows the account default.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artefactPath, startTestApp, type TestApp } from '../app';
import { launchBrowser } from '../browser';
import { createTestDatabase, type TestDatabase } from '../db';
import { signInAs } from '../full-stack';
import { browserCookie } from '../operators';

let tdb: TestDatabase;
let app: TestApp;
let browser: Browser;
let session = '';

beforeAll(async () => {
  tdb = await createTestDatabase();
  [app, browser] = await Promise.all([
    startTestApp({ databaseUrl: tdb.url, env: { NEXT_DIST_DIR: '.next-test-timing' } }),
    launchBrowser(),
  ]);
  ({ cookie: session } = await signInAs({ db: tdb.db, appUrl: app.url }, 'owner'));
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await tdb?.drop();
});

async function api(method: string, url: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${app.url}${url}`, {
    method,
    headers: { cookie: session, origin: app.url, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json: unknown = await res.json();
  if (!res.ok) throw new Error(`${method} ${url} → ${res.status} ${JSON.stringify(json)}`);
  return json;
}

async function newPage(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1100 } });
  await page.context().addCookies([browserCookie(app.url, session)]);
  page.on('pageerror', (e) => console.log('PAGEERROR', e.message));
  return page;
}

describe('quiet hours in the browser', () => {
  it('explains the held welcome in the preview, in Japanese', async () => {
    const created = (await api('POST', '/api/scenarios', { name: '夜の友だち追加' })) as { id: string; draftRevision: number };
    const draft = (await api('GET', `/api/scenarios/${created.id}`)) as { draft: { settings: Record<string, unknown> } };
    expect(draft.draft.settings.quietHours).toBe('account');
    const graph = {
      schemaVersion: 1,
      settings: draft.draft.settings,
      nodes: [
        {
          id: 'trigger',
          kind: 'trigger',
          position: { x: 0, y: 0 },
          data: { trigger: { type: 'friend_added', includeRefollow: false }, entryFilter: null, reEntry: 'once' },
        },
        { id: 'welcome', kind: 'send', position: { x: 0, y: 160 }, data: { messages: [{ type: 'text', text: 'ようこそ！' }] } },
        { id: 'day1', kind: 'wait', position: { x: 0, y: 320 }, data: { mode: 'after_entry', days: 1, time: '10:00' } },
        { id: 'tips', kind: 'send', position: { x: 0, y: 480 }, data: { messages: [{ type: 'text', text: '使い方のコツ' }] } },
        { id: 'end', kind: 'end', position: { x: 0, y: 640 }, data: {} },
      ],
      edges: [
        { id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'welcome' },
        { id: 'e2', source: 'welcome', sourceHandle: 'next', target: 'day1' },
        { id: 'e3', source: 'day1', sourceHandle: 'next', target: 'tips' },
        { id: 'e4', source: 'tips', sourceHandle: 'next', target: 'end' },
      ],
    };
    await api('PUT', `/api/scenarios/${created.id}/draft`, { graph, expectedRevision: created.draftRevision });

    const page = await newPage();
    await page.goto(`${app.url}/scenarios/${created.id}`, { waitUntil: 'networkidle' });
    await page.locator('[data-testid="editor"][data-ready="true"]').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('node-day1').textContent()).toContain('登録から1日後の10:00');
    await page.getByTestId('tab-settings').click();
    expect(await page.getByTestId('settings-quiet-mode').inputValue()).toBe('account');
    expect(await page.getByTestId('settings-quiet').textContent()).toContain('アカウントの設定に従う（21:00–09:00）');
    await page.screenshot({ path: artefactPath('timing-settings-panel.png') });

    await page.getByTestId('tab-preview').click();
    await page.getByTestId('preview-added').fill('2025-04-01T23:16');
    await expect
      .poll(() => page.getByTestId('preview-steps').textContent(), { timeout: 20_000 })
      .toContain('21:00–09:00の配信停止時間のため 09:00 まで保留し、1通を送信');
    const instants = await page.getByTestId('preview-instant').allTextContents();
    expect(instants).toHaveLength(2);
    expect(instants[0]).toContain('09:00');
    expect(instants[1]).toContain('10:00');
    await page.screenshot({ path: artefactPath('timing-preview-held.png') });

    await page.goto(`${app.url}/settings`, { waitUntil: 'networkidle' });
    const section = page.getByTestId('quiet-hours-default');
    expect(await section.textContent()).toContain('配信停止時間（アカウントの既定）');
    expect(await page.getByTestId('quiet-default-start').inputValue()).toBe('21:00');
    expect(await page.getByTestId('quiet-default-enabled').isChecked()).toBe(true);
    await section.screenshot({ path: artefactPath('timing-settings-page.png') });
    await page.close();
  });
});
