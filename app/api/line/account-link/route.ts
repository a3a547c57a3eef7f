// POST /api/line/account-link { friendId }: issues a LINE link token and answers the /link URL to send that friend.
import { z } from 'zod';
import { requireApiKey, readJsonBody } from '@/lib/api-auth';
import { parseOrThrow, toResponse } from '@/lib/errors';
import { edgeDeps } from '@/lib/friends/edge-deps';
import { accountLinkUrl } from '@/lib/line/account-link';

const BodySchema = z.object({ friendId: z.uuid() });

export async function POST(request: Request): Promise<Response> {
  try {
    const deps = edgeDeps();
    await requireApiKey(deps.db, request);
    const { friendId } = parseOrThrow(BodySchema, await readJsonBody(request));
    return Response.json({ url: await accountLinkUrl(deps, friendId) });
  } catch (err) {
    return toResponse(err);
  }
}
