// POST /api/line/account-link { friendId }: issues a LINE link token and answers the /link URL to send that friend
// (API key with `links:write`).
// policy: API key, links:write
import { z } from 'zod';
import { appDeps } from '@/lib/app-deps';
import { apiKeyRoute } from '@/lib/auth/guard';
import { parseOrThrow } from '@/lib/errors';
import { readJsonBody } from '@/lib/http/read-body';
import { accountLinkUrl } from '@/lib/line/account-link';

const BodySchema = z.object({ friendId: z.uuid() });

export const POST = apiKeyRoute('links:write', async (request: Request) => {
  const { friendId } = parseOrThrow(BodySchema, await readJsonBody(request));
  return Response.json({ url: await accountLinkUrl(appDeps(), friendId) });
});
