// Uploads judged by their bytes: JPEG and PNG with their pixel size, everything else refused with the reason.
import { describe, expect, it } from 'vitest';
import { checkImageUpload, checkUploadSize, sniffImage } from './image-upload';
import { LINE_LIMITS } from './line-limits';

const bytes = (...parts: (number[] | string)[]) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? Array.from(p, (c) => c.charCodeAt(0)) : p)));
const be16 = (n: number) => [(n >> 8) & 0xff, n & 0xff];
const be32 = (n: number) => [...be16(Math.floor(n / 65536)), ...be16(n % 65536)];

function png(width: number, height: number, padTo = 0): Uint8Array {
  const head = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], be32(13), 'IHDR', be32(width), be32(height), [8, 6, 0, 0, 0]);
  const out = new Uint8Array(Math.max(head.length, padTo));
  out.set(head);
  return out;
}

/** SOI, an APP0 (JFIF) segment, a DQT-like segment, then a baseline SOF0 with the size. */
function jpeg(width: number, height: number, sof = 0xc0): Uint8Array {
  return bytes(
    [0xff, 0xd8],
    [0xff, 0xe0],
    be16(16),
    'JFIF',
    [0, 1, 1, 0, 0, 1, 0, 1, 0, 0],
    [0xff, 0xdb],
    be16(4),
    [0, 0],
    [0xff, sof],
    be16(17),
    [8],
    be16(height),
    be16(width),
    [3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1],
    [0xff, 0xd9],
  );
}

describe('sniffImage', () => {
  it('knows a file by its first bytes, whatever it is called', () => {
    expect(sniffImage(jpeg(100, 100))).toBe('jpeg');
    expect(sniffImage(png(100, 100))).toBe('png');
    expect(sniffImage(bytes('GIF89a'))).toBe('gif');
    expect(sniffImage(bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 '))).toBe('webp');
    expect(sniffImage(bytes([0, 0, 0, 0x18], 'ftypheic'))).toBe('heic');
    expect(sniffImage(bytes('%PDF-1.7'))).toBe('pdf');
    expect(sniffImage(bytes('これは画像ではありません'))).toBe('unknown');
  });
});

describe('checkImageUpload', () => {
  it('accepts JPEG and PNG with their size in pixels', () => {
    expect(checkImageUpload(jpeg(1200, 800))).toEqual({ ok: true, kind: 'jpeg', contentType: 'image/jpeg', width: 1200, height: 800 });
    expect(checkImageUpload(png(640, 480))).toEqual({ ok: true, kind: 'png', contentType: 'image/png', width: 640, height: 480 });
    // Progressive JPEGs carry their size in SOF2.
    expect(checkImageUpload(jpeg(300, 200, 0xc2))).toMatchObject({ ok: true, width: 300, height: 200 });
  });

  it('refuses other formats, naming what the bytes are', () => {
    expect(checkImageUpload(bytes('GIF89a', [1, 0, 1, 0]))).toEqual({ ok: false, problem: { code: 'image_type', kind: 'gif' } });
    expect(checkImageUpload(bytes('just some text'))).toEqual({ ok: false, problem: { code: 'image_type', kind: 'unknown' } });
  });

  it('refuses an empty file and an image whose size cannot be read', () => {
    expect(checkImageUpload(new Uint8Array(0))).toEqual({ ok: false, problem: { code: 'image_empty' } });
    expect(checkImageUpload(bytes([0xff, 0xd8, 0xff, 0xe0]))).toEqual({ ok: false, problem: { code: 'image_unreadable' } });
    expect(checkImageUpload(png(0, 10))).toEqual({ ok: false, problem: { code: 'image_unreadable' } });
  });

  it('takes exactly 10 MB and refuses one byte more (LINE’s limit for an original)', () => {
    expect(checkImageUpload(png(1000, 1000, LINE_LIMITS.imageBytes))).toMatchObject({ ok: true });
    expect(checkImageUpload(png(1000, 1000, LINE_LIMITS.imageBytes + 1))).toEqual({
      ok: false,
      problem: { code: 'image_too_large', bytes: 10 * 1024 * 1024 + 1, max: 10 * 1024 * 1024 },
    });
  });

  it('refuses a picture under 50 px on a side, and one of more than 50 megapixels', () => {
    expect(checkImageUpload(png(50, 50))).toMatchObject({ ok: true });
    expect(checkImageUpload(png(49, 400))).toEqual({ ok: false, problem: { code: 'image_too_small', width: 49, height: 400, min: 50 } });
    expect(checkImageUpload(jpeg(10000, 5000))).toMatchObject({ ok: true });
    expect(checkImageUpload(jpeg(10000, 5001))).toMatchObject({ ok: false, problem: { code: 'image_too_many_pixels' } });
  });
});

describe('checkUploadSize', () => {
  it('is the server’s size rule, for the browser to apply before uploading', () => {
    expect(checkUploadSize(0)).toEqual({ code: 'image_empty' });
    expect(checkUploadSize(LINE_LIMITS.imageBytes)).toBeNull();
    expect(checkUploadSize(LINE_LIMITS.imageBytes + 1)).toMatchObject({ code: 'image_too_large' });
  });
});
