'use server';
// Server actions of the scenario list: duplicate, archive, unarchive and delete a draft. Each needs `scenarios:edit`;
// archiving a live or paused scenario stops it, which also needs `scenarios:publish` (checked by lib/scenarios/archive.ts
// under the row lock). Every one is audited in its own transaction.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { appDeps } from '@/lib/app-deps';
import { actorOf } from '@/lib/audit/actor';
import { guardedAction } from '@/lib/auth/guard';
import { can } from '@/lib/auth/roles';
import { parseOrThrow, toActionError } from '@/lib/errors';
import { currentLang } from '@/lib/i18n/server';
import { archiveScenario, unarchiveScenario } from '@/lib/scenarios/archive';
import { deleteDraftScenario } from '@/lib/scenarios/delete-draft';
import { duplicateScenario } from '@/lib/scenarios/duplicate';
import type { ActionResult } from '@/lib/ui-types';

const IdSchema = z.object({ id: z.uuid() });

/** Runs `fn` on the parsed id and answers its result, or the error as a value (the list shows it in words). */
async function onScenario<T extends object>(input: unknown, fn: (id: string) => Promise<T>): Promise<ActionResult<T>> {
  try {
    const { id } = parseOrThrow(IdSchema, input);
    const result = await fn(id);
    revalidatePath('/scenarios');
    return { ok: true, ...result };
  } catch (err) {
    return { ok: false, error: toActionError(err) };
  }
}

export const duplicateScenarioAction = guardedAction('scenarios:edit', async (caller, input: { id: string }) =>
  onScenario(input, async (id) => duplicateScenario(appDeps().db, actorOf(caller), { id, lang: await currentLang() })),
);

export const archiveScenarioAction = guardedAction('scenarios:edit', async (caller, input: { id: string }) =>
  onScenario(input, (id) =>
    archiveScenario(appDeps().db, { actor: actorOf(caller), mayPublish: can(caller.operator, 'scenarios:publish') }, id),
  ),
);

export const unarchiveScenarioAction = guardedAction('scenarios:edit', async (caller, input: { id: string }) =>
  onScenario(input, (id) => unarchiveScenario(appDeps().db, actorOf(caller), id)),
);

export const deleteScenarioAction = guardedAction('scenarios:edit', async (caller, input: { id: string }) =>
  onScenario(input, (id) => deleteDraftScenario(appDeps().db, actorOf(caller), id)),
);
