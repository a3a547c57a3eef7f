// A rich menu's report against the sandbox: a URI area is published as Kizuna's tracked link, a tap on it counts for
// its area and redirects; LINE's own statistics (the insight summary, spec-checked by the sandbox) show per area.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getRichMenu, saveRichMenuRow } from '@/db/queries/rich-menus';
import { addFriend, admin } from '@/devstack/line-sandbox/test-helpers';
import { createEdgeHarness, type EdgeHarness } from '@/test/edge';
import { recordClick } from '../links/record-click';
import { storeUploadedImage } from '../media/store-image';
import { publishRichMenu } from './publish';
import { richMenuReport } from './report';

let h: EdgeHarness;
let menuId = '';
let lineMenuId = '';
const SHOP = 'https://shop.example.com/sale?from=menu';

beforeAll(async () => {
  h = await createEdgeHarness();
  const png = await sharp({ create: { width: 2500, height: 843, channels: 3, background: '#06c755' } })
    .png()
    .toBuffer();
  const image = await storeUploadedImage(h.deps.db, h.deps.appBaseUrl, { bytes: png, createdBy: 'owner@kizuna.test' });
  if (!image.ok) throw new Error('image refused');
  menuId = await saveRichMenuRow(h.deps.db, {
    draft: {
      name: '会員メニュー',
      chatBarText: 'メニュー',
      selected: true,
      size: { width: 2500, height: 843 },
      areas: [
        { bounds: { x: 0, y: 0, width: 1250, height: 843 }, action: { type: 'uri', uri: SHOP } },
        { bounds: { x: 1250, y: 0, width: 1250, height: 843 }, action: { type: 'message', text: 'こんにちは' } },
      ],
    },
    imageMediaId: image.image.id,
    by: 'owner@kizuna.test',
    at: h.deps.now(),
  });
  lineMenuId = (await publishRichMenu(h.deps, menuId)).lineRichMenuId;
});
afterAll(async () => {
  await h?.close();
});

describe('rich-menu report', () => {
  it('publishes a URI area as a tracked link; its taps count per area and redirect to the target', async () => {
    const area = h.sandbox.state.richMenus.menus.get(lineMenuId)?.body.areas[0]?.action as { type: string; uri: string };
    expect(area.type).toBe('uri');
    expect(area.uri.startsWith(`${h.deps.appBaseUrl}/r/`)).toBe(true);
    const token = area.uri.slice(`${h.deps.appBaseUrl}/r/`.length);
    expect(await recordClick(h.deps, token)).toEqual({ target: SHOP, eventId: null });
    expect(await recordClick(h.deps, token)).toEqual({ target: SHOP, eventId: null });
    // A forged token redirects nowhere and counts nothing.
    expect(await recordClick(h.deps, `${token.slice(0, -2)}xx`)).toBeNull();

    const menu = await getRichMenu(h.deps.db, menuId);
    if (!menu) throw new Error('menu gone');
    const report = await richMenuReport(h.deps, menu);
    expect(report.areas.map((a) => a.taps)).toEqual([2, null]);
  });

  it("shows LINE's statistics per area, and says so when LINE holds them back", async () => {
    const friend = await addFriend(h.sandbox, '太郎');
    await h.deps.line.linkRichMenuIdToUser(friend.userId, lineMenuId);
    await admin(h.sandbox, 'GET', `/friends/${friend.userId}/richmenu`);
    await admin(h.sandbox, 'POST', `/friends/${friend.userId}/richmenu/tap`, { area: 1 });
    await admin(h.sandbox, 'POST', `/friends/${friend.userId}/richmenu/tap`, { area: 1 });
    const menu = await getRichMenu(h.deps.db, menuId);
    if (!menu) throw new Error('menu gone');

    const report = await richMenuReport(h.deps, menu);
    expect(report.line).toMatchObject({ status: 'ok', impressions: { count: 1, uniqueUsers: 1 } });
    expect(report.areas.map((a) => a.lineClicks)).toEqual([
      { count: 0, uniqueUsers: 0 },
      { count: 2, uniqueUsers: 1 },
    ]);

    h.sandbox.state.richMenus.insightThreshold = 20;
    expect((await richMenuReport(h.deps, menu)).line).toEqual({ status: 'below_threshold' });
    expect((await richMenuReport(h.deps, { ...menu, lineRichMenuId: null })).line).toEqual({ status: 'not_published' });
  });
});
