'use server';
// The form builder's save (create or replace), for operators who may edit scenarios; audited (form_saved, ids only).
// policy: session, scenarios:edit
import { revalidatePath } from 'next/cache';
import { appDeps } from '@/lib/app-deps';
import { actorOf } from '@/lib/audit/actor';
import { recordAudit } from '@/lib/audit/record';
import { guardedAction } from '@/lib/auth/guard';
import { toActionError } from '@/lib/errors';
import { saveForm } from '@/lib/forms/save-form';
import type { ActionResult } from '@/lib/ui-types';

export const saveFormAction = guardedAction('scenarios:edit', async (caller, input: unknown): Promise<ActionResult<{ id: string }>> => {
  try {
    const { db, now } = appDeps();
    const row = await db.transaction(async (tx) => {
      const saved = await saveForm(tx, input, { email: caller.operator.email, now: now() });
      await recordAudit(tx, actorOf(caller), {
        action: 'form_saved',
        object: { type: 'form', id: saved.id },
        detail: { slug: saved.slug },
      });
      return saved;
    });
    revalidatePath('/forms');
    return { ok: true, id: row.id };
  } catch (err) {
    return { ok: false, error: toActionError(err) };
  }
});
