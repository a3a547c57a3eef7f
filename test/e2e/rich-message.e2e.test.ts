// Browser, one full stack: an editor builds a rich message (リッチメッセージ) without JSON: uploads its image (a narrow
// one is refused with the reason, a wide one scaled to 1040 px), picks the 2-area layout from its tile and gives one
// area a link and the other a text; a test send reaches the sandbox phone as an imagemap LINE's spec accepts, its link
// tracked, its image served at LINE's widths, and tapping an area on the phone sends the text.
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { countMedia } from '../../db/queries/media';
import { scenarios } from '../../db/schema';
import { launchBrowser } from '../browser';
import { testSendDraftToNewTestFriend } from '../preview-test-send';
import { startFullStack, type FullStack } from '../full-stack';

let stack: FullStack;
let browser: Browser;
let page: Page;
let cookie = '';
let scenarioId = '';
let baseUrl = '';

const SHOT = '/tmp/shots/rich-message.png';

const GRAPH = {
  schemaVersion: 1,
  settings: { timeZone: 'Asia/Tokyo', splitSalt: 'rich-message' },
  nodes: [
    {
      id: 'trigger',
      kind: 'trigger',
      position: { x: 0, y: 0 },
      data: { trigger: { type: 'friend_added', includeRefollow: false }, reEntry: 'once' },
    },
    { id: 'send-1', kind: 'send', position: { x: 0, y: 140 }, data: { messages: [{ type: 'text', text: '仮の本文' }], trackLinks: true } },
    { id: 'end', kind: 'end', position: { x: 0, y: 280 }, data: {} },
  ],
  edges: [
    { id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'send-1' },
    { id: 'e2', source: 'send-1', sourceHandle: 'next', target: 'end' },
  ],
};

/** A two-panel banner (sale on the left, question on the right), `w` px wide and half as high. */
function banner(w: number): Promise<Buffer> {
  const h = w / 2;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">
    <rect width="${w / 2}" height="${h}" fill="#f472b6"/><rect x="${w / 2}" width="${w / 2}" height="${h}" fill="#60a5fa"/>
    <circle cx="${w / 4}" cy="${h / 2}" r="${h / 4}" fill="#ffffff"/>
    <rect x="${(w * 5) / 8}" y="${h / 4}" width="${w / 4}" height="${h / 2}" rx="${h / 20}" fill="#ffffff"/>
  </svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 90 }).toBuffer();
}

