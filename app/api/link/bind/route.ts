// POST /api/link/bind { token, memberId }: the shop's site binds its member to the friend a `kz_link` parameter names
// (API key with `links:write`).
import { appDeps } from '@/lib/app-deps';
import { apiKeyRoute } from '@/lib/auth/guard';
import { readJsonBody } from '@/lib/http/read-body';
import { bindMemberByToken } from '@/lib/links/bind-member';

export const POST = apiKeyRoute('links:write', async (request: Request) =>
  Response.json(await bindMemberByToken(appDeps(), await readJsonBody(request))),
);
