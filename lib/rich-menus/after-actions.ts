// After a scenario changed a friend (tags, attributes) or asked for a menu: links the rich menu that follows. Best
// effort: LINE being away must not fail the run's progress write (the next change links again).
import type { DbOrTx } from '@/db/client';
import { getRichMenu, listRichMenuRules } from '@/db/queries/rich-menus';
import { loadFriendSnapshot } from '@/db/queries/friend-snapshot';
import type { ActionSpec } from '@/scenario/schema';
import type { LineClient } from '../line/client';
import { describeError, logWarning } from '../log';
import { linkFriendMenu, syncFriendRichMenu } from './sync';

export async function applyRichMenuAfterActions(
  deps: { db: DbOrTx; line: LineClient; now: () => Date },
  friendId: string,
  actions: readonly ActionSpec[],
): Promise<void> {
  if (actions.length === 0) return;
  try {
    const last = actions.at(-1);
    if (last?.type === 'switch_rich_menu') {
      const menu = await getRichMenu(deps.db, last.menuId);
      const friend = await loadFriendSnapshot(deps.db, friendId, deps.now());
      if (!menu?.lineRichMenuId || !friend) {
        logWarning('rich menu: a switch step names a menu that is not published; nothing linked');
        return;
      }
      await linkFriendMenu(
        deps,
        { id: friendId, lineUserId: friend.lineUserId },
        { id: menu.id, lineRichMenuId: menu.lineRichMenuId },
        'scenario',
      );
      return;
    }
    await syncFriendRichMenu(deps, friendId);
  } catch (err) {
    logWarning(`rich menu: could not link after a scenario's change: ${describeError(err)}`);
  }
}

/** After an operator's edit of a friend's tags or fields: the rules pick the menu again (best effort, as above). */
export async function syncRichMenuQuietly(deps: { db: DbOrTx; line: LineClient; now: () => Date }, friendId: string): Promise<void> {
  try {
    await syncFriendRichMenu(deps, friendId);
  } catch (err) {
    logWarning(`rich menu: could not link after an edit: ${describeError(err)}`);
  }
}

/**
 * After any write that changed friends' tags or attributes outside a scenario run (friends API, CSV import, the friends
 * list's bulk tags, forms, auto-replies, inflow routes): the rules pick each friend's menu again, after the write
 * committed. Every such path calls this once with the friends it touched; a process without a LINE client skips it.
 */
export async function syncRichMenusQuietly(
  deps: { db: DbOrTx; line?: LineClient | null | undefined; now: () => Date },
  friendIds: Iterable<string>,
): Promise<void> {
  const line = deps.line;
  const ids = [...new Set(friendIds)];
  if (!line || ids.length === 0) return;
  try {
    // Without rules nothing can change: one query, not one per friend.
    if ((await listRichMenuRules(deps.db)).length === 0) return;
  } catch (err) {
    logWarning(`rich menu: could not read the rules after an edit: ${describeError(err)}`);
    return;
  }
  for (const id of ids) await syncRichMenuQuietly({ db: deps.db, line, now: deps.now }, id);
}
