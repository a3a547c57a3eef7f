// GET /api/inbox[?friend=<id>]: the inbox's live view (conversations, unread counts, the open thread), polled by the
// page every few seconds so new messages appear without a reload.
// policy: session, friends:read_details
import { z } from 'zod';
import { appDeps } from '@/lib/app-deps';
import { sessionRoute } from '@/lib/auth/guard';
import { inboxSnapshot } from '@/lib/chat/inbox-view';
import { parseOrThrow } from '@/lib/errors';
import { currentLang } from '@/lib/i18n/server';

export const dynamic = 'force-dynamic';

const QuerySchema = z.object({ friend: z.uuid().optional() });

export const GET = sessionRoute('friends:read_details', async (req: Request) => {
  const url = new URL(req.url);
  const { friend } = parseOrThrow(QuerySchema, { friend: url.searchParams.get('friend') ?? undefined }, 'query');
  const snapshot = await inboxSnapshot(appDeps().db, friend ?? null, await currentLang());
  return Response.json(snapshot, { headers: { 'cache-control': 'no-store' } });
});