async function api(method: string, url: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${stack.app.url}${url}`, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: await res.json().catch(() => null) };
}

beforeAll(async () => {
  [stack, browser] = await Promise.all([startFullStack({ distDir: '.data/next-rich-message-test' }), launchBrowser()]);
  const editor = await stack.signIn(null, 'editor');
  cookie = editor.cookie;
  const created = z
    .object({ id: z.string(), draftRevision: z.number() })
    .parse((await api('POST', '/api/scenarios', { name: 'リッチメッセージのお知らせ' })).json);
  scenarioId = created.id;
  expect((await api('PUT', `/api/scenarios/${scenarioId}/draft`, { graph: GRAPH, expectedRevision: created.draftRevision })).status).toBe(
    200,
  );
  // The dev server compiles each page and route on first request: do it here, under the hook's longer timeout.
  for (const p of [`/scenarios/${scenarioId}`, '/sandbox', `/media/${randomUuid()}/rich/700`, `/media/${randomUuid()}/rich/1040`]) {
    await fetch(`${stack.app.url}${p}`, { headers: { cookie } });
  }
  await api('POST', '/api/media/rich', { data: '' });
  page = await browser.newPage({ viewport: { width: 1600, height: 1100 } });
  await stack.signIn(page, 'editor');
  page.on('pageerror', (e) => console.log('PAGEERROR', e.message));
  page.on('response', async (r) => {
    if (r.status() >= 500) console.log('HTTP', r.status(), r.request().method(), r.url(), (await r.text().catch(() => '')).slice(0, 300));
  });
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function savedMessages(): Promise<unknown[]> {
  const [row] = await stack.tdb.db.select({ draft: scenarios.draft }).from(scenarios).where(eq(scenarios.id, scenarioId));
  const draft = z
    .object({ nodes: z.array(z.looseObject({ id: z.string(), data: z.looseObject({ messages: z.array(z.unknown()).optional() }) })) })
    .parse(row?.draft);
  return draft.nodes.find((n) => n.id === 'send-1')?.data.messages ?? [];
}

describe('rich message', () => {
  it('builds a 2-area rich message without JSON: a narrow image refused, a wide one scaled to 1040 px', async () => {
    await page.goto(`${stack.app.url}/scenarios/${scenarioId}`, { waitUntil: 'networkidle', timeout: 120_000 });
    await page.locator('[data-testid="editor"][data-ready="true"]').waitFor({ timeout: 90_000 });
    await page.getByTestId('node-send-1').click();
    await page.getByTestId('inspector').waitFor();
    await page.getByTestId('send-send-1-kind-0').selectOption('rich');
    const rich = 'send-send-1-rich-0';
    const input = page.getByTestId(`${rich}-upload-file`);
    const status = page.getByTestId(`${rich}-upload-status`);

    // 800 px wide: LINE shows rich messages 1040 px wide, so it is refused with the reason and nothing is stored.
    await input.setInputFiles({ name: 'small.jpg', mimeType: 'image/jpeg', buffer: await banner(800) });
    await expect.poll(() => status.getAttribute('data-code'), { timeout: 20_000 }).toBe('image_too_narrow');
    expect(await status.textContent()).toBe(
      '「small.jpg」は保存していません。 幅が足りません。リッチメッセージの画像は幅1040ピクセル以上にしてください。',
    );
    expect(await countMedia(stack.tdb.db)).toBe(0);

    // 2080 px wide: stored at 1040×520.
    await input.setInputFiles({ name: 'banner.jpg', mimeType: 'image/jpeg', buffer: await banner(2080) });
    await expect.poll(() => status.getAttribute('data-state'), { timeout: 30_000 }).toBe('done');
    expect(await status.textContent()).toBe('アップロードしました（1040×520 px）。');
    expect(await page.getByTestId(`${rich}-image`).textContent()).toBe('画像：1040×520 px');

    await page.getByTestId(`${rich}-layout-two-columns`).click();
    expect(await page.getByTestId(`${rich}-layout-two-columns`).getAttribute('aria-pressed')).toBe('true');
    await page.getByTestId(`${rich}-alt`).fill('春のセールとお問い合わせ');
    await page.getByTestId(`${rich}-area-0-value`).fill('http://shop.example.jp/sale');
    await expect.poll(() => page.getByTestId(`${rich}-area-0`).textContent()).toContain('https:// で始まるURLにしてください');
    await page.getByTestId(`${rich}-area-0-value`).fill('https://shop.example.jp/sale');
    await page.getByTestId(`${rich}-area-1-kind`).selectOption('message');
    await page.getByTestId(`${rich}-area-1-value`).fill('在庫を教えてください');

    await expect.poll(() => page.getByTestId('issues-send-1').count()).toBe(0);
    const preview = page.getByTestId('send-send-1-preview');
    expect(await preview.getByTestId('line-bubble').getAttribute('data-type')).toBe('imagemap');
    expect(await preview.getByTestId('imagemap-area').count()).toBe(2);
    const img = preview.locator('[data-testid="imagemap"] img');
    await expect.poll(() => img.evaluate((e: HTMLImageElement) => e.complete && e.naturalWidth), { timeout: 20_000 }).toBe(700);

    await expect.poll(async () => JSON.stringify(await savedMessages()), { timeout: 20_000 }).toContain('在庫を教えてください');
    const [saved] = await savedMessages();
    const parsed = z.object({ baseUrl: z.string() }).parse(saved);
    baseUrl = parsed.baseUrl;
    expect(baseUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/media\/[0-9a-f-]{36}\/rich$/);
    expect(saved).toEqual({
      type: 'imagemap',
      baseUrl,
      altText: '春のセールとお問い合わせ',
      baseSize: { width: 1040, height: 520 },
      actions: [
        { type: 'uri', linkUri: 'https://shop.example.jp/sale', area: { x: 0, y: 0, width: 520, height: 520 } },
        { type: 'message', text: '在庫を教えてください', area: { x: 520, y: 0, width: 520, height: 520 } },
      ],
    });

    // LINE fetches `${baseUrl}/${width}` without credentials: each width answers, in the uploaded format.
    const local = baseUrl.replace(/^https:\/\/[^/]+/, stack.app.url);
    for (const w of [240, 300, 460, 700, 1040]) {
      const res = await fetch(`${local}/${w}`);
      expect([w, res.status, res.headers.get('content-type'), res.headers.get('cache-control')]).toEqual([
        w,
        200,
        'image/jpeg',
        'public, max-age=31536000, immutable',
      ]);
      expect(await sharp(Buffer.from(await res.arrayBuffer())).metadata()).toMatchObject({ width: w, height: w / 2 });
    }
    expect((await fetch(`${local}/800`)).status).toBe(404);
    expect((await fetch(`${stack.app.url}/media/${randomUuid()}/rich/700`)).status).toBe(404);
    await page.getByTestId(rich).scrollIntoViewIfNeeded();
    await page.screenshot({ path: '/tmp/shots/rich-message-editor.png' });
  });

  it('test-sends it: the phone shows the image with its areas, the link tracked, and a tap on B sends the text', async () => {
    const { inbox } = await testSendDraftToNewTestFriend(stack, page);
    await expect.poll(() => inbox().length, { timeout: 90_000 }).toBe(1);
    const sent = z
      .object({
        type: z.literal('imagemap'),
        baseUrl: z.string(),
        actions: z.tuple([z.object({ linkUri: z.string() }).loose(), z.object({ text: z.string() }).loose()]),
      })
      .loose()
      .parse(inbox()[0]?.message);
    expect(sent.baseUrl).toBe(baseUrl);
    // The area's link is tracked, like any link Kizuna sends; the text is sent as written.
    expect(sent.actions[0].linkUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/r\//);
    expect(sent.actions[1].text).toBe('在庫を教えてください');
    expect(stack.sandbox.invalidRequests()).toEqual([]);

    await page.goto(`${stack.app.url}/sandbox`, { waitUntil: 'networkidle', timeout: 120_000 });
    await page
      .getByTestId('sandbox-friends')
      .getByRole('button', { name: /テスト 花子/ })
      .click();
    const chat = page.getByTestId('chat-log');
    await expect.poll(() => chat.getByTestId('imagemap').count(), { timeout: 20_000 }).toBe(1);
    await expect
      .poll(() => chat.locator('[data-testid="imagemap"] img').evaluate((e: HTMLImageElement) => e.complete && e.naturalWidth), {
        timeout: 20_000,
      })
      .toBe(700);
    const areas = chat.getByTestId('imagemap-area');
    expect(await areas.count()).toBe(2);
    await areas.nth(1).click();
    await expect.poll(() => chat.getByText('在庫を教えてください').count(), { timeout: 20_000 }).toBe(1);
    await page.getByTestId('chat-view').screenshot({ path: SHOT });
  }, 300_000);
});

function randomUuid(): string {
  const h = randomBytes(16).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
