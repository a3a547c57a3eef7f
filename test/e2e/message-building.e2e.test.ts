// Browser, one full stack: an editor uploads a JPEG in the send step (a non-image, a tiny and an oversized file are
// refused with the reason and nothing is stored), builds a card-type message and picks a sticker without writing JSON,
// saves them as a template, and sends the draft to a test friend: the sandbox phone shows the image, the cards and the
// sticker, and every request Kizuna made is one LINE's spec accepts.
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { countMedia } from '../../db/queries/media';
import { messageTemplates, scenarios } from '../../db/schema';
import { artefactPath } from '../app';
import { launchBrowser } from '../browser';
import { testSendDraftToNewTestFriend } from '../preview-test-send';
import { startFullStack, type FullStack } from '../full-stack';

let stack: FullStack;
let browser: Browser;
let page: Page;
let cookie = '';
let scenarioId = '';
/** The uploaded JPEG's media id, once stored. */
let mediaId = '';

const MB = 1024 * 1024;

/** A trigger, one send step and the end; no quiet hours, so the test send goes out whatever the hour. */
const GRAPH = {
  schemaVersion: 1,
  settings: { timeZone: 'Asia/Tokyo', splitSalt: 'message-building' },
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

/** A 1600×1200 JPEG banner: sky, sun and a shop front (shapes only: no fonts needed). */
function bannerJpeg(): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="1200">
    <defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#7dd3fc"/><stop offset="1" stop-color="#fde68a"/></linearGradient></defs>
    <rect width="1600" height="1200" fill="url(#sky)"/>
    <circle cx="1250" cy="300" r="160" fill="#f97316"/>
    <rect x="250" y="520" width="900" height="560" rx="40" fill="#ffffff"/>
    <rect x="250" y="520" width="900" height="140" rx="40" fill="#06c755"/>
    <rect x="380" y="760" width="260" height="320" fill="#f472b6"/>
    <rect x="740" y="760" width="300" height="180" fill="#60a5fa"/>
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

const ErrorCode = z.object({ error: z.object({ code: z.string() }) });
const uploadStatus = (testId: string) => page.getByTestId(`${testId}-status`);

beforeAll(async () => {
  [stack, browser] = await Promise.all([startFullStack({ distDir: '.data/next-message-building-test' }), launchBrowser()]);
  const editor = await stack.signIn(null, 'editor');
  cookie = editor.cookie;
  const created = z
    .object({ id: z.string(), draftRevision: z.number() })
    .parse((await api('POST', '/api/scenarios', { name: '画像とカードのお知らせ' })).json);
  scenarioId = created.id;
  expect((await api('PUT', `/api/scenarios/${scenarioId}/draft`, { graph: GRAPH, expectedRevision: created.draftRevision })).status).toBe(
    200,
  );
  // The dev server compiles each page and route on first request: do it here, under the hook's longer timeout.
  for (const p of [`/scenarios/${scenarioId}`, '/sandbox', `/media/${randomUuid()}/preview.jpg`, '/api/message-templates']) {
    await fetch(`${stack.app.url}${p}`, { headers: { cookie } });
  }
  await api('POST', '/api/media', { data: '' });
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

async function openSendStep(): Promise<void> {
  await page.goto(`${stack.app.url}/scenarios/${scenarioId}`, { waitUntil: 'networkidle', timeout: 120_000 });
  await page.locator('[data-testid="editor"][data-ready="true"]').waitFor({ timeout: 90_000 });
  await page.getByTestId('node-send-1').click();
  await page.getByTestId('inspector').waitFor();
}

/** The saved draft's send step, read from the database (what a test send will run). */
async function savedMessages(): Promise<unknown[]> {
  const [row] = await stack.tdb.db.select({ draft: scenarios.draft }).from(scenarios).where(eq(scenarios.id, scenarioId));
  const draft = z
    .object({ nodes: z.array(z.looseObject({ id: z.string(), data: z.looseObject({ messages: z.array(z.unknown()).optional() }) })) })
    .parse(row?.draft);
  return draft.nodes.find((n) => n.id === 'send-1')?.data.messages ?? [];
}

describe('message building', () => {
  it('uploads a JPEG for an image message; a non-image, a tiny and an oversized file are refused with the reason and nothing is stored', async () => {
    await openSendStep();
    await page.getByTestId('send-send-1-kind-0').selectOption('image');
    const upload = 'send-send-1-msg-0-upload';
    const input = page.getByTestId(`${upload}-file`);

    // A text file named like a photo: judged by its bytes, on the server.
    await input.setInputFiles({ name: 'photo.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('これは画像ではありません。') });
    await expect.poll(() => uploadStatus(upload).getAttribute('data-code'), { timeout: 20_000 }).toBe('image_type');
    expect(await uploadStatus(upload).textContent()).toBe(
      '「photo.jpg」は保存していません。 JPEGまたはPNGの画像ではありません。LINEで送れる画像はJPEGとPNGだけです。',
    );
    // A real PNG under 50 px a side.
    const tiny = await sharp({ create: { width: 40, height: 40, channels: 3, background: '#06c755' } })
      .png()
      .toBuffer();
    await input.setInputFiles({ name: 'icon.png', mimeType: 'image/png', buffer: tiny });
    await expect.poll(() => uploadStatus(upload).getAttribute('data-code'), { timeout: 20_000 }).toBe('image_too_small');
    expect(await uploadStatus(upload).textContent()).toContain('縦横とも50ピクセル以上');
    // Over LINE's 10 MB: refused before a byte is sent.
    const big = Buffer.concat([await bannerJpeg(), Buffer.alloc(10 * MB)]);
    await input.setInputFiles({ name: 'huge.jpg', mimeType: 'image/jpeg', buffer: big });
    await expect.poll(() => uploadStatus(upload).getAttribute('data-code'), { timeout: 20_000 }).toBe('image_too_large');
    expect(await uploadStatus(upload).textContent()).toContain('10 MBを超えています');
    await page.screenshot({ path: artefactPath('message-building-refused.png') });

    // The server holds the same rules for any caller: 413 over 10 MB (and over the body cap), 400 for a non-image.
    const post = async (bytes: Buffer) =>
      ErrorCode.parse((await api('POST', '/api/media', { data: bytes.toString('base64') })).json).error.code;
    expect(await post(Buffer.concat([await bannerJpeg(), Buffer.alloc(10 * MB)]).subarray(0, 10 * MB + 1))).toBe('too_large:image');
    expect(await post(Buffer.alloc(11 * MB, 0xff))).toBe('too_large:body');
    expect(await post(Buffer.from('GIF89a not really'))).toBe('invalid:image_type');
    expect(await countMedia(stack.tdb.db)).toBe(0);

    // A good JPEG: stored once, both URLs filled in, the preview drawn from Kizuna's own copy.
    await input.setInputFiles({ name: 'banner.jpg', mimeType: 'image/jpeg', buffer: await bannerJpeg() });
    await expect.poll(() => uploadStatus(upload).getAttribute('data-state'), { timeout: 30_000 }).toBe('done');
    expect(await uploadStatus(upload).textContent()).toBe('アップロードしました（1600×1200 px）。');
    expect(await countMedia(stack.tdb.db)).toBe(1);
    const img = page.getByTestId('send-send-1-preview').locator('[data-type="image"] img');
    await expect.poll(() => img.evaluate((e: HTMLImageElement) => e.complete && e.naturalWidth), { timeout: 20_000 }).toBe(1024);
    expect(await img.isVisible()).toBe(true);
    const src = (await img.getAttribute('src')) ?? '';
    mediaId = /^\/media\/([0-9a-f-]{36})\/preview\.jpg$/.exec(src)?.[1] ?? '';
    expect(mediaId).not.toBe('');
    await expect.poll(savedMessages, { timeout: 20_000 }).toEqual([
      {
        type: 'image',
        originalContentUrl: `${stack.app.url.replace('http:', 'https:')}/media/${mediaId}/original.jpg`,
        previewImageUrl: `${stack.app.url.replace('http:', 'https:')}/media/${mediaId}/preview.jpg`,
      },
    ]);

    // Served publicly (LINE fetches without a session), cached for good; nothing else under /media answers.
    const original = await fetch(`${stack.app.url}/media/${mediaId}/original.jpg`);
    expect([original.status, original.headers.get('content-type'), original.headers.get('cache-control')]).toEqual([
      200,
      'image/jpeg',
      'public, max-age=31536000, immutable',
    ]);
    expect(Buffer.from(await original.arrayBuffer()).equals(await bannerJpeg())).toBe(true);
    const preview = Buffer.from(await (await fetch(`${stack.app.url}/media/${mediaId}/preview.jpg`)).arrayBuffer());
    expect(preview.length).toBeLessThanOrEqual(MB);
    expect(await sharp(preview).metadata()).toMatchObject({ format: 'jpeg', width: 1024, height: 768 });
    for (const path of [`/media/${mediaId}/original.png`, `/media/${randomUuid()}/preview.jpg`, `/media/${mediaId}`, '/media/x']) {
      expect([path, (await fetch(`${stack.app.url}${path}`, { redirect: 'manual' })).status]).toEqual([path, 404]);
    }
    // /media itself is no public path: without a session it goes to sign-in.
    expect((await fetch(`${stack.app.url}/media`, { redirect: 'manual' })).headers.get('location')).toContain('/sign-in');
    await page.getByTestId('send-send-1-preview').scrollIntoViewIfNeeded();
    await page.screenshot({ path: artefactPath('message-building-image.png') });
  });

  it('builds a card-type message and picks a sticker without writing JSON, and saves them as a template', async () => {
    await page.getByTestId('send-send-1-add').click();
    await page.getByTestId('send-send-1-kind-1').selectOption('cards');
    const card = (i: number) => `send-send-1-card-1-${i}`;
    // The same banner again: no second copy is stored.
    await page
      .getByTestId(`${card(0)}-upload-file`)
      .setInputFiles({ name: 'banner-copy.jpg', mimeType: 'image/jpeg', buffer: await bannerJpeg() });
    await expect.poll(() => uploadStatus(`${card(0)}-upload`).getAttribute('data-state'), { timeout: 30_000 }).toBe('done');
    expect(await countMedia(stack.tdb.db)).toBe(1);
    await page.getByTestId(`${card(0)}-title`).fill('春のセール開催中');
    await page.getByTestId(`${card(0)}-text`).fill('{{friend.displayName|お客様}}さん限定、全品20%OFF。');
    await page.getByTestId(`${card(0)}-add-button`).click();
    await page.getByTestId(`${card(0)}-button-0-label`).fill('セール会場へ');
    await page.getByTestId(`${card(0)}-button-0-value`).fill('https://shop.example.jp/sale');

    await page.getByTestId('send-send-1-cards-1-add').click();
    await page.getByTestId(`${card(1)}-image-url`).fill(`${stack.app.url.replace('http:', 'https:')}/media/${mediaId}/preview.jpg`);
    await page.getByTestId(`${card(1)}-title`).fill('新作スニーカー入荷');
    await page.getByTestId(`${card(1)}-add-button`).click();
    await page.getByTestId(`${card(1)}-button-0-kind`).selectOption('message');
    await page.getByTestId(`${card(1)}-button-0-label`).fill('在庫を聞く');
    await page.getByTestId(`${card(1)}-button-0-value`).fill('新作スニーカーの在庫はありますか？');
    // The notification text followed the first card's title.
    expect(await page.getByTestId('send-send-1-cards-1-alt').inputValue()).toBe('春のセール開催中');

    await page.getByTestId('send-send-1-add').click();
    await page.getByTestId('send-send-1-kind-2').selectOption('sticker');
    await page.getByTestId('send-send-1-msg-2-package-446').click();
    await page.getByTestId('send-send-1-msg-2-sticker-1990').click();
    expect(await page.getByTestId('send-send-1-msg-2-sticker-selected').textContent()).toBe('選択中：パッケージ 446・スタンプ 1990');

    // The step has no problems, and its preview shows the image, both cards and the sticker.
    await expect.poll(() => page.getByTestId('issues-send-1').count()).toBe(0);
    const preview = page.getByTestId('send-send-1-preview');
    expect(await preview.getByTestId('line-bubble').evaluateAll((els) => els.map((e) => e.getAttribute('data-type')))).toEqual([
      'image',
      'flex',
      'sticker',
    ]);
    expect(await preview.getByTestId('card').allTextContents()).toEqual([
      '春のセール開催中花子さん限定、全品20%OFF。セール会場へ',
      '新作スニーカー入荷在庫を聞く',
    ]);
    expect(await preview.getByTestId('sticker-tile').getAttribute('data-sticker')).toBe('446/1990');
    await page.getByTestId('send-send-1-card-1-0').scrollIntoViewIfNeeded();
    await page.screenshot({ path: artefactPath('message-building-cards.png') });
    await preview.scrollIntoViewIfNeeded();
    await page.screenshot({ path: artefactPath('message-building-cards-preview.png') });

    // What was saved is flex that LINE takes, never hand-written.
    await expect
      .poll(async () => (await savedMessages()).map((m) => z.looseObject({ type: z.string() }).parse(m).type), { timeout: 20_000 })
      .toEqual(['image', 'flex', 'sticker']);

    // Saved as a template for every scenario.
    await page.getByTestId('send-send-1-templates-name').fill('春のセール一式');
    await page.getByTestId('send-send-1-templates-save').click();
    await expect
      .poll(() => page.getByTestId('send-send-1-templates-note').textContent())
      .toBe('テンプレート「春のセール一式」を保存しました。');
    const [template] = await stack.tdb.db.select().from(messageTemplates);
    expect([template?.name, z.array(z.unknown()).parse(template?.messages).length]).toEqual(['春のセール一式', 3]);
    // Adding it to this step would make 6 messages: refused with the reason.
    await page.getByTestId('send-send-1-templates-pick').selectOption({ label: '春のセール一式（3）' });
    await page.getByTestId('send-send-1-templates-append').click();
    expect(await page.getByTestId('send-send-1-templates-note').textContent()).toContain('5件を超える');
  });

  it('sends the draft to a test friend: the phone shows the image, the cards and the sticker, as LINE accepts them', async () => {
    const { inbox } = await testSendDraftToNewTestFriend(stack, page);
    await expect.poll(() => inbox().length, { timeout: 90_000 }).toBe(3);
    const [image, cards, sticker] = inbox().map((m) => m.message);
    expect(image).toEqual({
      type: 'image',
      originalContentUrl: `${stack.app.url.replace('http:', 'https:')}/media/${mediaId}/original.jpg`,
      previewImageUrl: `${stack.app.url.replace('http:', 'https:')}/media/${mediaId}/preview.jpg`,
    });
    expect(JSON.stringify(cards)).toContain('テスト 花子さん限定、全品20%OFF。');
    // The card's link is tracked, like any link Kizuna sends.
    expect(JSON.stringify(cards)).toMatch(/"uri":"http:\/\/127\.0\.0\.1:\d+\/r\//);
    expect(sticker).toEqual({ type: 'sticker', packageId: '446', stickerId: '1990' });
    expect(stack.sandbox.invalidRequests()).toEqual([]);

    await page.goto(`${stack.app.url}/sandbox`, { waitUntil: 'networkidle', timeout: 120_000 });
    await page
      .getByTestId('sandbox-friends')
      .getByRole('button', { name: /テスト 花子/ })
      .click();
    const chat = page.getByTestId('chat-log');
    await expect.poll(() => chat.getByTestId('bubble').count(), { timeout: 20_000 }).toBe(3);
    await expect
      .poll(
        () =>
          chat
            .locator('img')
            .first()
            .evaluate((e: HTMLImageElement) => e.complete && e.naturalWidth),
        { timeout: 20_000 },
      )
      .toBe(1024);
    expect(await chat.getByTestId('card').count()).toBe(2);
    expect(await chat.getByTestId('sticker-tile').getAttribute('data-sticker')).toBe('446/1990');
    await chat.getByTestId('card').first().scrollIntoViewIfNeeded();
    await page.getByTestId('chat-view').screenshot({ path: artefactPath('message-building-phone.png') });
  }, 300_000);
});

function randomUuid(): string {
  const h = randomBytes(16).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
