// Rich menus (the menu under the LINE chat): LINE's image and area rules, tap-area templates and geometry, the
// per-segment rules (first match wins, else the default) and the request LINE's create endpoint takes. Pure.
import { z } from 'zod';
import { ConditionSchema, evaluate, type Condition } from './conditions';
import type { FriendSnapshot } from './friend';

/** The full image sizes LINE takes for a rich menu (width × height). */
export const RICH_MENU_SIZES = [
  { width: 2500, height: 1686 },
  { width: 2500, height: 843 },
  { width: 1200, height: 810 },
  { width: 1200, height: 405 },
  { width: 800, height: 540 },
  { width: 800, height: 270 },
] as const;
export const RICH_MENU_LIMITS = { imageBytes: 1024 * 1024, areas: 20, chatBarText: 14, name: 300, actionText: 300, uri: 1000 } as const;

const EVENT_NAME = /^[A-Za-z][A-Za-z0-9_.:-]{0,63}$/;

export const RichMenuBoundsSchema = z.object({
  x: z.number().int().min(0),
  y: z.number().int().min(0),
  width: z.number().int().min(1),
  height: z.number().int().min(1),
});
export type RichMenuBounds = z.infer<typeof RichMenuBoundsSchema>;

export const RichMenuAreaActionSchema = z.discriminatedUnion('type', [
  /** A tap becomes the event `event` (postback data `action=<event>`), which can start or resume scenarios. */
  z.object({ type: z.literal('postback'), event: z.string().regex(EVENT_NAME), displayText: z.string().max(300).default('') }),
  z.object({
    type: z.literal('uri'),
    uri: z
      .string()
      .max(RICH_MENU_LIMITS.uri)
      .regex(/^(https?:\/\/|tel:|line:\/\/)/),
  }),
  z.object({ type: z.literal('message'), text: z.string().min(1).max(RICH_MENU_LIMITS.actionText) }),
  /** Switches to another of Kizuna's menus through its richmenuswitch alias. */
  z.object({ type: z.literal('switch'), toMenuId: z.uuid() }),
]);
export type RichMenuAreaAction = z.infer<typeof RichMenuAreaActionSchema>;

export const RichMenuAreaSchema = z.object({ bounds: RichMenuBoundsSchema, action: RichMenuAreaActionSchema });
export type RichMenuArea = z.infer<typeof RichMenuAreaSchema>;

export const RichMenuDraftSchema = z.object({
  name: z.string().trim().min(1).max(RICH_MENU_LIMITS.name),
  chatBarText: z.string().trim().min(1).max(RICH_MENU_LIMITS.chatBarText),
  /** Whether the menu opens expanded. */
  selected: z.boolean().default(true),
  size: z.object({ width: z.number().int(), height: z.number().int() }),
  areas: z.array(RichMenuAreaSchema).max(RICH_MENU_LIMITS.areas),
});
export type RichMenuDraft = z.infer<typeof RichMenuDraftSchema>;

export type RichMenuIssue = { code: string; message: string; messageJa: string; path: (string | number)[] };

export const isRichMenuSize = (width: number, height: number): boolean =>
  RICH_MENU_SIZES.some((s) => s.width === width && s.height === height);

/** Why an image cannot be a rich menu's, in both languages; null when it can. */
export function richMenuImageProblem(img: { kind: string; width: number; height: number; bytes: number }): RichMenuIssue | null {
  const sizes = RICH_MENU_SIZES.map((s) => `${s.width}×${s.height}`).join(', ');
  if (img.kind !== 'jpeg' && img.kind !== 'png') {
    return {
      code: 'image_type',
      path: ['image'],
      message: 'A rich menu image must be a JPEG or PNG file.',
      messageJa: 'リッチメニューの画像はJPEGかPNGにしてください。',
    };
  }
  if (img.bytes > RICH_MENU_LIMITS.imageBytes) {
    const mb = (img.bytes / 1024 / 1024).toFixed(2);
    return {
      code: 'image_too_large',
      path: ['image'],
      message: `The image is ${mb} MB; LINE takes at most 1 MB for a rich menu.`,
      messageJa: `画像が${mb}MBあります。リッチメニューの画像は1MB以下にしてください。`,
    };
  }
  if (!isRichMenuSize(img.width, img.height)) {
    return {
      code: 'image_size',
      path: ['image'],
      message: `The image is ${img.width}×${img.height} px; LINE takes only ${sizes}.`,
      messageJa: `画像が${img.width}×${img.height}pxです。リッチメニューに使えるのは ${sizes} のみです。`,
    };
  }
  return null;
}

