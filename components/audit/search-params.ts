// The audit page's query string: action, who, object type and id, a range of Japan-time days and the "older" cursor.
// Bad values are dropped, never fatal; days are JST calendar days whatever the server's time zone.
import { DateTime } from 'luxon';
import { z } from 'zod';

export const AUDIT_PAGE_SIZE = 100;

const text = (max: number) => z.string().trim().min(1).max(max).optional().catch(undefined);
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((s) => DateTime.fromISO(s, { zone: 'Asia/Tokyo' }).isValid)
  .optional()
  .catch(undefined);

export const AuditSearchParamsSchema = z.object({
  action: z
    .string()
    .regex(/^[a-z_]{1,60}$/)
    .optional()
    .catch(undefined),
  actor: text(320),
  type: z
    .string()
    .regex(/^[a-z_]{1,40}$/)
    .optional()
    .catch(undefined),
  id: text(200),
  from: day,
  to: day,
  before: z.uuid().optional().catch(undefined),
});
export type AuditSearchParams = z.infer<typeof AuditSearchParamsSchema>;

export function parseAuditSearchParams(raw: Record<string, string | string[] | undefined>): AuditSearchParams {
  const first = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  return AuditSearchParamsSchema.parse(first);
}

const jstDayStart = (d: string) => DateTime.fromISO(d, { zone: 'Asia/Tokyo' }).startOf('day');

/** The query's instants: from the start of the `from` day to the end of the `to` day, both in JST. */
export function auditRange(p: AuditSearchParams): { from?: Date; to?: Date } {
  return {
    ...(p.from ? { from: jstDayStart(p.from).toJSDate() } : {}),
    ...(p.to ? { to: jstDayStart(p.to).plus({ days: 1 }).toJSDate() } : {}),
  };
}

/** The same filters, optionally continuing after the row `before`. */
export function auditHref(p: AuditSearchParams, before?: string): string {
  const s = new URLSearchParams();
  for (const k of ['action', 'actor', 'type', 'id', 'from', 'to'] as const) {
    const v = p[k];
    if (v) s.set(k, v);
  }
  if (before) s.set('before', before);
  const qs = s.toString();
  return qs ? `/audit?${qs}` : '/audit';
}
