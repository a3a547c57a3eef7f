// PUT /api/scenarios/:id/draft: autosave with optimistic concurrency; a save naming an older revision gets 409 conflict:draft,
// one to an archived scenario 409 conflict:archived.
// The body is capped at 2 MB and the graph at 2,000 nodes (413 naming the limit).
// policy: session, scenarios:edit
import { z } from 'zod';
import { saveDraft } from '@/db/queries/scenarios';
import { appDeps } from '@/lib/app-deps';
import { sessionRoute } from '@/lib/auth/guard';
import { AppError, parseOrThrow } from '@/lib/errors';
import { BODY_LIMITS, MAX_DRAFT_NODES, readJsonBody } from '@/lib/http/read-body';
import { DraftGraphSchema } from '@/scenario/draft';
import { scenarioId, type IdContext } from '../../params';

const SaveSchema = z.object({
  graph: DraftGraphSchema,
  expectedRevision: z.number().int().positive(),
  name: z.string().trim().min(1).max(100).optional(),
});

const CountSchema = z.object({ graph: z.object({ nodes: z.array(z.unknown()) }) });
const nodeCount = (raw: unknown): number => {
  const r = CountSchema.safeParse(raw);
  return r.success ? r.data.graph.nodes.length : 0;
};

export const PUT = sessionRoute('scenarios:edit', async (req: Request, ctx: IdContext) => {
  const id = await scenarioId(ctx);
  const raw = await readJsonBody(req, BODY_LIMITS.scenarioDraft);
  // Counted before the schema walks every node, so an oversized graph gets this answer rather than a flood of issues.
  if (nodeCount(raw) > MAX_DRAFT_NODES) {
    throw new AppError('too_large:graph', `a scenario holds at most ${MAX_DRAFT_NODES.toLocaleString('en')} nodes`);
  }
  const body = parseOrThrow(SaveSchema, raw);
  const r = await saveDraft(appDeps().db, { id, ...body });
  if (r.ok) return Response.json({ revision: r.revision });
  if (r.reason === 'not_found') throw new AppError('not_found:scenario', 'no such scenario');
  if (r.reason === 'archived') throw new AppError('conflict:archived', 'the scenario is archived: unarchive it to edit its draft');
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
