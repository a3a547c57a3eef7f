// DELETE /api/message-templates/:id: removes a message template (send steps that used it keep their own copy).
// policy: session, scenarios:edit
import { z } from 'zod';
import { deleteMessageTemplate } from '@/db/queries/message-templates';
import { appDeps } from '@/lib/app-deps';
import { sessionRoute } from '@/lib/auth/guard';
import { AppError } from '@/lib/errors';

export const DELETE = sessionRoute('scenarios:edit', async (_req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const { id } = await ctx.params;
  if (!z.uuid().safeParse(id).success || !(await deleteMessageTemplate(appDeps().db, id)))
    throw new AppError('not_found:template', 'no such template');
  return Response.json({ deleted: id });
});
