// Stores an uploaded image: judged by its bytes (scenario/image-upload.ts), decoded and previewed with sharp, kept once
// per distinct file; answers the https URLs a message holds. A refused file leaves nothing behind.
import 'server-only';
import { createHash } from 'node:crypto';
import type { DbOrTx } from '@/db/client';
import { insertMedia, mediaIdBySha256, type MediaInfo } from '@/db/queries/media';
import { checkImageUpload, type ImageProblem } from '@/scenario/image-upload';
import { mediaUrl, originalVariant } from '@/scenario/media-url';
import { makePreview } from './make-preview';

export type StoredImage = {
  id: string;
  originalContentUrl: string;
  previewImageUrl: string;
  width: number;
  height: number;
  /** False when the same file was uploaded before: its row and URLs are reused. */
  created: boolean;
};

function urls(appBaseUrl: string, m: MediaInfo): StoredImage {
  return {
    id: m.id,
    originalContentUrl: mediaUrl(appBaseUrl, m.id, originalVariant(m.contentType)),
    previewImageUrl: mediaUrl(appBaseUrl, m.id, 'preview.jpg'),
    width: m.width,
    height: m.height,
    created: m.created,
  };
}

export async function storeUploadedImage(
  db: DbOrTx,
  appBaseUrl: string,
  upload: { bytes: Uint8Array; createdBy: string },
): Promise<{ ok: true; image: StoredImage } | { ok: false; problem: ImageProblem }> {
  const check = checkImageUpload(upload.bytes);
  if (!check.ok) return check;
  const sha256 = createHash('sha256').update(upload.bytes).digest('hex');
  const known = await mediaIdBySha256(db, sha256);
  if (known) return { ok: true, image: urls(appBaseUrl, known) };
  const preview = await makePreview(upload.bytes);
  if (!preview) return { ok: false, problem: { code: 'image_unreadable' } };
  const row = await insertMedia(db, {
    sha256,
    contentType: check.contentType,
    bytes: Buffer.from(upload.bytes),
    byteSize: upload.bytes.length,
    width: check.width,
    height: check.height,
    preview: preview.bytes,
    previewWidth: preview.width,
    previewHeight: preview.height,
    createdBy: upload.createdBy,
  });
  return { ok: true, image: urls(appBaseUrl, row) };
}
