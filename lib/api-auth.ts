// API keys: `kz_` + 32 random bytes, stored as a sha-256 hash; requests authenticate with `Authorization: Bearer kz_…`.
import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { findActiveApiKeyByHash, insertApiKey, touchApiKey, type ApiKeyRow } from '@/db/queries/api-keys';
import type { DbOrTx } from '@/db/client';
import type { ApiScope } from './auth/roles';
import { AppError } from './errors';

export const API_KEY_PREFIX = 'kz_';

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** Creates a key; the plain key is returned this once and never stored. */
export async function createApiKey(
  db: DbOrTx,
  args: { name: string; scopes: readonly ApiScope[]; expiresAt?: Date | null; createdBy?: string | null },
): Promise<{ key: string; row: ApiKeyRow }> {
  const key = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  const row = await insertApiKey(db, {
    name: args.name,
    keyHash: hashApiKey(key),
    prefix: key.slice(0, 10),
    scopes: [...args.scopes],
    expiresAt: args.expiresAt ?? null,
    createdBy: args.createdBy ?? null,
  });
  return { key, row };
}

/** The active, unexpired key the request carries (`unauthorized:api_key` otherwise), holding `scope` (else 403). */
export async function requireApiKey(db: DbOrTx, request: Request, scope: ApiScope): Promise<ApiKeyRow> {
  const header = request.headers.get('authorization') ?? '';
  const m = /^Bearer\s+(kz_[A-Za-z0-9_-]{20,100})\s*$/.exec(header);
  if (!m?.[1]) throw new AppError('unauthorized:api_key', 'send an API key as `Authorization: Bearer kz_…` (create one in Settings)');
  const row = await findActiveApiKeyByHash(db, hashApiKey(m[1]));
  if (!row) throw new AppError('unauthorized:api_key', 'unknown or revoked API key');
  const now = new Date();
  if (row.expiresAt && row.expiresAt <= now) throw new AppError('unauthorized:api_key', 'this API key has expired');
  if (!row.scopes.includes(scope)) throw new AppError('forbidden:api_key_scope', `this API key lacks the scope ${scope}`);
  await touchApiKey(db, row.id, now);
  return row;
}
