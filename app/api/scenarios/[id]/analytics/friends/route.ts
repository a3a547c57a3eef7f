// GET /api/scenarios/:id/analytics/friends?node=&kind=waiting|converted|blocked&from=&to=&version=: the friends behind a step's figure.
// policy: session, friends:read_details
import { z } from 'zod';
import { nodeFriendKinds } from '@/db/queries/analytics-friends';
import { appDeps } from '@/lib/app-deps';
import { sessionRoute } from '@/lib/auth/guard';
import { loadNodeFriends } from '@/lib/analytics/load';
import { analyticsRange } from '@/lib/analytics/range';
import { parseOrThrow } from '@/lib/errors';
import { scenarioId, type IdContext } from '../../../params';

const QuerySchema = z.object({ node: z.string().min(1).max(100), kind: z.enum(nodeFriendKinds) });

export const GET = sessionRoute('friends:read_details', async (req: Request, ctx: IdContext) => {
  const id = await scenarioId(ctx);
  const params = Object.fromEntries(new URL(req.url).searchParams);
  const q = parseOrThrow(QuerySchema, params);
  const friends = await loadNodeFriends(appDeps().db, id, analyticsRange(params, Date.now()), q.node, q.kind);
  return Response.json({ friends });
});
