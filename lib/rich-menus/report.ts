// A rich menu's report: per area, Kizuna's own tap counts (postback and switch taps as events with the friend, URI
// taps through the tracked link, anonymous) beside LINE's rich-menu statistics (impressions, clicks per area).
import 'server-only';
import type { DbOrTx } from '@/db/client';
import { richMenuLinkTapCounts, richMenuTapCounts, type StoredRichMenu } from '@/db/queries/rich-menus';
import { jstDate, type RichMenuInsightReader } from '../line/rich-menu-insight';
import { describeError, logWarning } from '../log';

export interface RichMenuAreaFigures {
  area: number;
  /** Kizuna's count: taps and (for postback/switch areas) distinct friends; null where Kizuna cannot see taps (message). */
  taps: number | null;
  friends: number | null;
  /** LINE's count for the area of the published menu; null when LINE gave none. */
  lineClicks: { count: number; uniqueUsers: number } | null;
}

export type LineFigures =
  | { status: 'ok'; from: string | null; to: string | null; impressions: { count: number; uniqueUsers: number } }
  | { status: 'below_threshold' | 'unavailable' | 'not_published' };

export interface RichMenuReport {
  areas: RichMenuAreaFigures[];
  line: LineFigures;
}

const DAY_MS = 86_400_000;
/** LINE serves at most 396 days in one call. */
const MAX_DAYS = 396;

export async function richMenuReport(
  deps: { db: DbOrTx; richMenuInsight: RichMenuInsightReader; now: () => Date },
  menu: StoredRichMenu,
): Promise<RichMenuReport> {
  const [events, links] = await Promise.all([richMenuTapCounts(deps.db, menu.id), richMenuLinkTapCounts(deps.db, menu.id)]);
  let line: LineFigures = { status: 'not_published' };
  let clicks: { count: number; uniqueUsers: number }[] = [];
  if (menu.lineRichMenuId && menu.publishedAt) {
    const now = deps.now();
    const since = new Date(Math.max(menu.publishedAt.getTime(), now.getTime() - MAX_DAYS * DAY_MS));
    try {
      const got = await deps.richMenuInsight(menu.lineRichMenuId, { from: jstDate(since), to: jstDate(now) });
      if (!got) line = { status: 'unavailable' };
      else if (got.status === 'below_threshold') line = { status: 'below_threshold' };
      else {
        line = { status: 'ok', from: got.from, to: got.to, impressions: got.impressions };
        clicks = got.clicks;
      }
    } catch (err) {
      logWarning(`rich menu report: LINE's statistics unavailable: ${describeError(err)}`);
      line = { status: 'unavailable' };
    }
  }
  const areas = menu.areas.map((a, i): RichMenuAreaFigures => {
    const lineClicks = clicks[i] ?? null;
    switch (a.action.type) {
      case 'postback':
      case 'switch':
        return { area: i, taps: events.get(i)?.taps ?? 0, friends: events.get(i)?.friends ?? 0, lineClicks };
      case 'uri':
        // Only http(s) targets go through the tracked link (lib/rich-menus/link-token.ts).
        return { area: i, taps: /^https?:\/\//.test(a.action.uri) ? (links.get(i) ?? 0) : null, friends: null, lineClicks };
      case 'message':
        return { area: i, taps: null, friends: null, lineClicks };
    }
  });
  return { areas, line };
}
