// GET /api/message-templates: every saved message template; POST { name, messages }: saves the send step's messages as
// a new template shared by all scenarios (409 `conflict:template_name` when the name is taken).
// policy: session, scenarios:edit
import { z } from 'zod';
import { createMessageTemplate, listMessageTemplates, TemplateMessagesSchema } from '@/db/queries/message-templates';
import { appDeps } from '@/lib/app-deps';
import { sessionRoute } from '@/lib/auth/guard';
import { AppError } from '@/lib/errors';
import { jsonBody } from '../scenarios/params';

export const dynamic = 'force-dynamic';

const SaveSchema = z.object({ name: z.string().trim().min(1).max(60), messages: TemplateMessagesSchema });

export const GET = sessionRoute('scenarios:edit', async () => {
  return Response.json({ templates: await listMessageTemplates(appDeps().db) });
});

export const POST = sessionRoute('scenarios:edit', async (req: Request, _ctx: unknown, caller) => {
  const body = await jsonBody(req, SaveSchema);
  const saved = await createMessageTemplate(appDeps().db, { ...body, createdBy: caller.operator.email });
  if (!saved) throw new AppError('conflict:template_name', `a template named "${body.name}" already exists`);
  return Response.json(saved, { status: 201 });
});
