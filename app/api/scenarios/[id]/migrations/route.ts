// POST /api/scenarios/:id/migrations: applies a dry run (its fingerprint) as a batch; 409 conflict:stale_dry_run if friends moved on.
// policy: session, scenarios:publish
import { appDeps } from '@/lib/app-deps';
import { actorOf } from '@/lib/audit/actor';
import { sessionRoute } from '@/lib/auth/guard';
import { applyMigration, ApplyMigrationSchema } from '@/lib/engine/migrate-runs';
import { jsonBody, scenarioId, type IdContext } from '../../params';

const BodySchema = ApplyMigrationSchema.omit({ scenarioId: true });

export const POST = sessionRoute('scenarios:publish', async (req: Request, ctx: IdContext, caller) => {
  const id = await scenarioId(ctx);
  const body = await jsonBody(req, BodySchema);
  return Response.json(await applyMigration(appDeps(), actorOf(caller), { ...body, scenarioId: id }));
});
