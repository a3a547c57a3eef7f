// GET /r/{token}: a tracked link. A valid token records a click and redirects (302); anything else is 404, never a redirect.
import { appDeps } from '@/lib/app-deps';
import { publicRoute } from '@/lib/auth/guard';
import { recordClick } from '@/lib/links/record-click';

export const GET = publicRoute(
  'signed_link',
  async (_request: Request, { params }: { params: Promise<{ token: string }> }): Promise<Response> => {
    const { token } = await params;
    const deps = appDeps();
    const click = await recordClick(deps, token);
    if (!click) return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
    return new Response(null, { status: 302, headers: { location: click.target, 'cache-control': 'no-store' } });
  },
);
