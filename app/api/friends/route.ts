// POST /api/friends: upsert up to 1,000 friends by LINE user id or member id (API key required).
import { requireApiKey, readJsonBody } from '@/lib/api-auth';
import { toResponse } from '@/lib/errors';
import { edgeDeps } from '@/lib/friends/edge-deps';
import { upsertFriends } from '@/lib/friends/upsert-friends';

export async function POST(request: Request): Promise<Response> {
  try {
    const deps = edgeDeps();
    await requireApiKey(deps.db, request);
    return Response.json(await upsertFriends(deps, await readJsonBody(request)));
  } catch (err) {
    return toResponse(err);
  }
}
