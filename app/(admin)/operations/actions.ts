'use server';
// policy: session, scenarios:publish
// Server action of the operations page: put dead-lettered dispatch rows back to retry (owners and publishers; audited).
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { retryDeadDispatches } from '@/db/queries/dispatches';
import { appDeps } from '@/lib/app-deps';
import { actorOf } from '@/lib/audit/actor';
import { recordAudit } from '@/lib/audit/record';
import { guardedAction } from '@/lib/auth/guard';
import { parseOrThrow, toActionError, type ActionError } from '@/lib/errors';

const RetrySchema = z.object({ id: z.coerce.number().int().positive().optional() });

export const retryDispatchAction = guardedAction(
  'scenarios:publish',
  async (caller, input: { id?: number }): Promise<{ ok: true; retried: number } | { ok: false; error: ActionError }> => {
    try {
      const { id } = parseOrThrow(RetrySchema, input);
      const { db } = appDeps();
      const retried = await retryDeadDispatches(db, id);
      await recordAudit(db, actorOf(caller), { action: 'dispatch_retried', detail: { retried, ...(id ? { id } : {}) } });
      revalidatePath('/operations');
      return { ok: true, retried };
    } catch (err) {
      return { ok: false, error: toActionError(err) };
    }
  },
);
