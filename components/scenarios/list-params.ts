// The scenario list's query string (?q=name&status=live|…|archived): bad values are dropped, never fatal.
import { z } from 'zod';
import type { ScenarioStatus } from '@/lib/ui-types';

/** The status tabs, in the order shown: the four statuses, then the archive (where archived scenarios only are). */
export const LIST_FILTERS = ['draft', 'live', 'paused', 'stopped', 'archived'] as const satisfies readonly (ScenarioStatus | 'archived')[];
export type ListFilter = (typeof LIST_FILTERS)[number];

const ListParamsSchema = z.object({
  q: z.string().trim().min(1).max(100).optional().catch(undefined),
  status: z.enum(LIST_FILTERS).optional().catch(undefined),
});
export type ListParams = z.infer<typeof ListParamsSchema>;

/** Next gives string | string[]; the first value counts. */
export function parseListParams(raw: Record<string, string | string[] | undefined>): ListParams {
  const first = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  return ListParamsSchema.parse(first);
}

/** The list's URL with these filters. */
export function listHref(p: ListParams): string {
  const s = new URLSearchParams();
  if (p.q) s.set('q', p.q);
  if (p.status) s.set('status', p.status);
  const qs = s.toString();
  return qs ? `/scenarios?${qs}` : '/scenarios';
}
