'use server';
// Server actions of Settings: API keys (owners only; created with scopes and an optional expiry, shown once, revoked),
// attribute definitions, and the account's quiet-hours default (owners: `settings:manage`).
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { saveAccountQuietHours } from '@/db/queries/account-settings';
import { revokeApiKey } from '@/db/queries/api-keys';
import { appDeps } from '@/lib/app-deps';
import { createApiKey } from '@/lib/api-auth';
import { actorOf } from '@/lib/audit/actor';
import { recordAudit } from '@/lib/audit/record';
import { guardedAction, type Caller } from '@/lib/auth/guard';
import { API_SCOPES } from '@/lib/auth/roles';
import { AppError, parseOrThrow, toActionError, type ActionError } from '@/lib/errors';
import { createAttributeDefinition, editAttributeDefinition, removeAttributeDefinition } from '@/lib/friends/attribute-definitions';
import { AccountQuietHoursSchema } from '@/scenario/quiet-hours';

export type SettingsResult<T = object> = ({ ok: true } & T) | { ok: false; error: ActionError };

async function run<T extends object>(fn: () => Promise<T>): Promise<SettingsResult<T>> {
  try {
    const r = await fn();
    revalidatePath('/settings');
    return { ok: true, ...r };
  } catch (err) {
    return { ok: false, error: toActionError(err) };
  }
}

const NewKeySchema = z.object({
  name: z.string().trim().min(1).max(100),
  scopes: z.array(z.enum(API_SCOPES)).min(1, 'choose at least one scope'),
  /** Days until the key stops working; omitted: no expiry. */
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});

export const createApiKeyAction = guardedAction(
  'api_keys:manage',
  async (caller, input: { name: string; scopes: string[]; expiresInDays?: number }): Promise<SettingsResult<{ key: string }>> =>
    run(async () => {
      const n = parseOrThrow(NewKeySchema, input);
      const { db } = appDeps();
      const expiresAt = n.expiresInDays ? new Date(Date.now() + n.expiresInDays * 86_400_000) : null;
      const { key, row } = await createApiKey(db, { name: n.name, scopes: n.scopes, expiresAt, createdBy: caller.operator.id });
      await recordAudit(db, actorOf(caller), {
        action: 'api_key_created',
        object: { type: 'api_key', id: row.id },
        detail: { name: n.name, scopes: n.scopes, expiresAt: expiresAt?.toISOString() ?? null },
      });
      return { key };
    }),
);

export const revokeApiKeyAction = guardedAction('api_keys:manage', async (caller, id: string): Promise<SettingsResult> =>
  run(async () => {
    const { id: keyId } = parseOrThrow(z.object({ id: z.uuid() }), { id });
    const { db } = appDeps();
    if (!(await revokeApiKey(db, keyId, new Date()))) throw new AppError('not_found:api_key', 'no such active key');
    await recordAudit(db, actorOf(caller), { action: 'api_key_revoked', object: { type: 'api_key', id: keyId } });
    return {};
  }),
);

async function auditDefinition(caller: Caller, change: 'created' | 'edited' | 'deleted', key: unknown): Promise<void> {
  const k = typeof key === 'string' ? key.slice(0, 100) : 'unknown';
  await recordAudit(appDeps().db, actorOf(caller), {
    action: 'attribute_definition_changed',
    object: { type: 'attribute', id: k },
    detail: { change },
  });
}

function keyOf(input: unknown): unknown {
  return input && typeof input === 'object' && 'key' in input ? (input as { key: unknown }).key : undefined;
}

export const createAttributeAction = guardedAction('attributes:manage', async (caller, input: unknown): Promise<SettingsResult> =>
  run(async () => {
    await createAttributeDefinition(appDeps().db, input);
    await auditDefinition(caller, 'created', keyOf(input));
    return {};
  }),
);

export const editAttributeAction = guardedAction('attributes:manage', async (caller, input: unknown): Promise<SettingsResult> =>
  run(async () => {
    await editAttributeDefinition(appDeps().db, input);
    await auditDefinition(caller, 'edited', keyOf(input));
    return {};
  }),
);

export const deleteAttributeAction = guardedAction('attributes:manage', async (caller, key: string): Promise<SettingsResult> =>
  run(async () => {
    await removeAttributeDefinition(appDeps().db, key);
    await auditDefinition(caller, 'deleted', key);
    return {};
  }),
);

const QuietHoursInputSchema = AccountQuietHoursSchema.refine((q) => !q.enabled || q.start !== q.end, {
  message: 'quiet hours start and end at the same time',
  path: ['end'],
});

/** The account default new scenarios follow; published versions keep the window they were published with. */
export const saveQuietHoursAction = guardedAction('settings:manage', async (caller, input: unknown): Promise<SettingsResult> =>
  run(async () => {
    const q = parseOrThrow(QuietHoursInputSchema, input);
    const { db } = appDeps();
    await saveAccountQuietHours(db, q, caller.operator.id);
    await recordAudit(db, actorOf(caller), {
      action: 'settings_changed',
      object: { type: 'account', id: 'quiet_hours' },
      detail: { quietHours: q.enabled ? `${q.start}–${q.end}` : 'off' },
    });
    return {};
  }),
);
