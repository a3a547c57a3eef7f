// The analytics pages' query string (from, to as JST days; version) → a half-open instant range, with a 30-day default.
import { DateTime } from 'luxon';
import { z } from 'zod';

export const ANALYTICS_ZONE = 'Asia/Tokyo';
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const AnalyticsParamsSchema = z.object({
  from: Day.optional().catch(undefined),
  to: Day.optional().catch(undefined),
  version: z.uuid().optional().catch(undefined),
});

export interface AnalyticsRange {
  /** First and last JST day included (yyyy-mm-dd). */
  fromDay: string;
  toDay: string;
  from: Date;
  /** Exclusive: midnight JST after toDay. */
  to: Date;
  versionId: string | null;
}

/** Unreadable values fall back to the default (the last 30 days up to today in Japan); from after to is swapped. */
export function analyticsRange(params: Record<string, string | string[] | undefined>, now: number, defaultDays = 30): AnalyticsRange {
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const p = AnalyticsParamsSchema.parse({ from: first(params.from), to: first(params.to), version: first(params.version) });
  const day = (s: string | undefined) => {
    const d = s ? DateTime.fromISO(s, { zone: ANALYTICS_ZONE }) : null;
    return d?.isValid ? d.startOf('day') : null;
  };
  const today = DateTime.fromMillis(now, { zone: ANALYTICS_ZONE }).startOf('day');
  let to = day(p.to) ?? today;
  let from = day(p.from) ?? to.minus({ days: defaultDays - 1 });
  if (from > to) [from, to] = [to, from];
  return {
    fromDay: from.toISODate() ?? '',
    toDay: to.toISODate() ?? '',
    from: from.toJSDate(),
    to: to.plus({ days: 1 }).toJSDate(),
    versionId: p.version ?? null,
  };
}

/** The query string for a range (what the filter form, the CSV link and the page links share). */
export function rangeQuery(r: Pick<AnalyticsRange, 'fromDay' | 'toDay' | 'versionId'>): string {
  const q = new URLSearchParams({ from: r.fromDay, to: r.toDay });
  if (r.versionId) q.set('version', r.versionId);
  return q.toString();
}
