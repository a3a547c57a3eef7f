// POST /api/scenarios/:id/status { action: pause | resume | stop }: run control, done by the engine.
import { z } from 'zod';
import { appDeps } from '@/lib/app-deps';
import { assertNever, toResponse } from '@/lib/errors';
import { pauseScenario, resumeScenario, stopScenario } from '@/lib/engine/run-control';
import { jsonBody, scenarioId, type IdContext } from '../../params';

const ActionSchema = z.object({ action: z.enum(['pause', 'resume', 'stop']) });

export async function POST(req: Request, ctx: IdContext) {
  try {
    const id = await scenarioId(ctx);
    const { action } = await jsonBody(req, ActionSchema);
    const deps = appDeps();
    switch (action) {
      case 'pause':
        await pauseScenario(deps, id);
        return Response.json({ status: 'paused' });
      case 'resume':
        await resumeScenario(deps, id);
        return Response.json({ status: 'live' });
      case 'stop':
        return Response.json({ status: 'stopped', ...(await stopScenario(deps, id)) });
      default:
        return assertNever(action);
    }
  } catch (e) {
    return toResponse(e);
  }
}
