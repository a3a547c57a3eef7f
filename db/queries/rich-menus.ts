// Rich menus, their rules and each friend's linked menu; areas and conditions parsed with the core's schemas on read.
import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { ConditionSchema } from '@/scenario/conditions';
import { RichMenuAreaSchema, type RichMenuArea, type RichMenuDraft, type RichMenuRule } from '@/scenario/rich-menu';
import type { DbOrTx } from '../client';
import { events, friendRichMenus, media, richMenuLinkTaps, richMenuRules, richMenus } from '../schema';

export type StoredRichMenu = RichMenuDraft & {
  id: string;
  imageMediaId: string | null;
  lineRichMenuId: string | null;
  isDefault: boolean;
  publishedAt: Date | null;
  updatedAt: Date;
};

const AreasSchema = z.array(RichMenuAreaSchema);

function toMenu(r: typeof richMenus.$inferSelect): StoredRichMenu {
  const areas: RichMenuArea[] = AreasSchema.safeParse(r.areas).data ?? [];
  return {
    id: r.id,
    name: r.name,
    chatBarText: r.chatBarText,
    selected: r.selected,
    size: { width: r.width, height: r.height },
    areas,
    imageMediaId: r.imageMediaId,
    lineRichMenuId: r.lineRichMenuId,
    isDefault: r.isDefault,
    publishedAt: r.publishedAt,
    updatedAt: r.updatedAt,
  };
}

export async function listRichMenus(db: DbOrTx): Promise<StoredRichMenu[]> {
  return (await db.select().from(richMenus).orderBy(asc(richMenus.createdAt))).map(toMenu);
}

export async function getRichMenu(db: DbOrTx, id: string): Promise<StoredRichMenu | null> {
  const [r] = await db.select().from(richMenus).where(eq(richMenus.id, id));
  return r ? toMenu(r) : null;
}

/** Creates (no id) or replaces a menu's draft; the published LINE menu stays until the next publish. */
export async function saveRichMenuRow(
  db: DbOrTx,
  input: { id?: string; draft: RichMenuDraft; imageMediaId: string | null; by: string; at: Date },
): Promise<string> {
  const d = input.draft;
  const values = {
    name: d.name,
    chatBarText: d.chatBarText,
    selected: d.selected,
    width: d.size.width,
    height: d.size.height,
    areas: d.areas,
    imageMediaId: input.imageMediaId,
    updatedBy: input.by,
    updatedAt: input.at,
  };
  if (input.id) {
    await db.update(richMenus).set(values).where(eq(richMenus.id, input.id));
    return input.id;
  }
  const [row] = await db.insert(richMenus).values(values).returning({ id: richMenus.id });
  if (!row) throw new Error('rich menu insert returned nothing');
  return row.id;
}

export async function markRichMenuPublished(db: DbOrTx, id: string, lineRichMenuId: string, at: Date): Promise<void> {
  await db.update(richMenus).set({ lineRichMenuId, publishedAt: at }).where(eq(richMenus.id, id));
}

export async function setDefaultRichMenuRow(db: DbOrTx, id: string | null): Promise<void> {
  if (id === null) await db.update(richMenus).set({ isDefault: false });
  else await db.update(richMenus).set({ isDefault: sql`${richMenus.id} = ${id}` });
}

export async function deleteRichMenuRow(db: DbOrTx, id: string): Promise<void> {
  await db.delete(richMenus).where(eq(richMenus.id, id));
}

/** The menu's image bytes as uploaded. */
export async function richMenuImage(
  db: DbOrTx,
  mediaId: string,
): Promise<{ contentType: string; bytes: Buffer; width: number; height: number } | null> {
  const [r] = await db
    .select({ contentType: media.contentType, bytes: media.bytes, width: media.width, height: media.height })
    .from(media)
    .where(eq(media.id, mediaId));
  return r ?? null;
}

export async function listRichMenuRules(db: DbOrTx): Promise<RichMenuRule[]> {
  const rows = await db.select().from(richMenuRules).orderBy(asc(richMenuRules.position));
  return rows.flatMap((r) => {
    const c = ConditionSchema.safeParse(r.condition);
    return c.success ? [{ menuId: r.richMenuId, condition: c.data }] : [];
  });
}

export async function replaceRichMenuRules(db: DbOrTx, rules: readonly RichMenuRule[]): Promise<void> {
  await db.delete(richMenuRules);
  if (rules.length > 0) {
    await db.insert(richMenuRules).values(rules.map((r, position) => ({ position, condition: r.condition, richMenuId: r.menuId })));
  }
}

export async function friendRichMenu(db: DbOrTx, friendId: string) {
  const [r] = await db.select().from(friendRichMenus).where(eq(friendRichMenus.friendId, friendId));
  return r ?? null;
}

export async function recordFriendRichMenu(
  db: DbOrTx,
  row: {
    friendId: string;
    richMenuId: string | null;
    lineRichMenuId: string | null;
    source: 'rule' | 'scenario' | 'switch';
    linkedAt: Date;
  },
): Promise<void> {
  await db
    .insert(friendRichMenus)
    .values(row)
    .onConflictDoUpdate({
      target: friendRichMenus.friendId,
      set: { richMenuId: row.richMenuId, lineRichMenuId: row.lineRichMenuId, source: row.source, linkedAt: row.linkedAt },
    });
}

/** Friends linked to a menu (republishing relinks them to its new LINE id). */
export async function friendsLinkedTo(db: DbOrTx, richMenuId: string): Promise<{ friendId: string }[]> {
  return db
    .select({ friendId: friendRichMenus.friendId })
    .from(friendRichMenus)
    .where(and(eq(friendRichMenus.richMenuId, richMenuId), sql`${friendRichMenus.lineRichMenuId} is not null`));
}

/** Taps per area: postback events whose data carries the menu (`rm`) and the area (`ra`). */
export async function richMenuTapCounts(db: DbOrTx, menuId: string): Promise<Map<number, { taps: number; friends: number }>> {
  const area = sql<string>`${events.properties} -> 'fields' ->> 'ra'`;
  const rows = await db
    .select({ area, taps: sql<number>`count(*)::int`, friends: sql<number>`count(distinct ${events.friendId})::int` })
    .from(events)
    .where(and(eq(events.name, 'postback'), sql`${events.properties} -> 'fields' ->> 'rm' = ${menuId}`))
    .groupBy(area);
  return new Map(rows.flatMap((r) => (/^\d+$/.test(r.area) ? [[Number(r.area), { taps: r.taps, friends: r.friends }]] : [])));
}

/** One tap on a URI area's tracked link; nothing when the menu has been deleted since (the visitor is still redirected). */
export async function recordRichMenuLinkTap(db: DbOrTx, tap: { menuId: string; area: number; at: Date }): Promise<void> {
  await db.execute(
    sql`insert into ${richMenuLinkTaps} (rich_menu_id, area, at)
    select ${tap.menuId}::uuid, ${tap.area}::int, ${tap.at.toISOString()}::timestamptz
    where exists (select 1 from ${richMenus} where id = ${tap.menuId}::uuid)`,
  );
}

/** Taps per URI area through the tracked link (anonymous: no friend is known). */
export async function richMenuLinkTapCounts(db: DbOrTx, menuId: string): Promise<Map<number, number>> {
  const rows = await db
    .select({ area: richMenuLinkTaps.area, taps: sql<number>`count(*)::int` })
    .from(richMenuLinkTaps)
    .where(eq(richMenuLinkTaps.richMenuId, menuId))
    .groupBy(richMenuLinkTaps.area);
  return new Map(rows.map((r) => [r.area, r.taps]));
}
