// POST /api/events: up to 1,000 events by LINE user id or member id, deduplicated by idempotency key (API key with
// `events:write`).
import { appDeps } from '@/lib/app-deps';
import { apiKeyRoute } from '@/lib/auth/guard';
import { readJsonBody } from '@/lib/http/read-body';
import { ingestEvents } from '@/lib/friends/ingest-events';

export const POST = apiKeyRoute('events:write', async (request: Request) =>
  Response.json(await ingestEvents(appDeps(), await readJsonBody(request))),
);
