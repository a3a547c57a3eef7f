'use server';
// Server actions of Settings: API keys (created and shown once, revoked) and attribute definitions.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { revokeApiKey } from '@/db/queries/api-keys';
import { appDeps } from '@/lib/app-deps';
import { createApiKey } from '@/lib/api-auth';
import { AppError, parseOrThrow, toActionError, type ActionError } from '@/lib/errors';
import { createAttributeDefinition, editAttributeDefinition, removeAttributeDefinition } from '@/lib/friends/attribute-definitions';

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

export async function createApiKeyAction(name: string): Promise<SettingsResult<{ key: string }>> {
  return run(async () => {
    const n = parseOrThrow(z.object({ name: z.string().trim().min(1).max(100) }), { name });
    return { key: (await createApiKey(appDeps().db, n.name)).key };
  });
}

export async function revokeApiKeyAction(id: string): Promise<SettingsResult> {
  return run(async () => {
    const { id: keyId } = parseOrThrow(z.object({ id: z.uuid() }), { id });
    if (!(await revokeApiKey(appDeps().db, keyId, new Date()))) throw new AppError('not_found:api_key', 'no such active key');
    return {};
  });
}

export async function createAttributeAction(input: unknown): Promise<SettingsResult> {
  return run(async () => (await createAttributeDefinition(appDeps().db, input), {}));
}

export async function editAttributeAction(input: unknown): Promise<SettingsResult> {
  return run(async () => (await editAttributeDefinition(appDeps().db, input), {}));
}

export async function deleteAttributeAction(key: string): Promise<SettingsResult> {
  return run(async () => (await removeAttributeDefinition(appDeps().db, key), {}));
}
