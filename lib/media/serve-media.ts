// Answers GET /media/{id}/…: the stored bytes with long-lived cache headers, 404 for anything unknown (nothing is listed).
import 'server-only';
import { z } from 'zod';
import { mediaFile } from '@/db/queries/media';
import { appDeps } from '../app-deps';

const notFound = () => new Response('not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });

/** `variant` and the content type the URL's extension promises (a PNG is never served as original.jpg). */
export async function serveMedia(
  req: Request,
  ctx: { params: Promise<{ id: string }> },
  variant: 'original' | 'preview',
  contentType: 'image/jpeg' | 'image/png',
): Promise<Response> {
  const { id } = await ctx.params;
  if (!z.uuid().safeParse(id).success) return notFound();
  const file = await mediaFile(appDeps().db, id, variant);
  if (!file || file.contentType !== contentType) return notFound();
  // A media row never changes: the id names these bytes for good.
  const etag = `"${file.sha256.slice(0, 32)}${variant === 'preview' ? '-p' : ''}"`;
  const headers = { etag, 'cache-control': 'public, max-age=31536000, immutable' };
  if (req.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });
  return new Response(new Uint8Array(file.bytes), {
    headers: { ...headers, 'content-type': contentType, 'content-length': String(file.bytes.length) },
  });
}
