// GET /api/scenarios/:id: the draft with its revision, status and live version (what the editor opens).
// policy: session, scenarios:read
import { getScenario } from '@/db/queries/scenarios';
import { appDeps } from '@/lib/app-deps';
import { sessionRoute } from '@/lib/auth/guard';
import { AppError } from '@/lib/errors';
import { scenarioId, type IdContext } from '../params';

export const GET = sessionRoute('scenarios:read', async (_req: Request, ctx: IdContext) => {
  const s = await getScenario(appDeps().db, await scenarioId(ctx));
  if (!s) throw new AppError('not_found:scenario', 'no such scenario');
  return Response.json(s);
});
