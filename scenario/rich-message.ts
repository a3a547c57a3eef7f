// Rich messages (リッチメッセージ): one 1040 px-wide image cut into tappable areas by a layout like LINE公式's, each area
// opening a link (tracked like any link) or sending a text. The imagemap is the message; the builder reads it back only
// when it is exactly what richToImagemap writes, so a hand-made imagemap is never half-understood.
import { z } from 'zod';
import { LINE_LIMITS, type LimitIssue } from './line-limits';
import type { LineMessage } from './messages';

export type ImagemapMessage = Extract<LineMessage, { type: 'imagemap' }>;
export type ImagemapArea = ImagemapMessage['actions'][number]['area'];

/** LINE's imagemap width: baseSize.width is always 1040, the image is uploaded at that width. */
export const RICH_WIDTH = 1040;
/** The widths LINE fetches as `${baseUrl}/${width}`, by the phone's screen. */
export const RICH_WIDTHS = [240, 300, 460, 700, 1040] as const;
export type RichWidth = (typeof RICH_WIDTHS)[number];

type Cell = { col: number; row: number; cols?: number; rows?: number };
type Layout = { grid: { cols: number; rows: number }; cells: readonly Cell[]; sizes: readonly (readonly [number, number])[] };

/** LINE公式's templates: a grid and the cells each area covers, with the image sizes that suit them. */
export const RICH_LAYOUTS = {
  one: {
    grid: { cols: 1, rows: 1 },
    cells: [{ col: 0, row: 0 }],
    sizes: [
      [1040, 1040],
      [1040, 701],
      [1040, 520],
    ],
  },
  'two-columns': {
    grid: { cols: 2, rows: 1 },
    cells: [
      { col: 0, row: 0 },
      { col: 1, row: 0 },
    ],
    sizes: [
      [1040, 520],
      [1040, 1040],
    ],
  },
  'two-rows': {
    grid: { cols: 1, rows: 2 },
    cells: [
      { col: 0, row: 0 },
      { col: 0, row: 1 },
    ],
    sizes: [
      [1040, 1040],
      [1040, 701],
    ],
  },
  'three-top': {
    grid: { cols: 2, rows: 2 },
    cells: [
      { col: 0, row: 0, cols: 2 },
      { col: 0, row: 1 },
      { col: 1, row: 1 },
    ],
    sizes: [
      [1040, 1040],
      [1040, 701],
    ],
  },
  'three-columns': {
    grid: { cols: 3, rows: 1 },
    cells: [
      { col: 0, row: 0 },
      { col: 1, row: 0 },
      { col: 2, row: 0 },
    ],
    sizes: [
      [1040, 520],
      [1040, 701],
    ],
  },
  'four-grid': {
    grid: { cols: 2, rows: 2 },
    cells: [
      { col: 0, row: 0 },
      { col: 1, row: 0 },
      { col: 0, row: 1 },
      { col: 1, row: 1 },
    ],
    sizes: [
      [1040, 1040],
      [1040, 701],
    ],
  },
  'six-grid': {
    grid: { cols: 3, rows: 2 },
    cells: [
      { col: 0, row: 0 },
      { col: 1, row: 0 },
      { col: 2, row: 0 },
      { col: 0, row: 1 },
      { col: 1, row: 1 },
      { col: 2, row: 1 },
    ],
    sizes: [
      [1040, 701],
      [1040, 1040],
    ],
  },
} as const satisfies Record<string, Layout>;

export type RichLayoutId = keyof typeof RICH_LAYOUTS;
export const RICH_LAYOUT_IDS = Object.keys(RICH_LAYOUTS) as RichLayoutId[];

export const RichAreaSchema = z.object({
  /** uri: opens a link (tracked when the send tracks links); message: the friend says `value`; none: not tappable. */
  kind: z.enum(['uri', 'message', 'none']),
  value: z.string(),
});
export type RichArea = z.infer<typeof RichAreaSchema>;

export type RichMessage = {
  /** `https://…/media/{id}/rich`, or '' before an image is uploaded. */
  baseUrl: string;
  /** The image's height at 1040 px wide. */
  height: number;
  altText: string;
  layout: RichLayoutId;
  /** One per cell of the layout, in its order. */
  areas: RichArea[];
};

/** Before an image is uploaded the areas are laid out on a square. */
export const DEFAULT_RICH_HEIGHT = 1040;
export const EMPTY_AREA: RichArea = { kind: 'uri', value: '' };

/** The areas of a layout on a 1040 × height image: grid lines are rounded once, so neighbours share an edge exactly. */
export function layoutAreas(layout: RichLayoutId, height: number): ImagemapArea[] {
  const l: Layout = RICH_LAYOUTS[layout];
  const xAt = (i: number) => Math.round((i * RICH_WIDTH) / l.grid.cols);
  const yAt = (j: number) => Math.round((j * height) / l.grid.rows);
  return l.cells.map((c) => {
    const [x, y] = [xAt(c.col), yAt(c.row)];
    return { x, y, width: xAt(c.col + (c.cols ?? 1)) - x, height: yAt(c.row + (c.rows ?? 1)) - y };
  });
}

