'use server';
// policy: session, friends:edit
// An operator's decision on a member-id link conflict: keep the id with its holder, or move it to the claimant.
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { resolveLinkConflict } from '@/db/queries/link-conflicts';
import { linkConflictResolutions } from '@/db/schema';
import { appDeps } from '@/lib/app-deps';
import { actorOf } from '@/lib/audit/actor';
import { recordAudit } from '@/lib/audit/record';
import { guardedAction } from '@/lib/auth/guard';

const PAGE = '/friends/link-conflicts';
const ResolveSchema = z.object({ id: z.uuid(), resolution: z.enum(linkConflictResolutions) });

export const resolveLinkConflictAction = guardedAction('friends:edit', async (caller, form: FormData): Promise<void> => {
  const parsed = ResolveSchema.safeParse(form instanceof FormData ? { id: form.get('id'), resolution: form.get('resolution') } : {});
  if (!parsed.success) redirect(`${PAGE}?error=invalid`);
  const deps = appDeps();
  const outcome = await resolveLinkConflict(deps.db, { ...parsed.data, operatorId: caller.operator.id, at: deps.now() });
  if (outcome.status !== 'resolved') redirect(`${PAGE}?error=${outcome.status === 'already_resolved' ? 'already' : 'invalid'}`);
  const { conflict, movedFromFriendId } = outcome;
  // Opaque ids only: the member id is the customer's, and stays out of the audit log.
  await recordAudit(deps.db, actorOf(caller), {
    action: 'link_conflict_resolved',
    object: { type: 'friend', id: conflict.claimantFriendId },
    detail: { conflictId: conflict.id, resolution: parsed.data.resolution, ...(movedFromFriendId ? { movedFromFriendId } : {}) },
  });
  revalidatePath(PAGE);
  revalidatePath('/friends');
  redirect(`${PAGE}?done=${parsed.data.resolution}`);
});
