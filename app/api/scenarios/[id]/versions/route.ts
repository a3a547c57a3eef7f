// GET /api/scenarios/:id/versions: published versions, newest first (the version history).
// policy: session, scenarios:read
import { listVersions } from '@/db/queries/scenario-versions';
import { appDeps } from '@/lib/app-deps';
import { sessionRoute } from '@/lib/auth/guard';
import { scenarioId, type IdContext } from '../../params';

export const GET = sessionRoute('scenarios:read', async (_req: Request, ctx: IdContext) => {
  return Response.json({ versions: await listVersions(appDeps().db, await scenarioId(ctx)) });
});
