// GET /routes/{id}/qr?format=png|svg: a route URL's QR code as a download, for operators who may read scenarios.
// policy: session, scenarios:read
import { z } from 'zod';
import { findInflowRoute } from '@/db/queries/inflow-routes';
import { appDeps } from '@/lib/app-deps';
import { sessionRoute } from '@/lib/auth/guard';
import { AppError } from '@/lib/errors';
import { routeQrPng, routeQrSvg } from '@/lib/inflow/qr';
import { routeUrl } from '@/lib/inflow/route-config';

export const dynamic = 'force-dynamic';

export const GET = sessionRoute('scenarios:read', async (req: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  const { db, appBaseUrl } = appDeps();
  const route = z.uuid().safeParse(id).success ? await findInflowRoute(db, id) : null;
  if (!route) throw new AppError('not_found:route', 'no such route');
  const url = routeUrl(appBaseUrl, route.code);
  const svg = new URL(req.url).searchParams.get('format') === 'svg';
  const body = svg ? await routeQrSvg(url) : new Uint8Array(await routeQrPng(url));
  return new Response(body, {
    headers: {
      'content-type': svg ? 'image/svg+xml' : 'image/png',
      'content-disposition': `attachment; filename="route-${route.code}.${svg ? 'svg' : 'png'}"`,
      'cache-control': 'no-store',
    },
  });
});
