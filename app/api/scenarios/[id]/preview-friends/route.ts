// GET /api/scenarios/:id/preview-friends?q=: real friends the preview can be run for (test friends first).
import { previewFriendChoices } from '@/db/queries/scenarios';
import { appDeps } from '@/lib/app-deps';
import { toResponse } from '@/lib/errors';
import { scenarioId, type IdContext } from '../../params';

export async function GET(req: Request, ctx: IdContext) {
  try {
    await scenarioId(ctx);
    const q = new URL(req.url).searchParams.get('q') ?? undefined;
    return Response.json({ friends: await previewFriendChoices(appDeps().db, { search: q }) });
  } catch (e) {
    return toResponse(e);
  }
}
