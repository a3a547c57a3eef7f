// A tap on a tracked link: verify the token, record a `link_click` event (or, for a rich menu's URI area, an anonymous
// tap of that area), and say where to redirect.
import 'server-only';
import { insertEventOnce } from '@/db/queries/events';
import { findFriendById } from '@/db/queries/friends';
import { recordRichMenuLinkTap } from '@/db/queries/rich-menus';
import type { EdgeDeps } from '../friends/deps';
import { readRichMenuLinkToken } from '../rich-menus/link-token';
import { readTrackedToken } from './tracked';

/** The event and its dispatch row are stored together; the worker's dispatcher tells the engine. */
export type ClickResult = { target: string; eventId: string | null } | null;

/** null for a tampered, malformed or foreign token: the caller answers 404 and redirects nowhere. */
export async function recordClick(deps: Pick<EdgeDeps, 'db' | 'secret' | 'now'>, token: string): Promise<ClickResult> {
  const link = readTrackedToken(token, deps.secret);
  if (!link) return recordRichMenuTap(deps, token);
  // A friend deleted since the send still gets redirected: the token proves we sent that target.
  const friend = await findFriendById(deps.db, link.friendId);
  if (!friend) return { target: link.target, eventId: null };
  const row = await insertEventOnce(deps.db, {
    friendId: friend.id,
    name: 'link_click',
    occurredAt: deps.now(),
    properties: { runId: link.runId, nodeId: link.nodeId, url: link.target },
    source: 'click',
    isTest: link.isTest,
  });
  return { target: link.target, eventId: row?.id ?? null };
}

/** A rich menu's URI area (lib/rich-menus/link-token.ts): counted for the menu's report, then redirected. */
async function recordRichMenuTap(deps: Pick<EdgeDeps, 'db' | 'secret' | 'now'>, token: string): Promise<ClickResult> {
  const link = readRichMenuLinkToken(token, deps.secret);
  if (!link) return null;
  await recordRichMenuLinkTap(deps.db, { menuId: link.menuId, area: link.area, at: deps.now() });
  return { target: link.target, eventId: null };
}
