// POST /api/events: up to 1,000 events by LINE user id or member id, deduplicated by idempotency key (API key required).
import { appDeps } from '@/lib/app-deps';
import { requireApiKey, readJsonBody } from '@/lib/api-auth';
import { toResponse } from '@/lib/errors';
import { ingestEvents } from '@/lib/friends/ingest-events';

export async function POST(request: Request): Promise<Response> {
  try {
    const deps = appDeps();
    await requireApiKey(deps.db, request);
    return Response.json(await ingestEvents(deps, await readJsonBody(request)));
  } catch (err) {
    return toResponse(err);
  }
}
