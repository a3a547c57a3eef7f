// Browser: build the welcome scenario from an empty draft by dragging from the palette and connecting handles, publish it, preview day 0/7/14;
// an invalid graph cannot be published; autosave survives a reload and a second tab's later save is refused with a clear message.
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
let scenarioUrl = '';
/** A publisher's session: builds drafts and publishes them. */
let session = '';

beforeAll(async () => {
  tdb = await createTestDatabase();
  [app, browser] = await Promise.all([
    startTestApp({ databaseUrl: tdb.url, env: { NEXT_DIST_DIR: '.next-test-editor' } }),
    launchBrowser(),
  ]);
  ({ cookie: session } = await signInAs({ db: tdb.db, appUrl: app.url }, 'publisher'));
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await tdb?.drop();
});

/** Opens (or reloads) the editor and waits until React has hydrated it, so typing reaches the store. */
async function openEditor(page: Page, url?: string) {
  if (url) await page.goto(url, { waitUntil: 'networkidle' });
  else await page.reload({ waitUntil: 'networkidle' });
  await page.locator('[data-testid="editor"][data-ready="true"]').waitFor({ timeout: 60_000 });
}

async function newPage(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1100 } });
  await page.context().addCookies([browserCookie(app.url, session)]);
  page.on('pageerror', (e) => console.log('PAGEERROR', e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') console.log(`CONSOLE ${m.type()}`, m.text().slice(0, 500));
  });
  page.on('response', async (r) => {
    if (r.status() >= 500) console.log('HTTP', r.status(), r.request().method(), r.url(), (await r.text().catch(() => '')).slice(0, 300));
  });
  return page;
}

async function centre(page: Page, testId: string) {
  const box = await page.getByTestId(testId).boundingBox();
  if (!box) throw new Error(`${testId} is not visible`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2, box };
}

/** Drags a palette item onto the canvas so the node's centre lands at (x, y) on screen. */
async function dropFromPalette(page: Page, kind: string, at: { x: number; y: number }) {
  const canvas = await page.getByTestId('canvas').boundingBox();
  if (!canvas) throw new Error('no canvas');
  await page.dragAndDrop(`[data-testid="palette-${kind}"]`, '[data-testid="canvas"]', {
    targetPosition: { x: at.x - canvas.x, y: at.y - canvas.y },
  });
}

/** Drags from an output handle to a node's input handle, as a person does. */
async function connect(page: Page, from: string, to: string) {
  const a = await centre(page, from);
  const b = await centre(page, to);
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 5 });
  await page.mouse.move(b.x, b.y, { steps: 5 });
  await page.mouse.up();
}

const saveState = (page: Page) => page.getByTestId('save-status').getAttribute('data-state');
const saved = (page: Page) => expect.poll(() => saveState(page), { timeout: 15_000 }).toBe('saved');
/** Makes an edit and waits until the server holds it (the edit is seen unsaved first, so a fast poll cannot pass early). */
async function editAndSave(page: Page, edit: () => Promise<void>) {
  await edit();
  await expect.poll(() => saveState(page), { timeout: 5_000 }).not.toBe('saved');
  await saved(page);
}

