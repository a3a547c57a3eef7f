// GET /api/scenarios/:id/migrations/:migrationId: a migration's progress; POST resumes signalling its pending runs.
// policy: session, scenarios:publish
import { z } from 'zod';
import { appDeps } from '@/lib/app-deps';
import { sessionRoute } from '@/lib/auth/guard';
import { AppError } from '@/lib/errors';
import { continueMigration, migrationStatus } from '@/lib/engine/migrate-runs';

type Ctx = { params: Promise<{ id: string; migrationId: string }> };

async function ids(ctx: Ctx): Promise<{ scenarioId: string; migrationId: string }> {
  const { id, migrationId } = await ctx.params;
  if (!z.uuid().safeParse(id).success || !z.uuid().safeParse(migrationId).success)
    throw new AppError('not_found:migration', 'no such migration');
  return { scenarioId: id, migrationId };
}

export const GET = sessionRoute('scenarios:publish', async (_req: Request, ctx: Ctx) => {
  const { scenarioId, migrationId } = await ids(ctx);
  return Response.json(await migrationStatus(appDeps(), migrationId, scenarioId));
});

export const POST = sessionRoute('scenarios:publish', async (_req: Request, ctx: Ctx) => {
  const { scenarioId, migrationId } = await ids(ctx);
  await migrationStatus(appDeps(), migrationId, scenarioId);
  return Response.json(await continueMigration(appDeps(), migrationId));
});
