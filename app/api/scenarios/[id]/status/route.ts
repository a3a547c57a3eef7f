// POST /api/scenarios/:id/status { action: pause | resume | stop }: run control, done by the engine.
// policy: session, scenarios:publish
import { z } from 'zod';
import { appDeps } from '@/lib/app-deps';
import { sessionRoute } from '@/lib/auth/guard';
import { assertNever } from '@/lib/errors';
import { actorOf } from '@/lib/audit/actor';
import { recordAudit } from '@/lib/audit/record';
import { pauseScenario, resumeScenario, stopScenario } from '@/lib/engine/run-control';
import { jsonBody, scenarioId, type IdContext } from '../../params';

const ActionSchema = z.object({ action: z.enum(['pause', 'resume', 'stop']) });

export const POST = sessionRoute('scenarios:publish', async (req: Request, ctx: IdContext, caller) => {
  const id = await scenarioId(ctx);
  const { action } = await jsonBody(req, ActionSchema);
  const deps = appDeps();
  switch (action) {
    case 'pause':
      await pauseScenario(deps, id);
      await recordAudit(deps.db, actorOf(caller), { action: 'scenario_paused', object: { type: 'scenario', id } });
      return Response.json({ status: 'paused' });
    case 'resume':
      await resumeScenario(deps, id);
      await recordAudit(deps.db, actorOf(caller), { action: 'scenario_resumed', object: { type: 'scenario', id } });
      return Response.json({ status: 'live' });
    case 'stop': {
      // Stopping a stopped scenario is allowed: it signals again whatever is still running.
      const { activeRuns } = await stopScenario(deps, id);
      await recordAudit(deps.db, actorOf(caller), { action: 'scenario_stopped', object: { type: 'scenario', id } });
      return Response.json({ status: 'stopped', activeRuns });
    }
    default:
      return assertNever(action);
  }
});
