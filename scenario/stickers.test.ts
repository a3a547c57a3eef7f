// LINE's standard sticker packages: every id of a package, in order, and nothing outside them.
import { describe, expect, it } from 'vitest';
import { isStandardSticker, STICKER_PACKAGES, stickerIds, stickerPackage } from './stickers';

describe('standard stickers', () => {
  it('lists each package’s consecutive ids', () => {
    const moon = stickerPackage('446');
    if (!moon) throw new Error('no package 446');
    expect(stickerIds(moon)).toHaveLength(40);
    expect(stickerIds(moon).slice(0, 2)).toEqual(['1988', '1989']);
    expect(STICKER_PACKAGES.map((p) => p.packageId)).toEqual(
      expect.arrayContaining(['446', '789', '1070', '6136', '11537', '11538', '11539']),
    );
    expect(new Set(STICKER_PACKAGES.map((p) => p.packageId)).size).toBe(STICKER_PACKAGES.length);
  });

  it('knows which package and sticker pairs LINE lets a bot send', () => {
    expect(isStandardSticker('11537', '52002734')).toBe(true);
    expect(isStandardSticker('446', '2027')).toBe(true);
    expect(isStandardSticker('446', '2028')).toBe(false);
    expect(isStandardSticker('1', '2')).toBe(false);
    expect(isStandardSticker('446', '1e3')).toBe(false);
  });
});
