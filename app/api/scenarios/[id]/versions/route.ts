// GET /api/scenarios/:id/versions: published versions, newest first (the version history).
import { listVersions } from '@/db/queries/scenario-versions';
import { appDeps } from '@/lib/app-deps';
import { toResponse } from '@/lib/errors';
import { scenarioId, type IdContext } from '../../params';

export async function GET(_req: Request, ctx: IdContext) {
  try {
    return Response.json({ versions: await listVersions(appDeps().db, await scenarioId(ctx)) });
  } catch (e) {
    return toResponse(e);
  }
}
