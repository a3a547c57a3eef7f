// POST /api/friends/erase: erases one friend's personal data, `{"lineUserId": …}` or `{"memberId": …}` (API key with
// `friends:erase`). Safe to repeat: a friend erased before answers `not_found`, and nothing of theirs is left either way.
import { appDeps } from '@/lib/app-deps';
import { clientIp } from '@/lib/auth/client-ip';
import { apiKeyRoute } from '@/lib/auth/guard';
import { eraseFriend, parseEraseRequest } from '@/lib/friends/erase-friend';
import { readJsonBody } from '@/lib/http/read-body';

export const POST = apiKeyRoute('friends:erase', async (request: Request, _ctx: unknown, key) => {
  const target = parseEraseRequest(await readJsonBody(request));
  const result = await eraseFriend(appDeps(), { id: null, ip: clientIp(request.headers) }, target, { via: 'api', apiKeyId: key.id });
  return Response.json({ status: result.status === 'erased' ? 'erased' : 'not_found' });
});
