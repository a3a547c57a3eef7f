// POST /api/events: up to 1,000 events by LINE user id or member id, each stored once per idempotency key (API key with
// `events:write`); an `Idempotency-Key` header makes a retried request return its first response.
import { appDeps } from '@/lib/app-deps';
import { apiKeyRoute } from '@/lib/auth/guard';
import { handleEventsRequest } from '@/lib/friends/events-request';
import { readJsonBody } from '@/lib/http/read-body';

export const POST = apiKeyRoute('events:write', async (request: Request, _ctx, key) => {
  const r = await handleEventsRequest(appDeps(), {
    apiKeyId: key.id,
    idempotencyKey: request.headers.get('idempotency-key'),
    body: await readJsonBody(request),
  });
  return Response.json(r.body, { status: r.status, headers: r.replayed ? { 'idempotent-replayed': 'true' } : {} });
});
