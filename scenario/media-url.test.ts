// Kizuna's media URLs: https for LINE whatever APP_BASE_URL's scheme, read back, and shown by path on Kizuna's own pages.
import { describe, expect, it } from 'vitest';
import { displaySrc, mediaUrl, originalVariant, parseMediaUrl, richBaseUrl } from './media-url';

const id = '0b6f4c2e-8d1a-4c55-9e0b-3f1f2a7d9c11';

describe('media URLs', () => {
  it('are https under APP_BASE_URL, for LINE fetches images over https only', () => {
    expect(mediaUrl('https://kizuna.example.jp', id, 'original.jpg')).toBe(`https://kizuna.example.jp/media/${id}/original.jpg`);
    expect(mediaUrl('http://127.0.0.1:3000/', id, 'preview.jpg')).toBe(`https://127.0.0.1:3000/media/${id}/preview.jpg`);
    expect(mediaUrl('https://example.jp/kizuna/', id, originalVariant('image/png'))).toBe(
      `https://example.jp/kizuna/media/${id}/original.png`,
    );
  });

  it('are read back, and nothing else is taken for one', () => {
    expect(parseMediaUrl(`https://kizuna.example.jp/media/${id}/preview.jpg`)).toEqual({ id, variant: 'preview.jpg' });
    expect(parseMediaUrl(`/media/${id}/original.png`)).toEqual({ id, variant: 'original.png' });
    expect(parseMediaUrl(`https://x.example/media/${id}/original.gif`)).toBeNull();
    expect(parseMediaUrl('https://x.example/media/../etc/passwd')).toBeNull();
    expect(parseMediaUrl('https://')).toBeNull();
  });

  it('load from the page’s own origin when they are this host’s, so an http dev server shows them', () => {
    const url = `https://127.0.0.1:3000/media/${id}/preview.jpg`;
    expect(displaySrc(url, '127.0.0.1:3000')).toBe(`/media/${id}/preview.jpg`);
    expect(displaySrc(url, 'other.example')).toBe(url);
    expect(displaySrc(url, null)).toBe(url);
    expect(displaySrc('https://cdn.example.jp/a.jpg', '127.0.0.1:3000')).toBe('https://cdn.example.jp/a.jpg');
  });

  it('give a rich message a baseUrl LINE appends a width to; only LINE’s widths are media', () => {
    const base = richBaseUrl('http://127.0.0.1:3000/', id);
    expect(base).toBe(`https://127.0.0.1:3000/media/${id}/rich`);
    expect(parseMediaUrl(`${base}/700`)).toEqual({ id, variant: 'rich/700' });
    expect(displaySrc(`${base}/240`, '127.0.0.1:3000')).toBe(`/media/${id}/rich/240`);
    expect(parseMediaUrl(`${base}/800`)).toBeNull();
    expect(parseMediaUrl(base)).toBeNull();
  });
});
