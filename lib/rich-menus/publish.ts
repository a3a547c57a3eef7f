// Publishes a rich menu to LINE: creates the menu, uploads its image, points its alias at it (richmenuswitch targets),
// sets it as the default when it is one, relinks the friends who had its previous version, then drops that version.
import 'server-only';
import type { Db } from '@/db/client';
import { friendsLinkedTo, getRichMenu, markRichMenuPublished, richMenuImage, setDefaultRichMenuRow } from '@/db/queries/rich-menus';
import { friends } from '@/db/schema';
import { aliasIdOf, checkRichMenu, toLineRichMenu } from '@/scenario/rich-menu';
import { inArray } from 'drizzle-orm';
import { AppError } from '../errors';
import type { LineBlobClient, LineClient } from '../line/client';
import { describeError, logWarning } from '../log';
import { trackedRichMenuUri } from './link-token';
import { linkFriendMenu } from './sync';

export type RichMenuDeps = {
  db: Db;
  line: LineClient;
  lineBlob: LineBlobClient;
  now: () => Date;
  /** URI areas open through the tracked link /r/{token}, signed with KIZUNA_SECRET at APP_BASE_URL. */
  secret: string;
  appBaseUrl: string;
};

export async function publishRichMenu(deps: RichMenuDeps, menuId: string): Promise<{ lineRichMenuId: string }> {
  const menu = await getRichMenu(deps.db, menuId);
  if (!menu) throw new AppError('not_found:rich_menu', 'no such rich menu');
  if (!menu.imageMediaId) throw new AppError('invalid:rich_menu_image', 'upload the image before publishing');
  const issues = checkRichMenu(menu);
  if (issues.length > 0) throw new AppError('invalid:rich_menu', issues.map((i) => i.message).join(' '));
  const image = await richMenuImage(deps.db, menu.imageMediaId);
  if (!image) throw new AppError('not_found:media', 'the menu image is gone');

  const { richMenuId } = await deps.line.createRichMenu(
    toLineRichMenu(menu.id, menu, (uri, area) => trackedRichMenuUri(deps, menu.id, area, uri)),
  );
  await deps.lineBlob.setRichMenuImage(richMenuId, new Blob([new Uint8Array(image.bytes)], { type: image.contentType }));
  const aliasId = aliasIdOf(menu.id);
  if (menu.lineRichMenuId) {
    await deps.line
      .updateRichMenuAlias(aliasId, { richMenuId })
      .catch(() => deps.line.createRichMenuAlias({ richMenuAliasId: aliasId, richMenuId }));
  } else {
    await deps.line
      .createRichMenuAlias({ richMenuAliasId: aliasId, richMenuId })
      .catch(() => deps.line.updateRichMenuAlias(aliasId, { richMenuId }));
  }
  if (menu.isDefault) await deps.line.setDefaultRichMenu(richMenuId);
  await markRichMenuPublished(deps.db, menu.id, richMenuId, deps.now());

  // Friends who had the previous version get this one (per-user links name a LINE id, not Kizuna's menu).
  const linked = await friendsLinkedTo(deps.db, menu.id);
  if (linked.length > 0) {
    const rows = await deps.db
      .select({ id: friends.id, lineUserId: friends.lineUserId })
      .from(friends)
      .where(
        inArray(
          friends.id,
          linked.map((l) => l.friendId),
        ),
      );
    for (const f of rows) await linkFriendMenu(deps, f, { id: menu.id, lineRichMenuId: richMenuId }, 'rule');
  }
  if (menu.lineRichMenuId) {
    await deps.line
      .deleteRichMenu(menu.lineRichMenuId)
      .catch((err: unknown) => logWarning(`rich menu: old version not deleted: ${describeError(err)}`));
  }
  return { lineRichMenuId: richMenuId };
}

/** Makes a published menu the account's default (or none: LINE's default is cleared). */
export async function setDefaultRichMenu(deps: RichMenuDeps, menuId: string | null): Promise<void> {
  if (menuId === null) {
    await deps.line.cancelDefaultRichMenu();
    await setDefaultRichMenuRow(deps.db, null);
    return;
  }
  const menu = await getRichMenu(deps.db, menuId);
  if (!menu) throw new AppError('not_found:rich_menu', 'no such rich menu');
  if (!menu.lineRichMenuId) throw new AppError('conflict:rich_menu_unpublished', 'publish the menu before making it the default');
  await deps.line.setDefaultRichMenu(menu.lineRichMenuId);
  await setDefaultRichMenuRow(deps.db, menuId);
}
