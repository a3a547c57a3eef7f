// POST /api/events as a payments API answers it: an `Idempotency-Key` header (per API key) makes a retry return the
// first response; the same key with a different body is refused with 422.
import 'server-only';
import { claimApiRequest, completeApiRequest, releaseApiRequest } from '@/db/queries/api-requests';
import { AppError } from '../errors';
import { jsonDigest } from '../http/json-digest';
import type { EdgeDeps } from './deps';
import { ingestEvents } from './ingest-events';

const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

export async function handleEventsRequest(
  deps: Pick<EdgeDeps, 'db'>,
  args: { apiKeyId: string; idempotencyKey: string | null; body: unknown },
): Promise<{ status: number; body: unknown; replayed: boolean }> {
  const requestKey = args.idempotencyKey;
  if (requestKey === null) return { status: 200, body: await ingestEvents(deps, args.body, { apiKeyId: args.apiKeyId }), replayed: false };
  if (!KEY_PATTERN.test(requestKey)) {
    throw new AppError('invalid:idempotency_key', 'Idempotency-Key must be 1–200 visible ASCII characters', [
      { path: ['headers', 'idempotency-key'], message: 'expected 1–200 visible ASCII characters' },
    ]);
  }
  const scope = { apiKeyId: args.apiKeyId, key: requestKey };
  const claim = await claimApiRequest(deps.db, { ...scope, requestHash: jsonDigest(args.body) });
  switch (claim.kind) {
    case 'replay':
      return { status: claim.status, body: claim.response, replayed: true };
    case 'mismatch':
      throw new AppError('unprocessable:idempotency_key', 'this Idempotency-Key was used with a different body; use a new key', [
        { path: ['headers', 'idempotency-key'], message: 'already used with a different body' },
      ]);
    case 'in_flight':
      throw new AppError('conflict:idempotency_key', 'a request with this Idempotency-Key is still being processed; retry shortly');
    case 'new':
      break;
  }
  try {
    const body = await ingestEvents(deps, args.body, { apiKeyId: args.apiKeyId, requestKey });
    await completeApiRequest(deps.db, { ...scope, status: 200, response: body });
    return { status: 200, body, replayed: false };
  } catch (err) {
    // A refusal is an answer too (the same body is refused again); a failure frees the key for the retry.
    if (err instanceof AppError && err.status < 500)
      await completeApiRequest(deps.db, { ...scope, status: err.status, response: err.toJSON() });
    else await releaseApiRequest(deps.db, scope).catch(() => {});
    throw err;
  }
}
