// A rich message's image: uploaded at least 1040 px wide (a wider one scaled down to 1040 with sharp, in its own
// format), stored like any upload; served at the widths LINE asks for (`${baseUrl}/${width}`), scaled from the original.
import 'server-only';
import sharp from 'sharp';
import { z } from 'zod';
import type { DbOrTx } from '@/db/client';
import { mediaFile } from '@/db/queries/media';
import { checkImageUpload, IMAGE_RULES, type ImageProblem } from '@/scenario/image-upload';
import { richBaseUrl } from '@/scenario/media-url';
import { RICH_WIDTH, type RichWidth } from '@/scenario/rich-message';
import { appDeps } from '../app-deps';
import { storeUploadedImage, type StoredImage } from './store-image';

export type StoredRichImage = StoredImage & { baseUrl: string };

async function scaleTo(bytes: Uint8Array, kind: 'jpeg' | 'png', width: number): Promise<Buffer | null> {
  try {
    const img = sharp(bytes, { limitInputPixels: IMAGE_RULES.maxPixels, failOn: 'truncated' }).rotate().resize({ width });
    return await (kind === 'png' ? img.png() : img.jpeg({ quality: 90, mozjpeg: true })).toBuffer();
  } catch {
    return null;
  }
}

/** Judged as any upload, then held to 1040 px wide; refused with its reason and nothing stored otherwise. */
export async function storeRichImage(
  db: DbOrTx,
  appBaseUrl: string,
  upload: { bytes: Uint8Array; createdBy: string },
): Promise<{ ok: true; image: StoredRichImage } | { ok: false; problem: ImageProblem }> {
  const check = checkImageUpload(upload.bytes);
  if (!check.ok) return check;
  const meta = await sharp(upload.bytes)
    .metadata()
    .catch(() => null);
  if (!meta) return { ok: false, problem: { code: 'image_unreadable' } };
  // A phone photo may be stored on its side with an EXIF orientation: its upright width is what LINE shows.
  const orientation = meta.orientation ?? 1;
  const width = orientation >= 5 ? check.height : check.width;
  if (width < RICH_WIDTH) return { ok: false, problem: { code: 'image_too_narrow', width, min: RICH_WIDTH } };
  let bytes = upload.bytes;
  if (width !== RICH_WIDTH || orientation !== 1) {
    const scaled = await scaleTo(upload.bytes, check.kind, RICH_WIDTH);
    if (!scaled) return { ok: false, problem: { code: 'image_unreadable' } };
    bytes = scaled;
  }
  const stored = await storeUploadedImage(db, appBaseUrl, { bytes, createdBy: upload.createdBy });
  if (!stored.ok) return stored;
  return { ok: true, image: { ...stored.image, baseUrl: richBaseUrl(appBaseUrl, stored.image.id) } };
}

const notFound = () => new Response('not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });

/** A stored image scaled to one of LINE's widths, in its own format, with its ETag; null for an unknown id. */
export async function richImage(
  db: DbOrTx,
  id: string,
  width: RichWidth,
): Promise<{ bytes: Buffer; contentType: 'image/jpeg' | 'image/png'; etag: string } | null> {
  if (!z.uuid().safeParse(id).success) return null;
  const file = await mediaFile(db, id, 'original');
  if (!file || (file.contentType !== 'image/jpeg' && file.contentType !== 'image/png')) return null;
  const bytes = await scaled(file.bytes, file.contentType, width);
  // A media row never changes: the id and width name these bytes for good.
  return bytes ? { bytes, contentType: file.contentType, etag: `"${file.sha256.slice(0, 32)}-r${width}"` } : null;
}

/** Answers GET /media/{id}/rich/{width}: the original scaled to `width` (one of LINE's five), cached for good. */
export async function serveRichImage(req: Request, ctx: { params: Promise<{ id: string }> }, width: RichWidth): Promise<Response> {
  const { id } = await ctx.params;
  const img = await richImage(appDeps().db, id, width);
  if (!img) return notFound();
  const headers = { etag: img.etag, 'cache-control': 'public, max-age=31536000, immutable' };
  if (req.headers.get('if-none-match') === img.etag) return new Response(null, { status: 304, headers });
  return new Response(new Uint8Array(img.bytes), {
    headers: { ...headers, 'content-type': img.contentType, 'content-length': String(img.bytes.length) },
  });
}

async function scaled(original: Buffer, contentType: 'image/jpeg' | 'image/png', width: RichWidth): Promise<Buffer | null> {
  const meta = await sharp(original)
    .metadata()
    .catch(() => null);
  if (!meta) return null;
  // Stored 1040 px wide and upright: the largest size is the original itself.
  if (meta.width === width && (meta.orientation ?? 1) === 1) return original;
  return scaleTo(original, contentType === 'image/png' ? 'png' : 'jpeg', width);
}
