// LINE's rich-menu statistics (GET /v2/bot/insight/richmenu/{richMenuId}/summary, insight.yml): impressions and each
// area's clicks over a period. @line/bot-sdk has no method for it yet, so this is a plain call, parsed with zod.
import { z } from 'zod';

const Metrics = z.object({ count: z.number().int(), uniqueUsers: z.number().int() });
const SummarySchema = z.object({
  richMenuId: z.string(),
  metricsFrom: z.string().nullish(),
  metricsTo: z.string().nullish(),
  impression: z.object({ metrics: Metrics }).optional(),
  clicks: z
    .array(z.object({ bounds: z.object({ x: z.number(), y: z.number(), width: z.number(), height: z.number() }), metrics: Metrics }))
    .optional(),
});

export type RichMenuInsight =
  /** Fewer people tapped than LINE's privacy threshold: LINE holds the figures back. */
  | { status: 'below_threshold' }
  | {
      status: 'ok';
      from: string | null;
      to: string | null;
      impressions: { count: number; uniqueUsers: number };
      /** In the order of the menu's areas as published. */
      clicks: { count: number; uniqueUsers: number }[];
    };

export type RichMenuInsightReader = (lineRichMenuId: string, range: { from: string; to: string }) => Promise<RichMenuInsight | null>;

/** yyyyMMdd of an instant in Japan (LINE's insight dates are UTC+9). */
export function jstDate(at: Date): string {
  return new Date(at.getTime() + 9 * 3_600_000).toISOString().slice(0, 10).replaceAll('-', '');
}

/** Null when LINE no longer has the menu (404); throws on other failures (the page shows the figures as unavailable). */
export function createRichMenuInsightReader(opts: { channelAccessToken: string; baseURL: string }): RichMenuInsightReader {
  const origin = new URL(opts.baseURL).origin;
  return async (lineRichMenuId, range) => {
    const url = new URL(`/v2/bot/insight/richmenu/${encodeURIComponent(lineRichMenuId)}/summary`, origin);
    url.searchParams.set('from', range.from);
    url.searchParams.set('to', range.to);
    const res = await fetch(url, { headers: { authorization: `Bearer ${opts.channelAccessToken}` }, signal: AbortSignal.timeout(10_000) });
    if (res.status === 404) return null;
    if (!res.ok) throw new Error(`LINE rich-menu insight answered ${res.status}`);
    const body = SummarySchema.parse(await res.json());
    if (!body.impression || !body.clicks) return { status: 'below_threshold' };
    return {
      status: 'ok',
      from: body.metricsFrom ?? null,
      to: body.metricsTo ?? null,
      impressions: body.impression.metrics,
      clicks: body.clicks.map((c) => c.metrics),
    };
  };
}
