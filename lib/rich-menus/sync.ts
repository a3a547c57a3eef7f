// Links the right rich menu to a friend: after their tags or attributes change the rules pick one (first match wins,
// else the default), and a scenario's switch step links the one it names. Per-user links only (never the bulk endpoint).
import type { DbOrTx } from '@/db/client';
import { loadFriendSnapshot } from '@/db/queries/friend-snapshot';
import { friendRichMenu, listRichMenuRules, listRichMenus, recordFriendRichMenu } from '@/db/queries/rich-menus';
import { pickRichMenu } from '@/scenario/rich-menu';
import type { LineClient } from '../line/client';

type SyncDeps = { db: DbOrTx; line: LineClient; now: () => Date };
type Source = 'rule' | 'scenario' | 'switch';

/** Links `menu` to the friend on LINE and remembers it. */
export async function linkFriendMenu(
  deps: SyncDeps,
  friend: { id: string; lineUserId: string },
  menu: { id: string; lineRichMenuId: string },
  source: Source,
): Promise<void> {
  await deps.line.linkRichMenuIdToUser(friend.lineUserId, menu.lineRichMenuId);
  await recordFriendRichMenu(deps.db, {
    friendId: friend.id,
    richMenuId: menu.id,
    lineRichMenuId: menu.lineRichMenuId,
    source,
    linkedAt: deps.now(),
  });
}

export type SyncOutcome = 'linked' | 'unlinked' | 'unchanged' | 'no_rules';

/** Applies the rules to one friend; makes a LINE call only when the outcome differs from what was linked before. */
export async function syncFriendRichMenu(deps: SyncDeps, friendId: string, timeZone = 'Asia/Tokyo'): Promise<SyncOutcome> {
  const rules = await listRichMenuRules(deps.db);
  if (rules.length === 0) return 'no_rules';
  const now = deps.now();
  const friend = await loadFriendSnapshot(deps.db, friendId, now);
  if (!friend) return 'unchanged';
  const menus = await listRichMenus(deps.db);
  const published = new Map(menus.flatMap((m) => (m.lineRichMenuId ? [[m.id, m.lineRichMenuId] as const] : [])));
  // Rules pointing at unpublished menus are skipped: LINE cannot link them.
  const usable = rules.filter((r) => published.has(r.menuId));
  const defaultId = menus.find((m) => m.isDefault && m.lineRichMenuId)?.id ?? null;
  const picked = pickRichMenu(usable, defaultId, { friend, now: now.getTime(), timeZone });
  const current = await friendRichMenu(deps.db, friendId);
  const lineId = picked ? (published.get(picked) ?? null) : null;
  // The default needs no per-user link: a friend without one sees it.
  const want = picked !== null && picked !== defaultId ? lineId : null;
  if ((current?.lineRichMenuId ?? null) === want) return 'unchanged';
  if (want && picked) {
    await linkFriendMenu(deps, { id: friend.id, lineUserId: friend.lineUserId }, { id: picked, lineRichMenuId: want }, 'rule');
    return 'linked';
  }
  await deps.line.unlinkRichMenuIdFromUser(friend.lineUserId);
  await recordFriendRichMenu(deps.db, { friendId, richMenuId: defaultId, lineRichMenuId: null, source: 'rule', linkedAt: now });
  return 'unlinked';
}
