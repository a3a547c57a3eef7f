'use server';
// Server actions of the 一斉配信 screen, each guarded by its permission: the audience's live count and the draft
// (scenarios:edit), テスト送信 (scenarios:test_send), scheduling and cancelling (scenarios:publish). Audited.
// policy: session, scenarios:edit / scenarios:test_send / scenarios:publish (per action)
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { findBroadcast } from '@/db/queries/broadcasts';
import { appDeps } from '@/lib/app-deps';
import { actorOf } from '@/lib/audit/actor';
import { recordAudit } from '@/lib/audit/record';
import { countAudience } from '@/lib/broadcasts/audience-count';
import { publishBroadcast } from '@/lib/broadcasts/publish';
import { BroadcastFormSchema, TIME_ZONE, saveBroadcastDraft } from '@/lib/broadcasts/save';
import { testSendBroadcast } from '@/lib/broadcasts/test-send';
import { guardedAction } from '@/lib/auth/guard';
import { stopScenario } from '@/lib/engine/run-control';
import { AppError, parseOrThrow, toActionError } from '@/lib/errors';
import type { ActionResult } from '@/lib/ui-types';
import { ConditionSchema } from '@/scenario/conditions';

async function answer<T extends object>(fn: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, ...(await fn()) };
  } catch (err) {
    return { ok: false, error: toActionError(err) };
  }
}

export const countAudienceAction = guardedAction(
  'scenarios:edit',
  async (_caller, audience: unknown): Promise<ActionResult<{ count: number }>> =>
    answer(async () => {
      const { db, now } = appDeps();
      return { count: await countAudience(db, parseOrThrow(ConditionSchema, audience, 'audience'), now(), TIME_ZONE) };
    }),
);

export const saveBroadcastAction = guardedAction(
  'scenarios:edit',
  async (caller, form: unknown): Promise<ActionResult<{ id: string; revision: number }>> =>
    answer(async () => {
      const { db, now } = appDeps();
      const input = parseOrThrow(BroadcastFormSchema, form, 'broadcast');
      const saved = await saveBroadcastDraft(db, input, { now: now().getTime() });
      if (saved.created) {
        const object = { type: 'scenario', id: saved.id };
        await recordAudit(db, actorOf(caller), { action: 'scenario_created', object, detail: { name: input.name, broadcast: true } });
      }
      revalidatePath('/broadcasts');
      return { id: saved.id, revision: saved.revision };
    }),
);

export const testSendBroadcastAction = guardedAction(
  'scenarios:test_send',
  async (caller, id: unknown): Promise<ActionResult<{ names: string[] }>> =>
    answer(async () => {
      const deps = appDeps();
      const scenarioId = parseOrThrow(z.uuid(), id, 'broadcast');
      const r = await testSendBroadcast(deps, { id: scenarioId, now: deps.now().getTime(), publishedBy: caller.operator.email });
      for (const f of r.friends) {
        const object = { type: 'scenario', id: scenarioId };
        await recordAudit(deps.db, actorOf(caller), { action: 'test_send', object, detail: { friendId: f.id, runId: f.runId } });
      }
      return { names: r.friends.map((f) => f.displayName) };
    }),
);

export const scheduleBroadcastAction = guardedAction(
  'scenarios:publish',
  async (caller, form: unknown): Promise<ActionResult<{ id: string }>> =>
    answer(async () => {
      const deps = appDeps();
      const input = parseOrThrow(BroadcastFormSchema, form, 'broadcast');
      const p = await publishBroadcast(deps, input, { now: deps.now().getTime(), publishedBy: caller.operator.email });
      const object = { type: 'scenario', id: p.id };
      if (p.created) {
        await recordAudit(deps.db, actorOf(caller), { action: 'scenario_created', object, detail: { name: input.name, broadcast: true } });
      }
      await recordAudit(deps.db, actorOf(caller), {
        action: 'scenario_published',
        object,
        detail: {
          version: p.version,
          versionId: p.versionId,
          hash: p.hash,
          broadcast: { at: new Date(p.at).toISOString(), audience: p.audience },
        },
      });
      revalidatePath('/broadcasts');
      return { id: p.id };
    }),
);

export const cancelBroadcastAction = guardedAction('scenarios:publish', async (caller, id: unknown): Promise<ActionResult> =>
  answer(async () => {
    const deps = appDeps();
    const scenarioId = parseOrThrow(z.uuid(), id, 'broadcast');
    if (!(await findBroadcast(deps.db, scenarioId))) throw new AppError('not_found:broadcast', 'no such broadcast');
    const r = await stopScenario(deps, scenarioId);
    const object = { type: 'scenario', id: scenarioId };
    await recordAudit(deps.db, actorOf(caller), {
      action: 'scenario_stopped',
      object,
      detail: { broadcast: true, activeRuns: r.activeRuns },
    });
    revalidatePath('/broadcasts');
    revalidatePath(`/broadcasts/${scenarioId}`);
    return {};
  }),
);
