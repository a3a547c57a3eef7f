// Request-level idempotency for the API (the `Idempotency-Key` header): claim a key, store the first response, replay it.
import { sql } from 'drizzle-orm';
import { executePrepared, type DbOrTx } from '../client';

export type ApiRequestClaim =
  { kind: 'new' } | { kind: 'replay'; status: number; response: unknown } | { kind: 'mismatch' } | { kind: 'in_flight' };

/** An in-flight claim older than this is taken over (its process died); the items' own keys make the rerun exact. */
const STALE_SECONDS = 60;

/** Claims (apiKeyId, key) for this body, or says what an earlier request with the key left. */
export async function claimApiRequest(db: DbOrTx, args: { apiKeyId: string; key: string; requestHash: string }): Promise<ApiRequestClaim> {
  const [row] = await executePrepared<{ fresh: boolean; request_hash: string; status: number | null; response: unknown }>(
    db,
    sql`WITH ins AS (
      INSERT INTO api_requests (api_key_id, key, request_hash) VALUES (${args.apiKeyId}::uuid, ${args.key}::text, ${args.requestHash}::text)
      ON CONFLICT (api_key_id, key) DO UPDATE SET created_at = now()
        WHERE api_requests.status IS NULL AND api_requests.request_hash = excluded.request_hash
          AND api_requests.created_at < now() - make_interval(secs => ${STALE_SECONDS}::int)
      RETURNING true AS fresh, request_hash, status, response)
    SELECT * FROM ins
    UNION ALL
    SELECT false AS fresh, request_hash, status, response FROM api_requests
    WHERE api_key_id = ${args.apiKeyId}::uuid AND key = ${args.key}::text AND NOT EXISTS (SELECT 1 FROM ins)`,
  );
  if (!row) return { kind: 'in_flight' };
  if (row.fresh) return { kind: 'new' };
  if (row.request_hash !== args.requestHash) return { kind: 'mismatch' };
  if (row.status === null) return { kind: 'in_flight' };
  return { kind: 'replay', status: row.status, response: row.response };
}

export async function completeApiRequest(
  db: DbOrTx,
  args: { apiKeyId: string; key: string; status: number; response: unknown },
): Promise<void> {
  await db.execute(sql`UPDATE api_requests SET status = ${args.status}, response = ${JSON.stringify(args.response)}::jsonb, completed_at = now()
    WHERE api_key_id = ${args.apiKeyId}::uuid AND key = ${args.key}`);
}

/** A request that failed before answering frees its key (nothing was stored, or each stored item is keyed). */
export async function releaseApiRequest(db: DbOrTx, args: { apiKeyId: string; key: string }): Promise<void> {
  await db.execute(sql`DELETE FROM api_requests WHERE api_key_id = ${args.apiKeyId}::uuid AND key = ${args.key} AND status IS NULL`);
}
