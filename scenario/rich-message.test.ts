// The rich-message model: every layout tiles its image exactly (no gap, no overlap, integer pixels), the imagemap it
// writes is read back unchanged, and the builder's and LINE's rules are reported with their places.
import { describe, expect, it } from 'vitest';
import { checkMessage } from './line-limits';
import { LineMessageSchema } from './messages';
import {
  checkRich,
  fitAreas,
  imagemapToRich,
  layoutAreas,
  RICH_LAYOUT_IDS,
  RICH_LAYOUTS,
  RICH_WIDTH,
  richToImagemap,
  type RichMessage,
} from './rich-message';

const BASE = 'https://kizuna.example.jp/media/0b0c6a36-49a4-4f7e-9f8c-1c1c7a2a8f00/rich';

const rich = (over: Partial<RichMessage> = {}): RichMessage => ({
  baseUrl: BASE,
  height: 520,
  altText: '春のセール',
  layout: 'two-columns',
  areas: [
    { kind: 'uri', value: 'https://shop.example.jp/sale' },
    { kind: 'message', value: '在庫を教えて' },
  ],
  ...over,
});

describe('layoutAreas', () => {
  // Odd heights and 1040 / 3 make rounding matter; 1040×1040, 701 and 520 are LINE公式's sizes.
  const heights = [1040, 701, 520, 351, 777, 1];
  const cases = RICH_LAYOUT_IDS.flatMap((l) => heights.map((h) => [l, h] as const)).filter(([, h]) => h >= 2);

  it.each(cases)('%s on 1040×%i covers every pixel exactly once', (layout, height) => {
    const areas = layoutAreas(layout, height);
    expect(areas).toHaveLength(RICH_LAYOUTS[layout].cells.length);
    const cover = new Uint8Array(RICH_WIDTH * height);
    for (const a of areas) {
      for (const v of [a.x, a.y, a.width, a.height]) expect(Number.isInteger(v)).toBe(true);
      expect(a.width).toBeGreaterThan(0);
      expect(a.height).toBeGreaterThan(0);
      expect(a.x + a.width).toBeLessThanOrEqual(RICH_WIDTH);
      expect(a.y + a.height).toBeLessThanOrEqual(height);
      for (let y = a.y; y < a.y + a.height; y++) for (let x = a.x; x < a.x + a.width; x++) cover[y * RICH_WIDTH + x]! += 1;
    }
    expect(cover.every((n) => n === 1)).toBe(true);
  });

  it('cuts as LINE公式 does: halves, thirds rounded, a wide top over two', () => {
    expect(layoutAreas('two-columns', 520)).toEqual([
      { x: 0, y: 0, width: 520, height: 520 },
      { x: 520, y: 0, width: 520, height: 520 },
    ]);
    expect(layoutAreas('six-grid', 701).map((a) => [a.x, a.y, a.width, a.height])).toEqual([
      [0, 0, 347, 351],
      [347, 0, 346, 351],
      [693, 0, 347, 351],
      [0, 351, 347, 350],
      [347, 351, 346, 350],
      [693, 351, 347, 350],
    ]);
    expect(layoutAreas('three-top', 1040)).toEqual([
      { x: 0, y: 0, width: 1040, height: 520 },
      { x: 0, y: 520, width: 520, height: 520 },
      { x: 520, y: 520, width: 520, height: 520 },
    ]);
  });
});

describe('richToImagemap and imagemapToRich', () => {
  it('writes LINE’s imagemap object, which the message schema takes', () => {
    const m = richToImagemap(rich());
    expect(m).toEqual({
      type: 'imagemap',
      baseUrl: BASE,
      altText: '春のセール',
      baseSize: { width: 1040, height: 520 },
      actions: [
        { type: 'uri', linkUri: 'https://shop.example.jp/sale', area: { x: 0, y: 0, width: 520, height: 520 } },
        { type: 'message', text: '在庫を教えて', area: { x: 520, y: 0, width: 520, height: 520 } },
      ],
    });
    expect(LineMessageSchema.parse(m)).toEqual(m);
    expect(checkMessage(m)).toEqual([]);
  });

  it.each(RICH_LAYOUT_IDS)('reads back what it wrote for %s, areas left empty included', (layout) => {
    const areas = fitAreas(
      [
        { kind: 'message', value: 'A' },
        { kind: 'none', value: '' },
      ],
      layout,
    );
    const r = rich({ layout, areas, height: 701 });
    expect(imagemapToRich(richToImagemap(r))).toEqual(r);
  });

  it('still reads a sent one whose links were rewritten for tracking', () => {
    const m = richToImagemap(rich());
    const sent = { ...m, actions: m.actions.map((a) => (a.type === 'uri' ? { ...a, linkUri: 'https://kz.example/r/abc' } : a)) };
    expect(imagemapToRich(sent)?.areas[0]).toEqual({ kind: 'uri', value: 'https://kz.example/r/abc' });
  });

  it('leaves an imagemap it did not write alone', () => {
    const m = richToImagemap(rich());
    const odd = {
      ...m,
      actions: [{ type: 'uri' as const, linkUri: 'https://x.example', area: { x: 10, y: 10, width: 100, height: 100 } }],
    };
    expect(imagemapToRich(odd)).toBeNull();
    expect(imagemapToRich({ ...m, actions: [{ ...m.actions[0]!, label: 'セール' }] })).toBeNull();
    expect(imagemapToRich({ type: 'text', text: 'x' })).toBeNull();
  });

  it('keeps the first areas when the layout changes', () => {
    expect(fitAreas(rich().areas, 'four-grid')).toEqual([
      { kind: 'uri', value: 'https://shop.example.jp/sale' },
      { kind: 'message', value: '在庫を教えて' },
      { kind: 'uri', value: '' },
      { kind: 'uri', value: '' },
    ]);
    expect(fitAreas(rich().areas, 'one')).toEqual([{ kind: 'uri', value: 'https://shop.example.jp/sale' }]);
  });
});

