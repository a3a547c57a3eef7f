// GET /api/scenarios/:id: the draft with its revision, status and live version (what the editor opens).
import { getScenario } from '@/db/queries/scenarios';
import { appDeps } from '@/lib/app-deps';
import { AppError, toResponse } from '@/lib/errors';
import { scenarioId, type IdContext } from '../params';

export async function GET(_req: Request, ctx: IdContext) {
  try {
    const s = await getScenario(appDeps().db, await scenarioId(ctx));
    if (!s) throw new AppError('not_found:scenario', 'no such scenario');
    return Response.json(s);
  } catch (e) {
    return toResponse(e);
  }
}
