// Uploads against a real PostgreSQL and sharp: a good JPEG or PNG is stored once with a preview within LINE's limits, a
// bad file (not an image, too small, cut short) is refused with its reason and leaves no row.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countMedia, mediaFile } from '@/db/queries/media';
import { createTestDatabase, type TestDatabase } from '@/test/db';
import { storeUploadedImage } from './store-image';

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(async () => {
  await tdb?.drop();
});

const BASE = 'http://127.0.0.1:3000';
const by = 'editor@kizuna.test';

/** Deterministic noise (a linear congruential generator): it compresses badly, as detailed photos do. */
function noise(width: number, height: number, channels: 3 | 4): Buffer {
  const out = Buffer.alloc(width * height * channels);
  let x = 12345;
  for (let i = 0; i < out.length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

const jpeg = (w: number, h: number, quality = 90) =>
  sharp(noise(w, h, 3), { raw: { width: w, height: h, channels: 3 } })
    .jpeg({ quality })
    .toBuffer();
const png = (w: number, h: number) =>
  sharp(noise(w, h, 4), { raw: { width: w, height: h, channels: 4 } })
    .png()
    .toBuffer();

describe('storeUploadedImage', () => {
  it('stores a JPEG as uploaded, with a JPEG preview of at most 1024 px and 1 MB, and https URLs', async () => {
    const original = await jpeg(1800, 1200, 95);
    const r = await storeUploadedImage(tdb.db, BASE, { bytes: original, createdBy: by });
    if (!r.ok) throw new Error(`refused: ${r.problem.code}`);
    expect(r.image).toMatchObject({ width: 1800, height: 1200, created: true });
    expect(r.image.originalContentUrl).toBe(`https://127.0.0.1:3000/media/${r.image.id}/original.jpg`);
    expect(r.image.previewImageUrl).toBe(`https://127.0.0.1:3000/media/${r.image.id}/preview.jpg`);

    const stored = await mediaFile(tdb.db, r.image.id, 'original');
    expect(stored?.contentType).toBe('image/jpeg');
    expect(Buffer.compare(stored?.bytes ?? Buffer.alloc(0), original)).toBe(0);
    const preview = await mediaFile(tdb.db, r.image.id, 'preview');
    if (!preview) throw new Error('no preview');
    expect(preview.bytes.length).toBeLessThanOrEqual(1024 * 1024);
    expect(await sharp(preview.bytes).metadata()).toMatchObject({ format: 'jpeg', width: 1024, height: 683 });
  });

  it('keeps one row per distinct file: the same bytes again answer the same id', async () => {
    const bytes = await png(300, 200);
    const first = await storeUploadedImage(tdb.db, BASE, { bytes, createdBy: by });
    const again = await storeUploadedImage(tdb.db, BASE, { bytes, createdBy: 'someone-else@kizuna.test' });
    if (!first.ok || !again.ok) throw new Error('refused');
    expect(again.image).toEqual({ ...first.image, created: false });
    expect(first.image.originalContentUrl.endsWith('/original.png')).toBe(true);
    // A transparent PNG's preview is a JPEG on white, no larger than the original.
    const preview = await mediaFile(tdb.db, first.image.id, 'preview');
    expect(await sharp(preview?.bytes).metadata()).toMatchObject({ format: 'jpeg', width: 300, height: 200, hasAlpha: false });
  });

  it('refuses what is not a JPEG or PNG, is under 50 px, or is cut short, and stores nothing', async () => {
    const before = await countMedia(tdb.db);
    const text = Buffer.from('これは画像ではありません。名前が photo.jpg でも中身はテキストです。');
    const gif = await sharp(noise(100, 100, 3), { raw: { width: 100, height: 100, channels: 3 } })
      .gif()
      .toBuffer();
    const tiny = await png(40, 400);
    const full = await jpeg(400, 300);
    const cut = full.subarray(0, Math.floor(full.length / 2));
    const refused = async (bytes: Buffer) => {
      const r = await storeUploadedImage(tdb.db, BASE, { bytes, createdBy: by });
      return r.ok ? 'stored' : r.problem.code;
    };
    expect([await refused(text), await refused(gif), await refused(tiny), await refused(cut), await refused(Buffer.alloc(0))]).toEqual([
      'image_type',
      'image_type',
      'image_too_small',
      'image_unreadable',
      'image_empty',
    ]);
    expect(await countMedia(tdb.db)).toBe(before);
  });

  it('makes a preview within 1 MB even for a picture that compresses badly', async () => {
    const r = await storeUploadedImage(tdb.db, BASE, { bytes: await jpeg(2400, 2400, 100), createdBy: by });
    if (!r.ok) throw new Error(`refused: ${r.problem.code}`);
    const preview = await mediaFile(tdb.db, r.image.id, 'preview');
    expect(preview?.bytes.length).toBeLessThanOrEqual(1024 * 1024);
    expect(await sharp(preview?.bytes).metadata()).toMatchObject({ width: 1024, height: 1024 });
  });
});
