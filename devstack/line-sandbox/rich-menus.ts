// LINE's rich-menu endpoints as the sandbox serves them: menus, their images (size-checked), aliases, the default menu
// and per-user links; plus the phone's view of a friend's current menu, a richmenuswitch tap, and the impressions and
// area taps the insight summary counts.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { checkImageUpload } from '../../scenario/image-upload';
import { newToken } from './ids';

export type SandboxRichMenu = {
  richMenuId: string;
  /** The request as created (size, selected, name, chatBarText, areas). */
  body: RichMenuBody;
  image: { contentType: string; bytes: Buffer } | null;
};

/** What the insight summary counts: a menu shown on a phone (area null) or one of its areas tapped. */
export type RichMenuInsightEvent = { richMenuId: string; userId: string; area: number | null; at: number };

export type RichMenuState = {
  menus: Map<string, SandboxRichMenu>;
  aliases: Map<string, string>;
  userLinks: Map<string, string>;
  defaultId: string | null;
  /** The menu each phone shows now: a change is one impression. */
  shown: Map<string, string>;
  insight: RichMenuInsightEvent[];
  /**
   * Fewer unique users tapping than this in the period and the summary holds back its figures. LINE does not publish
   * its own threshold; 1 shows any tap, a test raises it to see the held-back answer.
   */
  insightThreshold: number;
};

export const createRichMenuState = (): RichMenuState => ({
  menus: new Map(),
  aliases: new Map(),
  userLinks: new Map(),
  defaultId: null,
  shown: new Map(),
  insight: [],
  insightThreshold: 1,
});

export function resetRichMenuState(s: RichMenuState): void {
  s.menus.clear();
  s.aliases.clear();
  s.userLinks.clear();
  s.defaultId = null;
  s.shown.clear();
  s.insight.length = 0;
  s.insightThreshold = 1;
}

const Bounds = z.object({ x: z.number(), y: z.number(), width: z.number(), height: z.number() });
export const RichMenuBody = z.looseObject({
  size: z.object({ width: z.number(), height: z.number() }),
  selected: z.boolean(),
  name: z.string(),
  chatBarText: z.string(),
  areas: z.array(z.looseObject({ bounds: Bounds, action: z.looseObject({ type: z.string() }) })),
});
export type RichMenuBody = z.infer<typeof RichMenuBody>;
export const AliasBody = z.object({ richMenuAliasId: z.string(), richMenuId: z.string() });
export const UpdateAliasBody = z.object({ richMenuId: z.string() });

export const RICH_MENU_IMAGE_MAX_BYTES = 1024 * 1024;
const ALIAS_ID = /^[A-Za-z0-9_-]{1,32}$/;

/** LINE's checks beyond the schema: the size range and ratio, ≤ 20 areas inside the image, chat bar text ≤ 14. */
export function richMenuProblems(body: unknown): { message: string; property: string }[] {
  const r = RichMenuBody.safeParse(body);
  if (!r.success) return [{ message: 'Must be a rich menu object', property: '' }];
  const { size, areas, chatBarText, name } = r.data;
  const out: { message: string; property: string }[] = [];
  if (size.width < 800 || size.width > 2500) out.push({ message: 'Width must be between 800 and 2500', property: 'size.width' });
  if (size.height < 250 || size.width / size.height < 1.45)
    out.push({ message: 'Height must be at least 250 and width/height at least 1.45', property: 'size.height' });
  if (areas.length > 20) out.push({ message: 'Size must be between 0 and 20', property: 'areas' });
  if (chatBarText.length > 14) out.push({ message: 'Length must be between 0 and 14', property: 'chatBarText' });
  if (name.length > 300) out.push({ message: 'Length must be between 0 and 300', property: 'name' });
  areas.forEach((a, i) => {
    const b = a.bounds;
    if (b.x < 0 || b.y < 0 || b.x + b.width > size.width || b.y + b.height > size.height) {
      out.push({ message: 'The area is outside the rich menu', property: `areas[${i}].bounds` });
    }
  });
  return out;
}

export const newRichMenuId = (): string => `richmenu-${Buffer.from(newToken(16), 'base64url').toString('hex').slice(0, 32)}`;

/** Judges an uploaded image against the menu: JPEG or PNG by its bytes, at most 1 MB, exactly the menu's size. */
export function imageProblem(menu: SandboxRichMenu, contentType: string, bytes: Buffer): string | null {
  if (!/^image\/(jpeg|png)$/i.test(contentType)) return `The content type, '${contentType}', is not supported`;
  if (bytes.length > RICH_MENU_IMAGE_MAX_BYTES) return 'The image exceeds the maximum size of 1 MB';
  const check = checkImageUpload(bytes);
  if (!check.ok) return 'The image could not be read as a JPEG or PNG';
  if (check.contentType !== contentType.toLowerCase()) return `The content type does not match the image (${check.contentType})`;
  const { width, height } = menu.body.size;
  if (check.width !== width || check.height !== height) {
    return `The image size ${check.width}x${check.height} does not match the rich menu size ${width}x${height}`;
  }
  return null;
}

