import { describe, expect, it } from 'vitest';
import { rewriteLinks } from './track-links';

describe('rewriteLinks', () => {
  const r = (u: string) => `https://kz.example/r/${encodeURIComponent(u)}`;
  it('rewrites URI actions and URLs in text, never image sources', () => {
    const out = rewriteLinks(
      [
        { type: 'text', text: '詳しくは https://shop.example.jp/sale をご覧ください' },
        { type: 'image', originalContentUrl: 'https://img.example.jp/a.jpg', previewImageUrl: 'https://img.example.jp/p.jpg' },
        {
          type: 'template',
          altText: 'x',
          template: { type: 'buttons', text: 't', actions: [{ type: 'uri', label: '見る', uri: 'https://shop.example.jp/r' }] },
        },
      ],
      r,
    );
    expect(JSON.stringify(out)).toContain(`詳しくは ${r('https://shop.example.jp/sale')} をご覧ください`);
    expect(JSON.stringify(out)).toContain('"originalContentUrl":"https://img.example.jp/a.jpg"');
    expect(JSON.stringify(out)).toContain(`"uri":"${r('https://shop.example.jp/r')}"`);
  });

  it('rewrites a rich message’s area links, never its image or the text an area sends', () => {
    const area = { x: 0, y: 0, width: 520, height: 520 };
    const [out] = rewriteLinks(
      [
        {
          type: 'imagemap',
          baseUrl: 'https://kz.example/media/0b0c6a36-49a4-4f7e-9f8c-1c1c7a2a8f00/rich',
          altText: 'セール',
          baseSize: { width: 1040, height: 520 },
          actions: [
            { type: 'uri', linkUri: 'https://shop.example.jp/sale', area },
            { type: 'message', text: '在庫を教えて', area: { ...area, x: 520 } },
          ],
        },
      ],
      r,
    );
    expect(out).toEqual({
      type: 'imagemap',
      baseUrl: 'https://kz.example/media/0b0c6a36-49a4-4f7e-9f8c-1c1c7a2a8f00/rich',
      altText: 'セール',
      baseSize: { width: 1040, height: 520 },
      actions: [
        { type: 'uri', linkUri: r('https://shop.example.jp/sale'), area },
        { type: 'message', text: '在庫を教えて', area: { ...area, x: 520 } },
      ],
    });
  });
});