describe('scenario editor', () => {
  it('builds the welcome scenario by drag and drop, publishes it and previews day 0/7/14', async () => {
    const page = await newPage();
    await page.goto(`${app.url}/scenarios`, { waitUntil: 'networkidle' });
    await page.getByTestId('new-scenario').click();
    await page.waitForURL(/\/scenarios\/[0-9a-f-]{36}$/, { timeout: 60_000 });
    scenarioUrl = page.url();
    await page.locator('[data-testid="editor"][data-ready="true"]').waitFor({ timeout: 60_000 });
    await page.getByTestId('node-trigger').waitFor();

    // Lay the steps out in two columns below the trigger, then wire them in order.
    const t = await centre(page, 'node-trigger');
    const spots = [
      ['send', 0, 1],
      ['wait', 0, 2],
      ['send', 0, 3],
      ['wait', 1, 1],
      ['send', 1, 2],
      ['end', 1, 3],
    ] as const;
    for (const [kind, col, row] of spots) await dropFromPalette(page, kind, { x: t.x + col * 320, y: t.y + row * 150 });
    for (const id of ['send-1', 'wait-1', 'send-2', 'wait-2', 'send-3', 'end-1']) await page.getByTestId(`node-${id}`).waitFor();
    const chain = ['trigger', 'send-1', 'wait-1', 'send-2', 'wait-2', 'send-3', 'end-1'];
    for (let i = 0; i + 1 < chain.length; i++) await connect(page, `handle-${chain[i]}-next`, `handle-${chain[i + 1]}-in`);
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(6);

    // Configure: the three messages and the two "7 days later at 10:00" waits.
    const texts = [
      '{{friend.displayName|お客様}}さん、友だち追加ありがとうございます！',
      '今週の人気ランキングをお届けします。',
      'クーポンの有効期限はあと3日です。',
    ];
    for (const [i, id] of ['send-1', 'send-2', 'send-3'].entries()) {
      await page.getByTestId(`node-${id}`).click();
      await page.getByTestId(`send-${id}-text-0`).fill(texts[i] ?? '');
    }
    for (const id of ['wait-1', 'wait-2']) {
      await page.getByTestId(`node-${id}`).click();
      await page.getByTestId(`wait-amount-${id}`).fill('7');
      await page.getByTestId(`wait-attime-on-${id}`).check();
      await page.getByTestId(`wait-attime-${id}`).fill('10:00');
    }
    await expect.poll(() => page.getByTestId('summary-wait-2').textContent()).toBe('7日後の10:00');
    await page.getByTestId('tab-settings').click();
    await page.getByTestId('settings-name').fill('ようこそステップ');
    await page.getByTestId('tab-problems').click();
    await page.getByTestId('problems-none').waitFor();
    await editAndSave(page, () => page.getByTestId('auto-layout').click());
    await page.getByTestId('node-send-1').click();
    await page.screenshot({ path: artefactPath('editor-welcome.png') });

    await page.getByTestId('publish').click();
    await expect.poll(() => page.getByTestId('publish-diff').textContent()).toContain('+');
    await page.getByTestId('publish-confirm').click();
    await page.getByTestId('publish-done').waitFor();
    expect(await page.getByTestId('publish-done').textContent()).toContain('v1');
    await page.screenshot({ path: artefactPath('editor-publish.png') });
    await page.getByRole('button', { name: '閉じる' }).last().click();

    await page.getByTestId('tab-preview').click();
    await page.getByTestId('preview-added').fill('2025-04-01T15:23');
    await expect
      .poll(() => page.getByTestId('preview-day').evaluateAll((els) => els.map((e) => e.getAttribute('data-day'))))
      .toEqual(['0', '7', '14']);
    const instants = await page.getByTestId('preview-instant').allTextContents();
    expect(instants).toEqual(['0日目 · 2025/04/01 15:23 JST', '7日目 · 2025/04/08 10:00 JST', '14日目 · 2025/04/15 10:00 JST']);
    expect(await page.getByTestId('preview-chat').textContent()).toContain('花子さん、友だち追加ありがとうございます！');
    await page.screenshot({ path: artefactPath('editor-preview.png') });
    await page.close();
  });

  it('keeps edits across a reload and refuses a stale tab’s save with a clear message', async () => {
    const a = await newPage();
    await openEditor(a, scenarioUrl);
    await a.getByTestId('node-send-1').click();
    await editAndSave(a, () => a.getByTestId('inspector-label').fill('Day 0'));
    await openEditor(a);
    await expect.poll(() => a.getByTestId('node-send-1').textContent()).toContain('Day 0');

    const b = await newPage();
    await openEditor(b, scenarioUrl);
    await b.getByTestId('node-send-2').click();
    await editAndSave(b, () => b.getByTestId('inspector-label').fill('Day 7'));

    await a.getByTestId('node-send-3').click();
    await a.getByTestId('inspector-label').fill('Day 14');
    await a.getByTestId('conflict-banner').waitFor({ timeout: 15_000 });
    expect(await a.getByTestId('conflict-banner').textContent()).toContain('別のタブまたは別の人が先に保存しました');
    await a.screenshot({ path: artefactPath('editor-conflict.png') });
    await a.getByTestId('conflict-overwrite').click();
    await saved(a);
    await openEditor(b);
    await expect.poll(() => b.getByTestId('node-send-3').textContent()).toContain('Day 14');
    await a.close();
    await b.close();
  });

  it('splices a step dropped on a connection, and copies, pastes, undoes and redoes from the keyboard', async () => {
    const page = await newPage();
    await openEditor(page, scenarioUrl);
    const into = await page.evaluate(() => {
      const e = document.querySelector('.react-flow__edge[data-link="send-2->wait-2"]');
      return e?.getAttribute('data-id') ?? null;
    });
    if (!into) throw new Error('no edge from send-2 to wait-2');
    const mid = await centre(page, `rf__edge-${into}`);
    await dropFromPalette(page, 'action', { x: mid.x, y: mid.y });
    await page.getByTestId('node-action-1').waitFor();
    const links = () => page.locator('.react-flow__edge').evaluateAll((els) => els.map((e) => e.getAttribute('data-link')));
    await expect.poll(links).toEqual(expect.arrayContaining(['send-2->action-1', 'action-1->wait-2']));
    expect(await links()).not.toContain('send-2->wait-2');

    await page.getByTestId('node-action-1').click();
    await page.keyboard.press('Control+c');
    await page.keyboard.press('Control+v');
    await page.getByTestId('node-action-2').waitFor();
    await page.keyboard.press('Control+z');
    await page.getByTestId('node-action-2').waitFor({ state: 'detached' });
    await page.keyboard.press('Control+z');
    await page.getByTestId('node-action-1').waitFor({ state: 'detached' });
    await expect.poll(links).toContain('send-2->wait-2');
    await page.keyboard.press('Control+Shift+z');
    await page.getByTestId('node-action-1').waitFor();
    await expect.poll(links).toContain('action-1->wait-2');
    await page.keyboard.press('Control+z');
    await page.getByTestId('node-action-1').waitFor({ state: 'detached' });
    await saved(page);
    await page.close();
  });

  it('cannot publish an invalid graph: every problem is shown on its node and listed', async () => {
    const page = await newPage();
    await openEditor(page, scenarioUrl);
    // Break it: empty the first message, and add a branch connected to nothing.
    await page.getByTestId('node-send-1').click();
    await page.getByTestId('send-send-1-text-0').fill('');
    await page.getByTestId('palette-branch').click();
    await page.getByTestId('node-branch-1').waitFor();
    await expect.poll(() => page.getByTestId('issues-send-1').getAttribute('data-count')).toBe('1');
    await expect.poll(() => page.getByTestId('issues-branch-1').getAttribute('data-count')).toBe('4');
    await page.getByTestId('publish').click();
    await page.getByTestId('publish-blocked').waitFor();
    expect(await page.getByTestId('publish-confirm').isDisabled()).toBe(true);
    const listed = await page
      .locator('[data-testid="publish-dialog"] [data-testid^="problem-"][data-node]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-node')));
    // Every problem listed is one of the badges' problems: branch-1 (case and else unconnected, unreachable, unknown field), send-1 (empty text).
    expect(listed.sort()).toEqual(['branch-1', 'branch-1', 'branch-1', 'branch-1', 'send-1']);
    expect(await page.getByTestId('issues-send-1').getAttribute('title')).toContain('テキストが空です');
    await page.screenshot({ path: artefactPath('editor-invalid.png') });
    await page.close();
  });
});
