// Parses the friends page's query string (search, tag, attribute filter, status, page); bad values are dropped, never fatal.
import { z } from 'zod';

export const FRIENDS_PAGE_SIZE = 50;

const text = z.string().trim().min(1).max(200).optional().catch(undefined);

export const FriendsSearchParamsSchema = z.object({
  q: text,
  tag: text,
  attr: text,
  val: z.string().trim().max(200).optional().catch(undefined),
  status: z.enum(['active', 'blocked']).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
export type FriendsSearchParams = z.infer<typeof FriendsSearchParamsSchema>;

/** Next gives string | string[]; the first value counts. */
export function parseFriendsSearchParams(raw: Record<string, string | string[] | undefined>): FriendsSearchParams {
  const first = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  return FriendsSearchParamsSchema.parse(first);
}

export function toFriendSearch(p: FriendsSearchParams) {
  return {
    ...(p.q ? { q: p.q } : {}),
    ...(p.tag ? { tag: p.tag } : {}),
    ...(p.attr && p.val !== undefined && p.val !== '' ? { attribute: { key: p.attr, value: p.val } } : {}),
    ...(p.status ? { status: p.status } : {}),
    limit: FRIENDS_PAGE_SIZE,
    offset: (p.page - 1) * FRIENDS_PAGE_SIZE,
  };
}

/** The query string for another page with the same filters. */
export function pageHref(p: FriendsSearchParams, page: number): string {
  const s = new URLSearchParams();
  for (const k of ['q', 'tag', 'attr', 'val', 'status'] as const) {
    const v = p[k];
    if (v) s.set(k, v);
  }
  if (page > 1) s.set('page', String(page));
  const qs = s.toString();
  return qs ? `/friends?${qs}` : '/friends';
}