const inside = (b: RichMenuBounds, w: number, h: number) => b.x + b.width <= w && b.y + b.height <= h;
const overlaps = (a: RichMenuBounds, b: RichMenuBounds) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Every problem of a draft with its place; `menuIds` are the menus a switch may point at. */
export function checkRichMenu(d: RichMenuDraft, menuIds?: readonly string[]): RichMenuIssue[] {
  const issues: RichMenuIssue[] = [];
  const { width, height } = d.size;
  if (!isRichMenuSize(width, height)) {
    issues.push({
      code: 'size',
      path: ['size'],
      message: `${width}×${height} is not a rich menu size.`,
      messageJa: `${width}×${height}はリッチメニューのサイズではありません。`,
    });
  }
  if (d.areas.length === 0) {
    issues.push({
      code: 'no_areas',
      path: ['areas'],
      message: 'Add at least one tap area.',
      messageJa: 'タップ領域を1つ以上追加してください。',
    });
  }
  d.areas.forEach((a, i) => {
    if (!inside(a.bounds, width, height)) {
      issues.push({
        code: 'area_outside',
        path: ['areas', i, 'bounds'],
        message: `Area ${i + 1} goes past the image.`,
        messageJa: `領域${i + 1}が画像からはみ出しています。`,
      });
    }
    d.areas.slice(0, i).forEach((b, j) => {
      if (overlaps(a.bounds, b.bounds)) {
        issues.push({
          code: 'area_overlap',
          path: ['areas', i, 'bounds'],
          message: `Area ${i + 1} overlaps area ${j + 1}.`,
          messageJa: `領域${i + 1}が領域${j + 1}と重なっています。`,
        });
      }
    });
    if (a.action.type === 'switch' && menuIds && !menuIds.includes(a.action.toMenuId)) {
      issues.push({
        code: 'switch_target',
        path: ['areas', i, 'action'],
        message: `Area ${i + 1} switches to a menu that does not exist.`,
        messageJa: `領域${i + 1}の切替先メニューがありません。`,
      });
    }
  });
  return issues;
}

/** Tap-area layouts offered before drawing: columns × rows per band, top band first. */
export const RICH_MENU_TEMPLATES = {
  full: [[1, 1]],
  halves: [[2, 1]],
  thirds: [[3, 1]],
  grid4: [[2, 2]],
  grid6: [[3, 2]],
  wide_top_three: [
    [1, 1],
    [3, 1],
  ],
} as const satisfies Record<string, ReadonlyArray<readonly [number, number]>>;
export type RichMenuTemplate = keyof typeof RICH_MENU_TEMPLATES;

/** The template's rectangles over an image, tiling it exactly (the last column and row take the rounding). */
export function templateBounds(template: RichMenuTemplate, size: { width: number; height: number }): RichMenuBounds[] {
  const bands = RICH_MENU_TEMPLATES[template];
  const out: RichMenuBounds[] = [];
  const bandEdges = edges(size.height, bands.length);
  bands.forEach(([cols, rows], bi) => {
    const top = bandEdges[bi] ?? 0;
    const bandHeight = (bandEdges[bi + 1] ?? size.height) - top;
    const ys = edges(bandHeight, rows);
    const xs = edges(size.width, cols);
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        const x = xs[c] ?? 0;
        const y = top + (ys[r] ?? 0);
        out.push({ x, y, width: (xs[c + 1] ?? size.width) - x, height: top + (ys[r + 1] ?? bandHeight) - y });
      }
    }
  });
  return out;
}

