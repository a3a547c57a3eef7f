// Conformance of the sandbox's rich-menu endpoints, driven through the real @line/bot-sdk clients (api and api-data).
import { messagingApi } from '@line/bot-sdk';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { loadLineValidator } from './openapi-validator';
import { startLineSandbox, type LineSandbox } from './server';
import { TOKEN, addFriend, admin, fakeClock, lineError } from './test-helpers';

let sandbox: LineSandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

async function setup() {
  sandbox = await startLineSandbox({ channelAccessToken: TOKEN });
  const client = new messagingApi.MessagingApiClient({ channelAccessToken: TOKEN, baseURL: sandbox.url });
  const blob = new messagingApi.MessagingApiBlobClient({ channelAccessToken: TOKEN, baseURL: sandbox.url });
  return { sandbox, client, blob };
}

const png = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: '#06c755' } })
    .png()
    .toBuffer();

const menu = (name: string): messagingApi.RichMenuRequest => ({
  size: { width: 2500, height: 843 },
  selected: true,
  name,
  chatBarText: 'メニュー',
  areas: [
    { bounds: { x: 0, y: 0, width: 1250, height: 843 }, action: { type: 'postback', data: 'action=tap&ra=0' } },
    {
      bounds: { x: 1250, y: 0, width: 1250, height: 843 },
      action: { type: 'richmenuswitch', richMenuAliasId: 'kz-b', data: 'action=switch' },
    },
  ],
});