describe('checkRich', () => {
  const codes = (r: RichMessage) => checkRich(r, ['messages', 0]).map((i) => [i.code, i.path.join('/')]);

  it('passes a complete rich message', () => {
    expect(codes(rich())).toEqual([]);
  });

  it('wants the image, an action somewhere, and each chosen action filled with an https link', () => {
    expect(
      codes(
        rich({
          baseUrl: '',
          layout: 'three-columns',
          areas: [
            { kind: 'uri', value: 'http://shop.example.jp' },
            { kind: 'message', value: '  ' },
            { kind: 'uri', value: '{{attr.coupon_url}}' },
          ],
        }),
      ),
    ).toEqual([
      ['rich_image_missing', 'messages/0/rich/baseUrl'],
      ['rich_area_not_https', 'messages/0/rich/areas/0'],
      ['rich_area_empty', 'messages/0/rich/areas/1'],
    ]);
    expect(
      codes(
        rich({
          areas: [
            { kind: 'none', value: '' },
            { kind: 'none', value: '' },
          ],
        }),
      ),
    ).toEqual([['rich_no_action', 'messages/0/rich/areas']]);
  });

  it('words each problem in Japanese with the area’s letter', () => {
    const [i] = checkRich(
      rich({
        areas: [
          { kind: 'uri', value: 'https://a.example' },
          { kind: 'message', value: '' },
        ],
      }),
    );
    expect(i?.messageJa).toBe('エリアBの送信するテキストがありません。');
  });
});

describe('LINE’s limits on an imagemap', () => {
  const codes = (m: ReturnType<typeof richToImagemap>) => checkMessage(m).map((i) => [i.code, i.path.join('/')]);

  it('altText up to 400, area text up to 400, links up to 1,000 characters, image over https', () => {
    expect(codes(richToImagemap(rich({ altText: 'あ'.repeat(400) })))).toEqual([]);
    expect(codes(richToImagemap(rich({ altText: 'あ'.repeat(401) })))).toEqual([['line_alt_text_too_long', 'altText']]);
    expect(codes(richToImagemap(rich({ altText: ' ' })))).toEqual([['line_alt_text_empty', 'altText']]);
    const long = rich({
      areas: [
        { kind: 'uri', value: `https://a.example/${'x'.repeat(1000)}` },
        { kind: 'message', value: 'テ'.repeat(401) },
      ],
    });
    expect(codes(richToImagemap(long))).toEqual([
      ['line_url_too_long', 'actions/0/linkUri'],
      ['line_action_data_too_long', 'actions/1/text'],
    ]);
    expect(
      codes(
        richToImagemap(
          rich({
            areas: [
              { kind: 'message', value: 'テ'.repeat(400) },
              { kind: 'none', value: '' },
            ],
          }),
        ),
      ),
    ).toEqual([]);
    expect(codes(richToImagemap(rich({ baseUrl: 'http://kizuna.example.jp/media/x/rich' })))).toEqual([['line_url_invalid', 'baseUrl']]);
  });

  it('wants 1 to 50 areas, each inside the image', () => {
    const m = richToImagemap(rich());
    expect(codes({ ...m, actions: [] })).toEqual([['line_imagemap_actions', 'actions']]);
    expect(codes({ ...m, baseSize: { width: 1040, height: 400 } })).toEqual([
      ['line_imagemap_area', 'actions/0/area'],
      ['line_imagemap_area', 'actions/1/area'],
    ]);
  });
});
