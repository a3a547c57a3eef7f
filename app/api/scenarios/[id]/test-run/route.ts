// POST /api/scenarios/:id/test-run { friendId, compress }: runs the current draft for a test friend for real, waits
// compressed; any other friend is refused (403) and nothing is sent.
// policy: session, scenarios:test_send
import { z } from 'zod';
import { appDeps } from '@/lib/app-deps';
import { sessionRoute } from '@/lib/auth/guard';
import { actorOf } from '@/lib/audit/actor';
import { recordAudit } from '@/lib/audit/record';
import { startTestRun } from '@/lib/engine/test-run';
import { jsonBody, scenarioId, type IdContext } from '../../params';

const TestRunSchema = z.object({ friendId: z.uuid(), compress: z.number().int().min(1).max(86_400).default(8640) });

export const POST = sessionRoute('scenarios:test_send', async (req: Request, ctx: IdContext, caller) => {
  const id = await scenarioId(ctx);
  const { friendId, compress } = await jsonBody(req, TestRunSchema);
  const deps = appDeps();
  const started = await startTestRun(deps, { scenarioId: id, friendId, compress, publishedBy: caller.operator.email });
  await recordAudit(deps.db, actorOf(caller), {
    action: 'test_send',
    object: { type: 'scenario', id },
    detail: { friendId, runId: started.runId },
  });
  return Response.json(started, { status: 201 });
});
