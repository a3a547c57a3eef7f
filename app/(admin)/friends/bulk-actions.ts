'use server';
// policy: session, friends:edit / scenarios:publish (per action)
// Server actions of the friends list's bulk bar, each guarded by its permission: add or remove a tag for "these N
// friends" (friends:edit), start a live scenario for them (scenarios:publish). Audited in lib/friends/bulk-actions.ts.
import { revalidatePath } from 'next/cache';
import { appDeps } from '@/lib/app-deps';
import { actorOf } from '@/lib/audit/actor';
import { guardedAction } from '@/lib/auth/guard';
import { toActionError } from '@/lib/errors';
import { bulkStartScenario, bulkTag } from '@/lib/friends/bulk-actions';
import type { ActionResult } from '@/lib/ui-types';

export const bulkTagAction = guardedAction(
  'friends:edit',
  async (caller, input: unknown): Promise<ActionResult<{ friends: number; changed: number }>> => {
    try {
      const r = await bulkTag(appDeps(), actorOf(caller), input);
      revalidatePath('/friends');
      return { ok: true, ...r };
    } catch (err) {
      return { ok: false, error: toActionError(err) };
    }
  },
);

export const bulkStartScenarioAction = guardedAction(
  'scenarios:publish',
  async (caller, input: unknown): Promise<ActionResult<{ friends: number; queued: number }>> => {
    try {
      return { ok: true, ...(await bulkStartScenario(appDeps(), actorOf(caller), input)) };
    } catch (err) {
      return { ok: false, error: toActionError(err) };
    }
  },
);
