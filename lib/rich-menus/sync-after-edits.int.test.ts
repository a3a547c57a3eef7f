// Rich-menu rules follow every path that changes a friend's tags or attributes outside a run: the friends API, CSV
// import and the friends list's bulk tags each link (or unlink) the rule's menu on the sandbox phone.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markRichMenuPublished, replaceRichMenuRules, saveRichMenuRow } from '@/db/queries/rich-menus';
import { addFriend } from '@/devstack/line-sandbox/test-helpers';
import type { RichMenuDraft } from '@/scenario/rich-menu';
import { createEdgeHarness, type EdgeHarness } from '@/test/edge';
import { bulkTag } from '../friends/bulk-actions';
import { importFriendsCsv } from '../friends/csv-import';
import { upsertFriends } from '../friends/upsert-friends';

let h: EdgeHarness;
let vipLineId = '';
const at = new Date('2026-04-01T03:00:00Z');
const actor = { id: null, email: 'owner@kizuna.test', ip: '127.0.0.1' };

const draft = (name: string): RichMenuDraft => ({
  name,
  chatBarText: 'メニュー',
  selected: true,
  size: { width: 2500, height: 843 },
  areas: [{ bounds: { x: 0, y: 0, width: 2500, height: 843 }, action: { type: 'message', text: 'こんにちは' } }],
});

/** A menu published on the sandbox and stored as Kizuna's (the publish flow itself is the browser test's). */
async function publishedMenu(name: string): Promise<{ id: string; lineRichMenuId: string }> {
  const d = draft(name);
  const { richMenuId } = await h.deps.line.createRichMenu({
    ...d,
    areas: [{ bounds: d.areas[0]!.bounds, action: { type: 'message', text: 'こんにちは' } }],
  });
  const png = await sharp({ create: { width: 2500, height: 843, channels: 3, background: '#06c755' } })
    .png()
    .toBuffer();
  await h.deps.lineBlob.setRichMenuImage(richMenuId, new Blob([new Uint8Array(png)], { type: 'image/png' }));
  const id = await saveRichMenuRow(h.deps.db, { draft: d, imageMediaId: null, by: actor.email, at });
  await markRichMenuPublished(h.deps.db, id, richMenuId, at);
  return { id, lineRichMenuId: richMenuId };
}

const linkedOnPhone = (userId: string) => h.sandbox.state.richMenus.userLinks.get(userId) ?? null;

beforeAll(async () => {
  h = await createEdgeHarness();
  const vip = await publishedMenu('VIPメニュー');
  vipLineId = vip.lineRichMenuId;
  await replaceRichMenuRules(h.deps.db, [{ menuId: vip.id, condition: { type: 'tag', tag: 'vip', has: true } }]);
});
afterAll(async () => {
  await h?.close();
});

describe('rich-menu rules after edits outside a run', () => {
  it('a tag added through the friends API links the rule menu; removing it unlinks', async () => {
    const taro = await addFriend(h.sandbox, '太郎');
    await upsertFriends(h.deps, { friends: [{ lineUserId: taro.userId, displayName: '太郎' }] });
    expect(linkedOnPhone(taro.userId)).toBeNull();

    const r = await upsertFriends(h.deps, { friends: [{ lineUserId: taro.userId, tags: { add: ['vip'] } }] });
    expect(r).toMatchObject({ updated: 1, failed: 0 });
    expect(linkedOnPhone(taro.userId)).toBe(vipLineId);

    await upsertFriends(h.deps, { friends: [{ lineUserId: taro.userId, tags: { remove: ['vip'] } }] });
    expect(linkedOnPhone(taro.userId)).toBeNull();
  });

  it('CSV import and the bulk tag action apply the rules too', async () => {
    const hanako = await addFriend(h.sandbox, '花子');
    const jiro = await addFriend(h.sandbox, '次郎');
    expect(await importFriendsCsv(h.deps, `line_user_id,display_name,tags\n${hanako.userId},花子,vip\n${jiro.userId},次郎,\n`)).toEqual({
      ok: true,
      created: 2,
      updated: 0,
    });
    expect(linkedOnPhone(hanako.userId)).toBe(vipLineId);
    expect(linkedOnPhone(jiro.userId)).toBeNull();

    await bulkTag({ ...h.deps, now: () => at }, actor, { filter: { q: '次郎' }, expected: 1, tag: 'vip' });
    expect(linkedOnPhone(jiro.userId)).toBe(vipLineId);
    await bulkTag({ ...h.deps, now: () => at }, actor, { filter: { tag: 'vip' }, expected: 2, tag: 'vip', remove: true });
    expect(linkedOnPhone(jiro.userId)).toBeNull();
    expect(linkedOnPhone(hanako.userId)).toBeNull();
  });
});
