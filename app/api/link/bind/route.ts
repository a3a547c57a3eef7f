// POST /api/link/bind { token, memberId }: the shop's site binds its member to the friend a `kz_link` parameter names.
import { appDeps } from '@/lib/app-deps';
import { requireApiKey, readJsonBody } from '@/lib/api-auth';
import { toResponse } from '@/lib/errors';
import { bindMemberByToken } from '@/lib/links/bind-member';

export async function POST(request: Request): Promise<Response> {
  try {
    const deps = appDeps();
    await requireApiKey(deps.db, request);
    return Response.json(await bindMemberByToken(deps, await readJsonBody(request)));
  } catch (err) {
    return toResponse(err);
  }
}
