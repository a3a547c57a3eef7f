// GET /forms/{id}/responses.csv: a form's responses as CSV, for owners or operators with the export grant (answers are
// personal data, as the friends export is); audited (form_responses_exported: the form's id and the row count).
// policy: session, friends:export
import { z } from 'zod';
import { findFormById } from '@/db/queries/forms';
import { appDeps } from '@/lib/app-deps';
import { actorOf } from '@/lib/audit/actor';
import { recordAudit } from '@/lib/audit/record';
import { sessionRoute } from '@/lib/auth/guard';
import { AppError } from '@/lib/errors';
import { csvFileName, responsesCsv } from '@/lib/forms/responses-csv';
import { currentLang } from '@/lib/i18n/server';

export const dynamic = 'force-dynamic';

export const GET = sessionRoute('friends:export', async (_req: Request, { params }: { params: Promise<{ id: string }> }, caller) => {
  const { id } = await params;
  const { db, now } = appDeps();
  const form = z.uuid().safeParse(id).success ? await findFormById(db, id) : null;
  if (!form) throw new AppError('not_found:form', 'no such form');
  const csv = await responsesCsv(db, form, await currentLang());
  await recordAudit(db, actorOf(caller), { action: 'form_responses_exported', object: { type: 'form', id: form.id } });
  return new Response(csv, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${csvFileName(form, now())}"`,
      'cache-control': 'no-store',
    },
  });
});
