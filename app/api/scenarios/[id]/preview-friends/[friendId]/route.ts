// GET /api/scenarios/:id/preview-friends/:friendId: the friend as the core sees them (attributes, tags, events) for simulate().
// policy: session, scenarios:edit
import { z } from 'zod';
import { loadFriendSnapshot } from '@/db/queries/friend-snapshot';
import { appDeps } from '@/lib/app-deps';
import { sessionRoute } from '@/lib/auth/guard';
import { AppError } from '@/lib/errors';

export const GET = sessionRoute('scenarios:edit', async (_req: Request, ctx: { params: Promise<{ id: string; friendId: string }> }) => {
  const { friendId } = await ctx.params;
  const snapshot = z.uuid().safeParse(friendId).success ? await loadFriendSnapshot(appDeps().db, friendId) : null;
  if (!snapshot) throw new AppError('not_found:friend', 'no such friend');
  return Response.json({ friend: snapshot });
});
