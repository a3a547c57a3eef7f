// The broadcast screen's form (zod at the boundary) saved as its one-step scenario's draft: created on the first save,
// then updated with optimistic concurrency like any draft. A broadcast already scheduled is never changed here.
import 'server-only';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { findBroadcast } from '@/db/queries/broadcasts';
import { createScenario, saveDraft } from '@/db/queries/scenarios';
import { broadcastGraph, readBroadcast, resolveSchedule } from '@/scenario/broadcast-draft';
import { ConditionSchema } from '@/scenario/conditions';
import { SendDataSchema } from '@/scenario/nodes/send';
import { QuietHoursSettingSchema } from '@/scenario/quiet-hours';
import { ScenarioGraphSchema } from '@/scenario/schema';
import { localDateTimeIsValid } from '@/scenario/time';
import { AppError } from '../errors';

export const TIME_ZONE = 'Asia/Tokyo';

export const BroadcastFormSchema = z.object({
  /** Null until the first save made the draft. */
  id: z.uuid().nullable().default(null),
  revision: z.number().int().positive().nullable().default(null),
  name: z.string().trim().min(1).max(100),
  send: SendDataSchema,
  audience: ConditionSchema,
  /** null: no quiet hours for this broadcast. */
  quietHours: QuietHoursSettingSchema.nullable(),
  schedule: z.discriminatedUnion('mode', [
    z.object({ mode: z.literal('now') }),
    z.object({ mode: z.literal('at'), at: z.string().max(16) }),
  ]),
});
export type BroadcastForm = z.infer<typeof BroadcastFormSchema>;

/** Saves the form as the draft; `sendAt` is the final time when publishing, else the typed one (or this minute). */
export async function saveBroadcastDraft(
  db: Db,
  form: BroadcastForm,
  opts: { now: number; sendAt?: string },
): Promise<{ id: string; revision: number; created: boolean }> {
  const typed = form.schedule.mode === 'at' && localDateTimeIsValid(form.schedule.at, TIME_ZONE) ? form.schedule.at : null;
  const fallback = resolveSchedule({ mode: 'now' }, opts.now, TIME_ZONE);
  const sendAt = opts.sendAt ?? typed ?? (fallback.ok ? fallback.sendAt : '');
  const fields = { send: form.send, audience: form.audience, quietHours: form.quietHours ?? undefined, sendAt };
  if (!form.id) {
    const created = await createScenario(db, { name: form.name, graph: broadcastGraph(fields, randomUUID(), TIME_ZONE) });
    return { id: created.id, revision: created.draftRevision, created: true };
  }
  const row = await findBroadcast(db, form.id);
  const draft = row ? ScenarioGraphSchema.safeParse(row.draft) : null;
  if (!row || !draft?.success || !readBroadcast(draft.data)) throw new AppError('not_found:broadcast', 'no such broadcast draft');
  if (row.status !== 'draft') throw new AppError('conflict:broadcast_published', 'this broadcast was already scheduled');
  const graph = broadcastGraph(fields, draft.data.settings.splitSalt, TIME_ZONE);
  const saved = await saveDraft(db, { id: form.id, graph, expectedRevision: form.revision ?? 0, name: form.name });
  if (saved.ok) return { id: form.id, revision: saved.revision, created: false };
  if (saved.reason === 'conflict') throw new AppError('conflict:draft', 'someone else saved this broadcast meanwhile: reload it');
  throw new AppError('not_found:broadcast', 'no such broadcast draft');
}
