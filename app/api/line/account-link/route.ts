// POST /api/line/account-link { friendId }: issues a LINE link token and answers the /link URL to send that friend.
import { z } from 'zod';
import { appDeps } from '@/lib/app-deps';
import { requireApiKey, readJsonBody } from '@/lib/api-auth';
import { parseOrThrow, toResponse } from '@/lib/errors';
import { accountLinkUrl } from '@/lib/line/account-link';

const BodySchema = z.object({ friendId: z.uuid() });

export async function POST(request: Request): Promise<Response> {
  try {
    const deps = appDeps();
    await requireApiKey(deps.db, request);
    const { friendId } = parseOrThrow(BodySchema, await readJsonBody(request));
    return Response.json({ url: await accountLinkUrl(deps, friendId) });
  } catch (err) {
    return toResponse(err);
  }
}
