// POST /api/scenarios: creates a draft holding only a trigger and answers its id.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { createScenario } from '@/db/queries/scenarios';
import { appDeps } from '@/lib/app-deps';
import { toResponse } from '@/lib/errors';
import { emptyGraph } from '@/scenario/empty';
import { jsonBody } from './params';

const CreateSchema = z.object({ name: z.string().trim().min(1).max(100) });

export async function POST(req: Request) {
  try {
    const { name } = await jsonBody(req, CreateSchema);
    const created = await createScenario(appDeps().db, { name, graph: emptyGraph(randomUUID()) });
    return Response.json(created, { status: 201 });
  } catch (e) {
    return toResponse(e);
  }
}
