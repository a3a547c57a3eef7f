// GET /media/{id}/original.jpg: an uploaded JPEG as it was uploaded, for LINE's servers and message previews.
// policy: public (public_media): LINE fetches without credentials; the random id is the only key and nothing lists media.
import { publicRoute } from '@/lib/auth/guard';
import { serveMedia } from '@/lib/media/serve-media';

export const GET = publicRoute('public_media', (req: Request, ctx: { params: Promise<{ id: string }> }) =>
  serveMedia(req, ctx, 'original', 'image/jpeg'),
);