function edges(total: number, parts: number): number[] {
  return Array.from({ length: parts + 1 }, (_, i) => Math.round((total * i) / parts));
}

/** A rectangle dragged from one point to another (either corner first), clamped to the image; null when too small. */
export function rectFromDrag(
  a: { x: number; y: number },
  b: { x: number; y: number },
  size: { width: number; height: number },
  minSide = 20,
): RichMenuBounds | null {
  const clampX = (v: number) => Math.min(Math.max(Math.round(v), 0), size.width);
  const clampY = (v: number) => Math.min(Math.max(Math.round(v), 0), size.height);
  const x0 = clampX(Math.min(a.x, b.x));
  const x1 = clampX(Math.max(a.x, b.x));
  const y0 = clampY(Math.min(a.y, b.y));
  const y1 = clampY(Math.max(a.y, b.y));
  if (x1 - x0 < minSide || y1 - y0 < minSide) return null;
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/** The index of the area under a point of the image, or -1. */
export function areaAt(areas: readonly { bounds: RichMenuBounds }[], x: number, y: number): number {
  return areas.findIndex(({ bounds: b }) => x >= b.x && x < b.x + b.width && y >= b.y && y < b.y + b.height);
}

/** A rule: friends matching `condition` get `menuId`; rules are tried in order. */
export const RichMenuRuleSchema = z.object({ menuId: z.uuid(), condition: ConditionSchema });
export type RichMenuRule = { menuId: string; condition: Condition };

/** The menu a friend should have: the first rule that matches, else the default (null: LINE's own default). */
export function pickRichMenu(
  rules: readonly RichMenuRule[],
  defaultMenuId: string | null,
  ctx: { friend: FriendSnapshot; now: number; timeZone: string },
): string | null {
  for (const r of rules) if (evaluate(r.condition, ctx)) return r.menuId;
  return defaultMenuId;
}

/** Postback data of an area: the event name and where the tap came from (counted per area on the menu's page). */
export function tapData(event: string, menuId: string, area: number): string {
  return `action=${event}&rm=${menuId}&ra=${area}`;
}
export const SWITCH_EVENT = 'rich_menu_switch';

/** LINE's alias for a menu (richmenuswitch targets it): at most 32 characters of [A-Za-z0-9_-]. */
export const aliasIdOf = (menuId: string): string => `kz-${menuId.replace(/-/g, '').slice(0, 29)}`;

type LineAction =
  | { type: 'postback'; data: string; displayText?: string }
  | { type: 'uri'; uri: string }
  | { type: 'message'; text: string }
  | { type: 'richmenuswitch'; richMenuAliasId: string; data: string };

/** LINE's RichMenuRequest for a draft (its `id` keys the taps); `uriOf` may turn a URI into a tracked one. */
export function toLineRichMenu(
  menuId: string,
  d: RichMenuDraft,
  uriOf: (uri: string, area: number) => string = (u) => u,
): {
  size: { width: number; height: number };
  selected: boolean;
  name: string;
  chatBarText: string;
  areas: { bounds: RichMenuBounds; action: LineAction }[];
} {
  return {
    size: d.size,
    selected: d.selected,
    name: d.name,
    chatBarText: d.chatBarText,
    areas: d.areas.map((a, i) => ({ bounds: a.bounds, action: lineAction(menuId, a.action, i, uriOf) })),
  };
}

function lineAction(menuId: string, a: RichMenuAreaAction, i: number, uriOf: (uri: string, area: number) => string): LineAction {
  switch (a.type) {
    case 'postback':
      return { type: 'postback', data: tapData(a.event, menuId, i), ...(a.displayText ? { displayText: a.displayText } : {}) };
    case 'uri':
      return { type: 'uri', uri: uriOf(a.uri, i) };
    case 'message':
      return { type: 'message', text: a.text };
    case 'switch':
      return { type: 'richmenuswitch', richMenuAliasId: aliasIdOf(a.toMenuId), data: tapData(SWITCH_EVENT, menuId, i) };
  }
}
