// POST /api/scenarios/:id/publish: the engine validates the saved draft server-side and creates a version (400 with issues if invalid).
// policy: session, scenarios:publish
import { appDeps } from '@/lib/app-deps';
import { sessionRoute } from '@/lib/auth/guard';
import { actorOf } from '@/lib/audit/actor';
import { recordAudit } from '@/lib/audit/record';
import { publishScenario } from '@/lib/engine/publish';
import { scenarioId, type IdContext } from '../../params';

export const POST = sessionRoute('scenarios:publish', async (_req: Request, ctx: IdContext, caller) => {
  const id = await scenarioId(ctx);
  const deps = appDeps();
  const published = await publishScenario(deps, { scenarioId: id, publishedBy: caller.operator.email });
  await recordAudit(deps.db, actorOf(caller), {
    action: 'scenario_published',
    object: { type: 'scenario', id },
    detail: { version: published.version, versionId: published.versionId, hash: published.hash },
  });
  return Response.json(published, { status: 201 });
});
