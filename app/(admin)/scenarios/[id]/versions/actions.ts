'use server';
// Server action of the version compare page: 「この版を下書きに戻す」 (scenarios:edit), with the draft revision check, audited.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { appDeps } from '@/lib/app-deps';
import { actorOf } from '@/lib/audit/actor';
import { guardedAction } from '@/lib/auth/guard';
import { parseOrThrow, toActionError } from '@/lib/errors';
import { restoreVersionAsDraft } from '@/lib/scenarios/restore-version';
import type { ActionResult } from '@/lib/ui-types';

const RestoreSchema = z.object({
  scenarioId: z.uuid(),
  version: z.number().int().positive(),
  /** The draft revision the page showed: a draft saved since is not overwritten (conflict:draft). */
  expectedRevision: z.number().int().positive(),
});

export const restoreVersionAction = guardedAction(
  'scenarios:edit',
  async (caller, input: z.infer<typeof RestoreSchema>): Promise<ActionResult<{ revision: number }>> => {
    try {
      const { scenarioId, version, expectedRevision } = parseOrThrow(RestoreSchema, input);
      const r = await restoreVersionAsDraft(appDeps().db, actorOf(caller), { id: scenarioId, version, expectedRevision });
      revalidatePath(`/scenarios/${scenarioId}`);
      return { ok: true, revision: r.revision };
    } catch (err) {
      return { ok: false, error: toActionError(err) };
    }
  },
);
