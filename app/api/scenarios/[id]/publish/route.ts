// POST /api/scenarios/:id/publish: the engine validates the saved draft server-side and creates a version (400 with issues if invalid).
import { appDeps } from '@/lib/app-deps';
import { toResponse } from '@/lib/errors';
import { publishScenario } from '@/lib/engine/publish';
import { scenarioId, type IdContext } from '../../params';

export async function POST(_req: Request, ctx: IdContext) {
  try {
    const id = await scenarioId(ctx);
    // No accounts yet: every publish is by the operator of this instance.
    const published = await publishScenario(appDeps(), { scenarioId: id, publishedBy: 'editor' });
    return Response.json(published, { status: 201 });
  } catch (e) {
    return toResponse(e);
  }
}
