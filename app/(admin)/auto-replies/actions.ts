'use server';
// Server actions of the 自動応答 page: save, switch on/off and delete keyword rules. Audited.
// policy: session, scenarios:edit (owners, publishers and editors)
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { appDeps } from '@/lib/app-deps';
import { actorOf } from '@/lib/audit/actor';
import { removeAutoReply, saveAutoReply, switchAutoReply } from '@/lib/auto-replies/manage';
import { guardedAction } from '@/lib/auth/guard';
import { parseOrThrow, toActionError } from '@/lib/errors';
import type { ActionResult } from '@/lib/ui-types';

async function answer<T extends object>(fn: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    const r = await fn();
    revalidatePath('/auto-replies');
    return { ok: true, ...r };
  } catch (err) {
    return { ok: false, error: toActionError(err) };
  }
}

const IdSchema = z.uuid();

export const saveAutoReplyAction = guardedAction(
  'scenarios:edit',
  async (caller, input: { id: string | null; rule: unknown }): Promise<ActionResult<{ id: string }>> =>
    answer(async () => {
      const id = input.id === null ? null : parseOrThrow(IdSchema, input.id, 'id');
      return saveAutoReply(appDeps().db, actorOf(caller), { id, rule: input.rule });
    }),
);

export const switchAutoReplyAction = guardedAction('scenarios:edit', async (caller, id: string, active: boolean): Promise<ActionResult> =>
  answer(async () => {
    await switchAutoReply(appDeps().db, actorOf(caller), parseOrThrow(IdSchema, id, 'id'), parseOrThrow(z.boolean(), active, 'active'));
    return {};
  }),
);

export const deleteAutoReplyAction = guardedAction('scenarios:edit', async (caller, id: string): Promise<ActionResult> =>
  answer(async () => {
    await removeAutoReply(appDeps().db, actorOf(caller), parseOrThrow(IdSchema, id, 'id'));
    return {};
  }),
);