/** The areas for a layout, keeping what was set for the first ones (a layout switch never loses typed links). */
export function fitAreas(areas: readonly RichArea[], layout: RichLayoutId): RichArea[] {
  return RICH_LAYOUTS[layout].cells.map((_, i) => areas[i] ?? EMPTY_AREA);
}

export function richToImagemap(r: RichMessage): ImagemapMessage {
  const areas = layoutAreas(r.layout, r.height);
  const actions: ImagemapMessage['actions'] = [];
  areas.forEach((area, i) => {
    const a = r.areas[i] ?? EMPTY_AREA;
    if (a.kind === 'uri') actions.push({ type: 'uri', linkUri: a.value, area });
    else if (a.kind === 'message') actions.push({ type: 'message', text: a.value, area });
  });
  return { type: 'imagemap', baseUrl: r.baseUrl, altText: r.altText, baseSize: { width: RICH_WIDTH, height: r.height }, actions };
}

const sameArea = (a: ImagemapArea, b: ImagemapArea) => a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;

function sameImagemap(a: ImagemapMessage, b: ImagemapMessage): boolean {
  return (
    a.baseUrl === b.baseUrl &&
    a.altText === b.altText &&
    a.baseSize.height === b.baseSize.height &&
    a.actions.length === b.actions.length &&
    a.actions.every((x, i) => {
      const y = b.actions[i];
      if (!y || x.type !== y.type || x.label !== undefined || y.label !== undefined || !sameArea(x.area, y.area)) return false;
      return x.type === 'uri' ? y.type === 'uri' && x.linkUri === y.linkUri : y.type === 'message' && x.text === y.text;
    })
  );
}

/** The builder's view of an imagemap it wrote (sent ones included: their links rewritten, their shape the same), else null. */
export function imagemapToRich(m: LineMessage): RichMessage | null {
  if (m.type !== 'imagemap') return null;
  for (const layout of RICH_LAYOUT_IDS) {
    const areas = layoutAreas(layout, m.baseSize.height).map((cell): RichArea => {
      const a = m.actions.find((x) => sameArea(x.area, cell));
      if (!a) return { kind: 'none', value: '' };
      return a.type === 'uri' ? { kind: 'uri', value: a.linkUri } : { kind: 'message', value: a.text };
    });
    const rich: RichMessage = { baseUrl: m.baseUrl, height: m.baseSize.height, altText: m.altText, layout, areas };
    if (sameImagemap(richToImagemap(rich), m)) return rich;
  }
  return null;
}

/** A, B, C…: how LINE公式 names the areas of a template. */
export const areaName = (i: number) => String.fromCharCode(65 + i);

export const RICH_CODES = {
  rich_image_missing: 'A rich message without its image.',
  rich_no_action: 'A rich message none of whose areas can be tapped.',
  rich_area_empty: 'A rich message area without its link or text.',
  rich_area_not_https: 'A rich message area whose link is not https.',
} as const;

const issue = (code: keyof typeof RICH_CODES, message: string, messageJa: string, path: (string | number)[]): LimitIssue => ({
  code,
  message,
  messageJa,
  path,
});

/** The builder's rules (LINE's own limits are checked on the imagemap it makes), with paths under `path` + rich. */
export function checkRich(r: RichMessage, path: (string | number)[] = []): LimitIssue[] {
  const at = [...path, 'rich'];
  const out: LimitIssue[] = [];
  if (!/^https:\/\/\S+$/.test(r.baseUrl))
    out.push(
      issue('rich_image_missing', 'Upload the rich message’s image.', 'リッチメッセージの画像をアップロードしてください。', [
        ...at,
        'baseUrl',
      ]),
    );
  if (r.areas.every((a) => a.kind === 'none'))
    out.push(
      issue('rich_no_action', 'Give at least one area a link or a text.', '少なくとも1つのエリアにリンクかテキストを設定してください。', [
        ...at,
        'areas',
      ]),
    );
  r.areas.forEach((a, i) => {
    const where = [...at, 'areas', i];
    const n = areaName(i);
    if (a.kind === 'none') return;
    if (a.value.trim() === '') {
      const [en, ja] = a.kind === 'uri' ? ['link', 'リンク先URL'] : ['text to send', '送信するテキスト'];
      out.push(issue('rich_area_empty', `Area ${n} has no ${en}.`, `エリア${n}の${ja}がありません。`, where));
    } else if (a.kind === 'uri' && !/^https:\/\//i.test(a.value.trim()) && !a.value.trimStart().startsWith('{{')) {
      out.push(
        issue(
          'rich_area_not_https',
          `Area ${n}: the link must start with https://.`,
          `エリア${n}：リンクは https:// で始まるURLにしてください。`,
          where,
        ),
      );
    }
  });
  return out;
}

/** What LINE allows an imagemap message action's text (its own limit, tighter than other message actions'). */
export const RICH_TEXT_MAX = LINE_LIMITS.imagemapText;