export const isAliasId = (id: string): boolean => ALIAS_ID.test(id);

/** The menu a user sees: their own link, else the default, else none. */
export function currentMenuOf(s: RichMenuState, userId: string): SandboxRichMenu | null {
  const id = s.userLinks.get(userId) ?? s.defaultId;
  return id ? (s.menus.get(id) ?? null) : null;
}

/** The phone's view: the menu's request (areas and actions) and where its image is; null when the friend sees none. */
export function menuView(s: RichMenuState, userId: string, now: number) {
  const m = currentMenuOf(s, userId);
  if (!m || !m.image) return { richMenu: null };
  // The phone polls: only a menu it was not showing counts as an impression.
  if (s.shown.get(userId) !== m.richMenuId) {
    s.shown.set(userId, m.richMenuId);
    s.insight.push({ richMenuId: m.richMenuId, userId, area: null, at: now });
  }
  return {
    richMenu: {
      richMenuId: m.richMenuId,
      linked: s.userLinks.has(userId),
      ...m.body,
      imagePath: `/__sandbox/richmenus/${m.richMenuId}/image`,
    },
  };
}

/** GET /__sandbox/richmenus/:id/image: the uploaded bytes (the phone draws them); false for any other path. */
export function handleRichMenuImage(req: IncomingMessage, res: ServerResponse, url: URL, s: RichMenuState): boolean {
  const m = /^\/__sandbox\/richmenus\/(richmenu-[0-9a-f]{32})\/image$/.exec(url.pathname);
  if (!m || req.method !== 'GET') return false;
  const image = s.menus.get(m[1] ?? '')?.image;
  if (!image) {
    res.writeHead(404, { 'access-control-allow-origin': '*' });
    res.end();
    return true;
  }
  res.writeHead(200, {
    'content-type': image.contentType,
    'content-length': image.bytes.length,
    'access-control-allow-origin': '*',
    'cache-control': 'no-store',
  });
  res.end(image.bytes);
  return true;
}

/** A tap on area `area` of the menu the phone shows: counted for the insight summary; false when there is no such area. */
export function recordAreaTap(s: RichMenuState, userId: string, area: number, now: number): boolean {
  const m = currentMenuOf(s, userId);
  if (!m || !m.body.areas[area]) return false;
  s.insight.push({ richMenuId: m.richMenuId, userId, area, at: now });
  return true;
}

const JST_MS = 9 * 3_600_000;
const DAY_MS = 86_400_000;
/** yyyyMMdd (JST) → the day's number since the epoch; null when it is no calendar date. */
export function jstDayOf(yyyymmdd: string): number | null {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(yyyymmdd);
  if (!m) return null;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const d = new Date(t);
  if (d.getUTCFullYear() !== Number(m[1]) || d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3])) return null;
  return t / DAY_MS;
}
const jstDay = (at: number): number => Math.floor((at + JST_MS) / DAY_MS);
const yyyymmdd = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10).replaceAll('-', '');

/**
 * GET /v2/bot/insight/richmenu/{richMenuId}/summary for days `from`..`to` (JST, inclusive): impressions and each
 * area's clicks, or only the id when fewer unique users clicked than the privacy threshold.
 */
export function richMenuInsightSummary(s: RichMenuState, menu: SandboxRichMenu, range: { from: number; to: number }) {
  const inRange = s.insight.filter((e) => e.richMenuId === menu.richMenuId && jstDay(e.at) >= range.from && jstDay(e.at) <= range.to);
  const metrics = (list: RichMenuInsightEvent[]) => ({ count: list.length, uniqueUsers: new Set(list.map((e) => e.userId)).size });
  const clicks = inRange.filter((e) => e.area !== null);
  if (metrics(clicks).uniqueUsers < s.insightThreshold) return { richMenuId: menu.richMenuId };
  const b = (x: { x: number; y: number; width: number; height: number }) => ({ x: x.x, y: x.y, width: x.width, height: x.height });
  return {
    richMenuId: menu.richMenuId,
    metricsFrom: yyyymmdd(range.from),
    metricsTo: yyyymmdd(range.to),
    impression: { metrics: metrics(inRange.filter((e) => e.area === null)) },
    clicks: menu.body.areas.map((a, i) => ({ bounds: b(a.bounds), metrics: metrics(clicks.filter((e) => e.area === i)) })),
  };
}
