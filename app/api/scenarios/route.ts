// POST /api/scenarios: creates a draft holding only a trigger and answers its id.
// policy: session, scenarios:edit
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { createScenario } from '@/db/queries/scenarios';
import { appDeps } from '@/lib/app-deps';
import { sessionRoute } from '@/lib/auth/guard';
import { actorOf } from '@/lib/audit/actor';
import { recordAudit } from '@/lib/audit/record';
import { emptyGraph } from '@/scenario/empty';
import { jsonBody } from './params';

const CreateSchema = z.object({ name: z.string().trim().min(1).max(100) });

export const POST = sessionRoute('scenarios:edit', async (req: Request, _ctx: unknown, caller) => {
  const { name } = await jsonBody(req, CreateSchema);
  const { db } = appDeps();
  const created = await createScenario(db, { name, graph: emptyGraph(randomUUID()) });
  await recordAudit(db, actorOf(caller), { action: 'scenario_created', object: { type: 'scenario', id: created.id }, detail: { name } });
  return Response.json(created, { status: 201 });
});
