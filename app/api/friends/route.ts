// POST /api/friends: upsert up to 1,000 friends by LINE user id or member id (API key with `friends:write`).
import { appDeps } from '@/lib/app-deps';
import { apiKeyRoute } from '@/lib/auth/guard';
import { readJsonBody } from '@/lib/http/read-body';
import { upsertFriends } from '@/lib/friends/upsert-friends';

export const POST = apiKeyRoute('friends:write', async (request: Request) =>
  Response.json(await upsertFriends(appDeps(), await readJsonBody(request))),
);
