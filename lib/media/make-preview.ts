// The preview of an uploaded image, made with sharp: upright, at most 1024 px a side, flattened on white, a JPEG of at
// most 1 MB (LINE's limit for an image message's preview, and the largest image a flex card shows).
import sharp from 'sharp';
import { IMAGE_RULES } from '@/scenario/image-upload';
import { LINE_LIMITS } from '@/scenario/line-limits';

export type Preview = { bytes: Buffer; width: number; height: number };

/** Lower qualities are tried only for the rare picture whose 1024 px JPEG is still over 1 MB (noise, fine detail). */
const QUALITIES = [82, 70, 55, 40] as const;

/** The preview, or null when sharp cannot decode the picture (corrupt or truncated data behind a valid header). */
export async function makePreview(original: Uint8Array): Promise<Preview | null> {
  const side = LINE_LIMITS.flexImageSide;
  try {
    for (const quality of QUALITIES) {
      const { data, info } = await sharp(original, { limitInputPixels: IMAGE_RULES.maxPixels, failOn: 'truncated' })
        .rotate()
        .resize({ width: side, height: side, fit: 'inside', withoutEnlargement: true })
        .flatten({ background: '#ffffff' })
        .jpeg({ quality, mozjpeg: true })
        .toBuffer({ resolveWithObject: true });
      if (data.length <= LINE_LIMITS.previewImageBytes) return { bytes: data, width: info.width, height: info.height };
    }
  } catch {
    return null;
  }
  return null;
}
