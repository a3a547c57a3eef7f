// POST /api/scenarios/:id/migrations/dry-run: who of a version's waiting friends would move where, and what each gets next
// (JSON, or the per-friend CSV with `format: "csv"`).
// policy: session, scenarios:publish
import { z } from 'zod';
import { appDeps } from '@/lib/app-deps';
import { sessionRoute } from '@/lib/auth/guard';
import { dryRunCsv, dryRunMigration, MigrationRequestSchema } from '@/lib/engine/migrate-runs';
import { jsonBody, scenarioId, type IdContext } from '../../../params';

const BodySchema = MigrationRequestSchema.omit({ scenarioId: true }).extend({ format: z.enum(['json', 'csv']).default('json') });

export const POST = sessionRoute('scenarios:publish', async (req: Request, ctx: IdContext) => {
  const id = await scenarioId(ctx);
  const { format, ...body } = await jsonBody(req, BodySchema);
  const dry = await dryRunMigration(appDeps(), { ...body, scenarioId: id });
  if (format === 'json') return Response.json(dry);
  return new Response(dryRunCsv(dry), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="kizuna-migration-v${dry.from.version}-v${dry.to.version}.csv"`,
    },
  });
});
