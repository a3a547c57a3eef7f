// LINE's standard stickers a bot may send, as listed on https://developers.line.biz/en/docs/messaging-api/sticker-list/ (the 15 packages there, each with its consecutive sticker ids).

export type StickerPackage = {
  packageId: string;
  /** The first and last sticker id of the package; every id between is in it. */
  first: number;
  last: number;
  /** Animated stickers (they move on the phone; Kizuna shows them as tiles like the others). */
  animated: boolean;
};

export const STICKER_PACKAGES: readonly StickerPackage[] = [
  { packageId: '446', first: 1988, last: 2027, animated: false },
  { packageId: '789', first: 10855, last: 10894, animated: false },
  { packageId: '1070', first: 17839, last: 17878, animated: false },
  { packageId: '6136', first: 10551376, last: 10551399, animated: false },
  { packageId: '6325', first: 10979904, last: 10979927, animated: false },
  { packageId: '6359', first: 11069848, last: 11069871, animated: false },
  { packageId: '6362', first: 11087920, last: 11087943, animated: false },
  { packageId: '6370', first: 11088016, last: 11088039, animated: false },
  { packageId: '6632', first: 11825374, last: 11825397, animated: false },
  { packageId: '8515', first: 16581242, last: 16581265, animated: false },
  { packageId: '8522', first: 16581266, last: 16581289, animated: false },
  { packageId: '8525', first: 16581290, last: 16581313, animated: false },
  { packageId: '11537', first: 52002734, last: 52002773, animated: true },
  { packageId: '11538', first: 51626494, last: 51626533, animated: true },
  { packageId: '11539', first: 52114110, last: 52114149, animated: true },
];

/** The sticker ids of a package, in LINE's order. */
export function stickerIds(p: StickerPackage): string[] {
  return Array.from({ length: p.last - p.first + 1 }, (_, i) => String(p.first + i));
}

export function stickerPackage(packageId: string): StickerPackage | undefined {
  return STICKER_PACKAGES.find((p) => p.packageId === packageId);
}

/** Whether LINE lists this package and sticker as usable in messages (others are refused by LINE). */
export function isStandardSticker(packageId: string, stickerId: string): boolean {
  const p = stickerPackage(packageId);
  if (!p || !/^\d+$/.test(stickerId)) return false;
  const n = Number(stickerId);
  return n >= p.first && n <= p.last;
}
