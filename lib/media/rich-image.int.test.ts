// Rich-message images against a real PostgreSQL and sharp: a wide JPEG is stored 1040 px wide and served at each width
// LINE asks for, a PNG stays a PNG, a narrow image is refused with its reason and leaves no row.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countMedia } from '@/db/queries/media';
import { RICH_WIDTHS } from '@/scenario/rich-message';
import { createTestDatabase, type TestDatabase } from '@/test/db';
import { richImage, storeRichImage } from './rich-image';

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(async () => {
  await tdb?.drop();
});

const BASE = 'http://127.0.0.1:3000';
const by = 'editor@kizuna.test';

const picture = (w: number, h: number) =>
  sharp({ create: { width: w, height: h, channels: 3, background: '#06c755' } }).composite([
    {
      input: Buffer.from(
        `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><circle cx="${w / 2}" cy="${h / 2}" r="${h / 3}" fill="#f97316"/></svg>`,
      ),
    },
  ]);

describe('storeRichImage and richImage', () => {
  it('scales a 2080×1040 JPEG down to 1040×520 and serves it at 240, 300, 460, 700 and 1040 px as JPEG', async () => {
    const r = await storeRichImage(tdb.db, BASE, { bytes: await picture(2080, 1040).jpeg().toBuffer(), createdBy: by });
    if (!r.ok) throw new Error(`refused: ${r.problem.code}`);
    expect([r.image.width, r.image.height]).toEqual([1040, 520]);
    expect(r.image.baseUrl).toBe(`https://127.0.0.1:3000/media/${r.image.id}/rich`);
    for (const w of RICH_WIDTHS) {
      const img = await richImage(tdb.db, r.image.id, w);
      if (!img) throw new Error(`no ${w}`);
      expect(img.contentType).toBe('image/jpeg');
      expect(await sharp(img.bytes).metadata()).toMatchObject({ format: 'jpeg', width: w, height: Math.round(w / 2) });
    }
  });

  it('keeps a 1040 px PNG as uploaded, and serves PNG', async () => {
    const png = await picture(1040, 1040).png().toBuffer();
    const r = await storeRichImage(tdb.db, BASE, { bytes: png, createdBy: by });
    if (!r.ok) throw new Error(`refused: ${r.problem.code}`);
    const full = await richImage(tdb.db, r.image.id, 1040);
    expect(full?.bytes.equals(png)).toBe(true);
    const small = await richImage(tdb.db, r.image.id, 300);
    expect([small?.contentType, (await sharp(small?.bytes).metadata()).format]).toEqual(['image/png', 'png']);
  });

  it('refuses an image under 1040 px wide (or not an image) and stores nothing; an unknown id is not found', async () => {
    const before = await countMedia(tdb.db);
    const narrow = await storeRichImage(tdb.db, BASE, { bytes: await picture(800, 800).jpeg().toBuffer(), createdBy: by });
    expect(narrow).toEqual({ ok: false, problem: { code: 'image_too_narrow', width: 800, min: 1040 } });
    const text = await storeRichImage(tdb.db, BASE, { bytes: Buffer.from('画像ではありません'), createdBy: by });
    expect(text.ok ? 'stored' : text.problem.code).toBe('image_type');
    expect(await countMedia(tdb.db)).toBe(before);
    expect(await richImage(tdb.db, '0b0c6a36-49a4-4f7e-9f8c-1c1c7a2a8f00', 700)).toBeNull();
    expect(await richImage(tdb.db, 'not-a-uuid', 700)).toBeNull();
  });
});