describe('rich menus', () => {
  it('creates, uploads the image, aliases, links per user and sets the default, all valid against the spec', async () => {
    const { sandbox, client, blob } = await setup();
    const friend = await addFriend(sandbox, 'Taro');
    await client.validateRichMenuObject(menu('a'));
    const { richMenuId: a } = await client.createRichMenu(menu('a'));
    const { richMenuId: b } = await client.createRichMenu(menu('b'));
    expect(a).toMatch(/^richmenu-[0-9a-f]{32}$/);
    const image = await png(2500, 843);
    await blob.setRichMenuImage(a, new Blob([image], { type: 'image/png' }));
    await blob.setRichMenuImage(b, new Blob([image], { type: 'image/png' }));
    await client.createRichMenuAlias({ richMenuAliasId: 'kz-a', richMenuId: a });
    await client.createRichMenuAlias({ richMenuAliasId: 'kz-b', richMenuId: a });
    await client.updateRichMenuAlias('kz-b', { richMenuId: b });
    expect(await client.getRichMenuAlias('kz-b')).toEqual({ richMenuAliasId: 'kz-b', richMenuId: b });
    await client.setDefaultRichMenu(a);
    expect((await client.getDefaultRichMenuId()).richMenuId).toBe(a);

    // The phone shows the default until the user gets a menu of their own.
    const view = async () =>
      (await admin(sandbox, 'GET', `/friends/${friend.userId}/richmenu`)).json as {
        richMenu: { richMenuId: string; linked: boolean } | null;
      };
    expect((await view()).richMenu).toMatchObject({ richMenuId: a, linked: false });
    await client.linkRichMenuIdToUser(friend.userId, b);
    expect((await client.getRichMenuIdOfUser(friend.userId)).richMenuId).toBe(b);
    expect((await view()).richMenu).toMatchObject({ richMenuId: b, linked: true });
    const img = await fetch(`${sandbox.url}/__sandbox/richmenus/${b}/image`);
    expect(img.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await img.arrayBuffer()).equals(image)).toBe(true);

    // A richmenuswitch tap links the alias's menu and sends the postback with LINE's params.
    const tap = await admin(sandbox, 'POST', `/friends/${friend.userId}/richmenu/switch`, {
      richMenuAliasId: 'kz-a',
      data: 'action=switch',
    });
    expect(tap.status).toBe(200);
    expect((await view()).richMenu).toMatchObject({ richMenuId: a });
    expect(sandbox.state.webhooks.at(-1)?.events[0]).toMatchObject({
      type: 'postback',
      postback: { data: 'action=switch', params: { newRichMenuAliasId: 'kz-a', status: 'SUCCESS' } },
    });

    await client.unlinkRichMenuIdFromUser(friend.userId);
    expect((await lineError(() => client.getRichMenuIdOfUser(friend.userId))).status).toBe(404);
    expect(sandbox.invalidRequests()).toEqual([]);
  });

  it('refuses images of the wrong size, type or weight, a second upload, and links before an image', async () => {
    const { sandbox, client, blob } = await setup();
    const friend = await addFriend(sandbox, 'Hanako');
    const { richMenuId } = await client.createRichMenu(menu('a'));
    const link = await lineError(() => client.linkRichMenuIdToUser(friend.userId, richMenuId));
    expect(link).toMatchObject({ status: 400, body: { message: 'must upload richmenu image before applying it to user' } });
    const wrongSize = await lineError(() =>
      blob.setRichMenuImage(richMenuId, new Blob([new Uint8Array(0)], { type: 'image/png' }).slice(0, 0, 'image/png')),
    );
    expect(wrongSize.status).toBe(400);
    const small = await lineError(async () => blob.setRichMenuImage(richMenuId, new Blob([await png(1200, 405)], { type: 'image/png' })));
    expect(small.body.message).toContain('does not match the rich menu size 2500x843');
    const gif = await lineError(async () => blob.setRichMenuImage(richMenuId, new Blob([await png(2500, 843)], { type: 'image/gif' })));
    expect(gif.body.message).toContain("'image/gif'");
    const noisy = await sharp(Buffer.from(Array.from({ length: 2500 * 843 * 3 }, (_, i) => (i * 7919) % 251)), {
      raw: { width: 2500, height: 843, channels: 3 },
    })
      .png({ compressionLevel: 0 })
      .toBuffer();
    expect(noisy.length).toBeGreaterThan(1024 * 1024);
    const heavy = await lineError(() => blob.setRichMenuImage(richMenuId, new Blob([noisy], { type: 'image/png' })));
    expect(heavy.status).toBe(413);
    await blob.setRichMenuImage(richMenuId, new Blob([await png(2500, 843)], { type: 'image/png' }));
    const again = await lineError(async () => blob.setRichMenuImage(richMenuId, new Blob([await png(2500, 843)], { type: 'image/png' })));
    expect(again.body.message).toBe('An image has already been uploaded to the richmenu');
    // Requests Kizuna never sends but LINE refuses: a menu past its size, a chat bar text over 14.
    const bad = await lineError(() =>
      client.createRichMenu({
        ...menu('x'),
        chatBarText: 'あ'.repeat(15),
        areas: [{ bounds: { x: 2000, y: 0, width: 1000, height: 843 }, action: { type: 'message', text: 'x' } }],
      }),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.details?.map((d) => d.property)).toContain('chatBarText');
    expect((await lineError(() => client.getRichMenuAlias('nope'))).status).toBe(404);
  });

  it('serves the rich-menu insight summary as insight.yml says: impressions, clicks per area, the threshold, the date rules', async () => {
    // 2026-02-14 12:00 JST.
    const clock = fakeClock(Date.parse('2026-02-14T03:00:00Z'));
    sandbox = await startLineSandbox({ channelAccessToken: TOKEN, now: clock.now });
    const client = new messagingApi.MessagingApiClient({ channelAccessToken: TOKEN, baseURL: sandbox.url });
    const blob = new messagingApi.MessagingApiBlobClient({ channelAccessToken: TOKEN, baseURL: sandbox.url });
    const { richMenuId } = await client.createRichMenu(menu('stats'));
    await blob.setRichMenuImage(richMenuId, new Blob([await png(2500, 843)], { type: 'image/png' }));
    await client.setDefaultRichMenu(richMenuId);
    const [taro, hanako] = [await addFriend(sandbox, 'Taro'), await addFriend(sandbox, 'Hanako')];
    for (const f of [taro, hanako]) {
      // The phone polls: showing the same menu again is not another impression.
      await admin(sandbox, 'GET', `/friends/${f.userId}/richmenu`);
      await admin(sandbox, 'GET', `/friends/${f.userId}/richmenu`);
    }
    for (const [f, area] of [
      [taro, 0],
      [taro, 0],
      [hanako, 0],
      [hanako, 1],
    ] as const) {
      expect((await admin(sandbox, 'POST', `/friends/${f.userId}/richmenu/tap`, { area })).status).toBe(200);
    }
    expect((await admin(sandbox, 'POST', `/friends/${taro.userId}/richmenu/tap`, { area: 5 })).status).toBe(404);

    const summary = async (query: string) => {
      const res = await fetch(`${sandbox?.url}/v2/bot/insight/richmenu/${richMenuId}/summary${query}`, {
        headers: { authorization: `Bearer ${TOKEN}` },
      });
      return { status: res.status, body: (await res.json()) as unknown };
    };
    const got = await summary('?from=20260214&to=20260214');
    expect(got.status).toBe(200);
    expect(loadLineValidator().insight('GetRichMenuInsightSummaryResponse', got.body)).toEqual([]);
    expect(got.body).toEqual({
      richMenuId,
      metricsFrom: '20260214',
      metricsTo: '20260214',
      impression: { metrics: { count: 2, uniqueUsers: 2 } },
      clicks: [
        { bounds: { x: 0, y: 0, width: 1250, height: 843 }, metrics: { count: 3, uniqueUsers: 2 } },
        { bounds: { x: 1250, y: 0, width: 1250, height: 843 }, metrics: { count: 1, uniqueUsers: 1 } },
      ],
    });
    // The day before had nothing; below the privacy threshold only the id comes back.
    expect((await summary('?from=20260213&to=20260213')).body).toEqual({ richMenuId });
    sandbox.state.richMenus.insightThreshold = 3;
    expect((await summary('?from=20260214&to=20260214')).body).toEqual({ richMenuId });
    expect(sandbox.invalidRequests()).toEqual([]);

    // LINE's refusals: a range past 396 days, an end before the start, more than 3 years back, an unknown menu…
    expect((await summary('?from=20250101&to=20260214')).status).toBe(400);
    expect((await summary('?from=20260214&to=20260213')).status).toBe(400);
    expect((await summary('?from=20230101&to=20230102')).status).toBe(400);
    const unknown = await fetch(`${sandbox.url}/v2/bot/insight/richmenu/richmenu-${'0'.repeat(32)}/summary?from=20260214&to=20260214`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(unknown.status).toBe(404);
    expect(sandbox.invalidRequests()).toEqual([]);
    // …and a request breaking the spec (no `to`, a malformed `from`) is counted invalid.
    expect((await summary('?from=20260214')).status).toBe(400);
    expect((await summary('?from=2026-02-14&to=20260214')).status).toBe(400);
    expect(sandbox.invalidRequests()).toHaveLength(2);
  });
});
