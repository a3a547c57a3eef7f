// GET /media/{id}/rich/460: a rich message's image 460 px wide (LINE appends a width to the imagemap's baseUrl).
// policy: public (public_media): LINE fetches without credentials; the random id is the only key and nothing lists media.
import { publicRoute } from '@/lib/auth/guard';
import { serveRichImage } from '@/lib/media/rich-image';

export const GET = publicRoute('public_media', (req: Request, ctx: { params: Promise<{ id: string }> }) => serveRichImage(req, ctx, 460));
