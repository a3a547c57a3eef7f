// GET /media/{id}/preview.jpg: the preview Kizuna made (a JPEG of at most 1024 px and 1 MB), for LINE's servers and message previews.
// policy: public (public_media): LINE fetches without credentials; the random id is the only key and nothing lists media.
import { publicRoute } from '@/lib/auth/guard';
import { serveMedia } from '@/lib/media/serve-media';

export const GET = publicRoute('public_media', (req: Request, ctx: { params: Promise<{ id: string }> }) =>
  serveMedia(req, ctx, 'preview', 'image/jpeg'),
);
