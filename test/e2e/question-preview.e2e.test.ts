// Browser: a question step switched to a buttons template in the inspector (Japanese), the preview draws the card, and
// the marketer answers as the test friend by pressing a choice: the preview takes that branch and says what was answered.
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
    startTestApp({ databaseUrl: tdb.url, env: { NEXT_DIST_DIR: '.next-test-question' } }),
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
  await page.context().addCookies([browserCookie(app.url, session), { name: 'lang', value: 'ja', url: app.url }]);
  page.on('pageerror', (e) => console.log('PAGEERROR', e.message));
  return page;
}

describe('a question in the editor and its preview', () => {
  it('switches to a buttons template, and the preview answers it by a pressed choice', async () => {
    const created = (await api('POST', '/api/scenarios', { name: '好きな色アンケート' })) as { id: string; draftRevision: number };
    const draft = (await api('GET', `/api/scenarios/${created.id}`)) as { draft: { settings: Record<string, unknown> } };
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
        {
          id: 'ask',
          kind: 'question',
          position: { x: 0, y: 160 },
          data: {
            text: '好きな色は？',
            choices: [
              { id: 'red', label: '赤', value: '' },
              { id: 'blue', label: '青', value: '' },
            ],
            saveTo: null,
            freeText: null,
            timeout: { mode: 'duration', amount: 1, unit: 'days' },
          },
        },
        { id: 'red', kind: 'send', position: { x: -200, y: 320 }, data: { messages: [{ type: 'text', text: '赤ですね' }] } },
        { id: 'blue', kind: 'send', position: { x: 200, y: 320 }, data: { messages: [{ type: 'text', text: '青ですね' }] } },
        { id: 'end', kind: 'end', position: { x: 0, y: 480 }, data: {} },
      ],
      edges: [
        { id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'ask' },
        { id: 'e2', source: 'ask', sourceHandle: 'choice:red', target: 'red' },
        { id: 'e3', source: 'ask', sourceHandle: 'choice:blue', target: 'blue' },
        { id: 'e4', source: 'ask', sourceHandle: 'other', target: 'end' },
        { id: 'e5', source: 'ask', sourceHandle: 'timeout', target: 'end' },
        { id: 'e6', source: 'red', sourceHandle: 'next', target: 'end' },
        { id: 'e7', source: 'blue', sourceHandle: 'next', target: 'end' },
      ],
    };
    await api('PUT', `/api/scenarios/${created.id}/draft`, { graph, expectedRevision: created.draftRevision });

    const page = await newPage();
    // The first visit compiles the editor in `next dev`: as long as the other editor tests allow for it.
    await page.goto(`${app.url}/scenarios/${created.id}`, { waitUntil: 'networkidle', timeout: 180_000 });
    await page.locator('[data-testid="editor"][data-ready="true"]').waitFor({ timeout: 60_000 });

    // The inspector offers the two ways to show the choices, in Japanese; the canvas says which.
    await page.getByTestId('node-ask').click();
    const display = page.getByTestId('question-ask-display');
    expect(await display.locator('option').allTextContents()).toEqual([
      'クイックリプライ（画面下のボタン、13個まで）',
      'ボタン付きメッセージ（カード型、4個まで・質問文160文字まで）',
    ]);
    await display.selectOption('buttons');
    await expect.poll(() => page.getByTestId('node-ask').textContent()).toContain('ボタン2');

    // The preview draws the card, waits for an answer, and offers the choices to press.
    await page.getByTestId('tab-preview').click();
    const chat = page.getByTestId('preview-chat');
    await expect
      .poll(() => chat.locator('[data-testid="line-bubble"]').first().getAttribute('data-type'), { timeout: 20_000 })
      .toBe('template');
    expect(await chat.locator('[data-testid="line-bubble"]').first().textContent()).toContain('好きな色は？');
    const question = page.getByTestId('preview-question');
    expect(await question.textContent()).toContain('押すとテスト友だちがこの選択肢で回答します');
    expect(await chat.textContent()).not.toContain('青ですね');

    await question.getByTestId('preview-answer-1').click();
    await expect.poll(() => chat.textContent()).toContain('青ですね');
    expect(await chat.textContent()).not.toContain('赤ですね');
    expect(await question.textContent()).toContain('回答：青');
    expect(await question.getByTestId('preview-answer-1').getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByTestId('preview-event-name-0').inputValue()).toBe('answer');

    // Pressing the other choice replaces the answer rather than adding a second one.
    await question.getByTestId('preview-answer-0').click();
    await expect.poll(() => chat.textContent()).toContain('赤ですね');
    expect(await chat.textContent()).not.toContain('青ですね');
    expect(await page.getByTestId('preview-event-name-1').count()).toBe(0);
    await page.getByTestId('preview-panel').screenshot({ path: artefactPath('question-preview.png') });
    await page.close();
  });
});
