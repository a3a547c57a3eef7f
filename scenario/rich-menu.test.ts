// Rich-menu geometry, LINE's image rules, rule picking and the LINE request.
import { describe, expect, it } from 'vitest';
import {
  aliasIdOf,
  areaAt,
  checkRichMenu,
  pickRichMenu,
  rectFromDrag,
  richMenuImageProblem,
  templateBounds,
  toLineRichMenu,
  RICH_MENU_TEMPLATES,
  type RichMenuDraft,
  type RichMenuTemplate,
} from './rich-menu';

const size = { width: 2500, height: 1686 };
const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';
const friend = {
  id: 'f',
  lineUserId: 'U1',
  displayName: 'x',
  attributes: { rank: 'vip' },
  tags: ['member'],
  linked: false,
  friendAddedAt: 0,
  events: [],
};

describe('templates', () => {
  it.each(Object.keys(RICH_MENU_TEMPLATES) as RichMenuTemplate[])('%s tiles the image exactly, without overlap', (t) => {
    for (const s of [size, { width: 800, height: 270 }, { width: 1200, height: 405 }]) {
      const bounds = templateBounds(t, s);
      expect(bounds.reduce((n, b) => n + b.width * b.height, 0)).toBe(s.width * s.height);
      const draft: RichMenuDraft = {
        name: 'm',
        chatBarText: 'menu',
        selected: true,
        size: s,
        areas: bounds.map((b) => ({ bounds: b, action: { type: 'message', text: 'x' } })),
      };
      expect(checkRichMenu(draft)).toEqual([]);
    }
  });
  it('grid6 is 3 columns by 2 rows', () => {
    const b = templateBounds('grid6', size);
    expect(b).toHaveLength(6);
    expect(b[0]).toEqual({ x: 0, y: 0, width: 833, height: 843 });
    expect(b[5]).toEqual({ x: 1667, y: 843, width: 833, height: 843 });
  });
});

describe('geometry', () => {
  it('drags a rectangle from any corner, clamped to the image', () => {
    expect(rectFromDrag({ x: 300, y: 200 }, { x: 100, y: 50 }, size)).toEqual({ x: 100, y: 50, width: 200, height: 150 });
    expect(rectFromDrag({ x: -50, y: 1600 }, { x: 100, y: 2000 }, size)).toEqual({ x: 0, y: 1600, width: 100, height: 86 });
    expect(rectFromDrag({ x: 10, y: 10 }, { x: 15, y: 300 }, size)).toBeNull();
  });
  it('finds the area under a point', () => {
    const areas = templateBounds('halves', size).map((bounds) => ({ bounds }));
    expect(areaAt(areas, 10, 10)).toBe(0);
    expect(areaAt(areas, 1250, 10)).toBe(1);
    expect(areaAt(areas, 2500, 10)).toBe(-1);
  });
  it('reports areas outside the image, overlapping, missing switch targets and a wrong size', () => {
    const d: RichMenuDraft = {
      name: 'm',
      chatBarText: 'menu',
      selected: true,
      size: { width: 1000, height: 500 },
      areas: [
        { bounds: { x: 0, y: 0, width: 600, height: 400 }, action: { type: 'switch', toMenuId: B } },
        { bounds: { x: 500, y: 0, width: 600, height: 400 }, action: { type: 'message', text: 'x' } },
      ],
    };
    expect(checkRichMenu(d, [A]).map((i) => `${i.code}@${i.path.join('.')}`)).toEqual([
      'size@size',
      'switch_target@areas.0.action',
      'area_outside@areas.1.bounds',
      'area_overlap@areas.1.bounds',
    ]);
    expect(checkRichMenu({ ...d, size, areas: [] }).map((i) => i.code)).toEqual(['no_areas']);
  });
});

describe('image rules', () => {
  it('takes LINE sizes as JPEG or PNG up to 1 MB', () => {
    expect(richMenuImageProblem({ kind: 'png', width: 2500, height: 843, bytes: 500_000 })).toBeNull();
    expect(richMenuImageProblem({ kind: 'jpeg', width: 800, height: 270, bytes: 1024 * 1024 })).toBeNull();
  });
  it('refuses other sizes, types and heavier files with ja/en reasons', () => {
    const p = richMenuImageProblem({ kind: 'png', width: 2500, height: 1000, bytes: 1000 });
    expect(p?.code).toBe('image_size');
    expect(p?.messageJa).toContain('2500×1000');
    expect(p?.message).toContain('2500×1686');
    expect(richMenuImageProblem({ kind: 'gif', width: 2500, height: 843, bytes: 1 })?.code).toBe('image_type');
    expect(richMenuImageProblem({ kind: 'jpeg', width: 2500, height: 843, bytes: 1024 * 1024 + 1 })?.messageJa).toContain('1MB');
  });
});

describe('rules and LINE request', () => {
  const ctx = { friend, now: 0, timeZone: 'Asia/Tokyo' };
  it('first matching rule wins, else the default', () => {
    const rules = [
      { menuId: A, condition: { type: 'tag' as const, tag: 'vip', has: true } },
      { menuId: B, condition: { type: 'attribute' as const, key: 'rank', op: 'eq' as const, value: 'vip' } },
      { menuId: A, condition: { type: 'tag' as const, tag: 'member', has: true } },
    ];
    expect(pickRichMenu(rules, null, ctx)).toBe(B);
    expect(pickRichMenu(rules.slice(0, 1), A, { ...ctx, friend: { ...friend, tags: [] } })).toBe(A);
    expect(pickRichMenu([], null, ctx)).toBeNull();
  });
  it('builds postback data that names the event, menu and area, and switches through aliases', () => {
    const req = toLineRichMenu(A, {
      name: 'm',
      chatBarText: 'メニュー',
      selected: true,
      size,
      areas: [
        { bounds: { x: 0, y: 0, width: 1250, height: 1686 }, action: { type: 'postback', event: 'coupon_open', displayText: 'クーポン' } },
        { bounds: { x: 1250, y: 0, width: 1250, height: 1686 }, action: { type: 'switch', toMenuId: B } },
      ],
    });
    expect(req.areas[0]?.action).toEqual({ type: 'postback', data: `action=coupon_open&rm=${A}&ra=0`, displayText: 'クーポン' });
    expect(req.areas[1]?.action).toEqual({
      type: 'richmenuswitch',
      richMenuAliasId: aliasIdOf(B),
      data: `action=rich_menu_switch&rm=${A}&ra=1`,
    });
    expect(aliasIdOf(B)).toMatch(/^[A-Za-z0-9_-]{1,32}$/);
  });
});
