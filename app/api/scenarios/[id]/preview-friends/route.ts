// GET /api/scenarios/:id/preview-friends?q=: real friends the preview can be run for (test friends first).
// policy: session, scenarios:edit
import { previewFriendChoices } from '@/db/queries/scenarios';
import { appDeps } from '@/lib/app-deps';
import { sessionRoute } from '@/lib/auth/guard';
import { scenarioId, type IdContext } from '../../params';

export const GET = sessionRoute('scenarios:edit', async (req: Request, ctx: IdContext) => {
  await scenarioId(ctx);
  const q = new URL(req.url).searchParams.get('q') ?? undefined;
  return Response.json({ friends: await previewFriendChoices(appDeps().db, { search: q }) });
});
