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
});
