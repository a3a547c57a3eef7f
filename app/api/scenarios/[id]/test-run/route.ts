// POST /api/scenarios/:id/test-run { friendId, compress }: runs the current draft for a test friend for real, waits compressed.
import { z } from 'zod';
import { appDeps } from '@/lib/app-deps';
import { toResponse } from '@/lib/errors';
import { startTestRun } from '@/lib/engine/test-run';
import { jsonBody, scenarioId, type IdContext } from '../../params';

const TestRunSchema = z.object({ friendId: z.uuid(), compress: z.number().int().min(1).max(86_400).default(8640) });

export async function POST(req: Request, ctx: IdContext) {
  try {
    const id = await scenarioId(ctx);
    const { friendId, compress } = await jsonBody(req, TestRunSchema);
    return Response.json(await startTestRun(appDeps(), { scenarioId: id, friendId, compress }), { status: 201 });
  } catch (e) {
    return toResponse(e);
  }
}
