// POST /api/friends: upsert up to 1,000 friends by LINE user id or member id (API key required).
import { appDeps } from '@/lib/app-deps';
import { requireApiKey, readJsonBody } from '@/lib/api-auth';
import { toResponse } from '@/lib/errors';
import { upsertFriends } from '@/lib/friends/upsert-friends';

export async function POST(request: Request): Promise<Response> {
  try {
    const deps = appDeps();
    await requireApiKey(deps.db, request);
    return Response.json(await upsertFriends(deps, await readJsonBody(request)));
  } catch (err) {
    return toResponse(err);
  }
}
