// GET /api/scenarios/:id/forecast: the draft's next 30 days (messages per day and per node, with ranges) and the LINE quota outlook.
// policy: session, scenarios:read
import { appDeps } from '@/lib/app-deps';
import { sessionRoute } from '@/lib/auth/guard';
import { env } from '@/lib/env';
import { scenarioForecast } from '@/lib/forecast/scenario-forecast';
import { scenarioId, type IdContext } from '../../params';

export const GET = sessionRoute('scenarios:read', async (_req: Request, ctx: IdContext) => {
  const deps = appDeps();
  const plans = env().KIZUNA_LINE_PLANS;
  const view = await scenarioForecast(
    { db: deps.db, line: deps.line, ...(plans ? { plans } : {}) },
    { scenarioId: await scenarioId(ctx), now: new Date() },
  );
  return Response.json(view);
});
