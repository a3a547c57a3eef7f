'use server';
// Creating and editing inflow routes (流入経路), for operators who may edit scenarios; audited (inflow_route_saved).
// policy: session, scenarios:edit
import { revalidatePath } from 'next/cache';
import { appDeps } from '@/lib/app-deps';
import { actorOf } from '@/lib/audit/actor';
import { recordAudit } from '@/lib/audit/record';
import { guardedAction } from '@/lib/auth/guard';
import { toActionError } from '@/lib/errors';
import { createInflowRoute, editInflowRoute } from '@/lib/inflow/save-route';
import type { ActionResult } from '@/lib/ui-types';

export const saveInflowRouteAction = guardedAction(
  'scenarios:edit',
  async (caller, id: string | null, input: unknown): Promise<ActionResult<{ id: string }>> => {
    try {
      const { db, now } = appDeps();
      const row = await db.transaction(async (tx) => {
        const saved = id ? await editInflowRoute(tx, id, input, now()) : await createInflowRoute(tx, input, caller.operator);
        await recordAudit(tx, actorOf(caller), {
          action: 'inflow_route_saved',
          object: { type: 'inflow_route', id: saved.id },
          detail: { code: saved.code, created: id === null },
        });
        return saved;
      });
      revalidatePath('/routes');
      return { ok: true, id: row.id };
    } catch (err) {
      return { ok: false, error: toActionError(err) };
    }
  },
);
