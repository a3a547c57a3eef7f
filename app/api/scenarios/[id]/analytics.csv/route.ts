// GET /api/scenarios/:id/analytics.csv?from=&to=&version=: the per-step figures as a CSV download.
// policy: session, analytics:read
import { appDeps } from '@/lib/app-deps';
import { sessionRoute } from '@/lib/auth/guard';
import { analyticsCsv } from '@/lib/analytics/csv';
import { loadAnalytics } from '@/lib/analytics/load';
import { analyticsRange } from '@/lib/analytics/range';
import { AppError } from '@/lib/errors';
import { currentLang } from '@/lib/i18n/server';
import { scenarioId, type IdContext } from '../../params';

export const dynamic = 'force-dynamic';

export const GET = sessionRoute('analytics:read', async (req: Request, ctx: IdContext) => {
  const id = await scenarioId(ctx);
  const range = analyticsRange(Object.fromEntries(new URL(req.url).searchParams), Date.now());
  const view = await loadAnalytics(appDeps().db, id, range);
  if (!view) throw new AppError('not_found:scenario', 'no such scenario');
  const csv = analyticsCsv(view, await currentLang());
  return new Response(csv, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="kizuna-analytics-${range.fromDay}-${range.toDay}${range.versionId && view.shown ? `-v${view.shown.version}` : ''}.csv"`,
    },
  });
});
