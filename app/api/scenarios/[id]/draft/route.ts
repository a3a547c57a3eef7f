// PUT /api/scenarios/:id/draft: autosave with optimistic concurrency; a save naming an older revision gets 409 conflict:draft.
import { z } from 'zod';
import { saveDraft } from '@/db/queries/scenarios';
import { appDeps } from '@/lib/app-deps';
import { sessionRoute } from '@/lib/auth/guard';
import { AppError } from '@/lib/errors';
import { DraftGraphSchema } from '@/scenario/draft';
import { jsonBody, scenarioId, type IdContext } from '../../params';

const SaveSchema = z.object({
  graph: DraftGraphSchema,
  expectedRevision: z.number().int().positive(),
  name: z.string().trim().min(1).max(100).optional(),
});

export const PUT = sessionRoute('scenarios:edit', async (req: Request, ctx: IdContext) => {
  const id = await scenarioId(ctx);
  const body = await jsonBody(req, SaveSchema);
  const r = await saveDraft(appDeps().db, { id, ...body });
  if (r.ok) return Response.json({ revision: r.revision });
  if (r.reason === 'not_found') throw new AppError('not_found:scenario', 'no such scenario');
  return Response.json(
    {
      error: {
        code: 'conflict:draft',
        message: `The draft was saved elsewhere (revision ${r.currentRevision}, yours was based on ${body.expectedRevision}).`,
        currentRevision: r.currentRevision,
        issues: [],
      },
    },
    { status: 409 },
  );
});
